package dev.ecslabs.emulator.protocol;

import dev.ecslabs.emulator.iam.AccountIam;
import dev.ecslabs.emulator.iam.PolicyEvaluator;
import dev.ecslabs.emulator.state.StateStore;
import java.util.Optional;

/**
 * What a role session may call: a call signed with a session's credentials (an app's task role) is
 * allowed only when the role's policies allow {@code <service>:<Action>} (the service's IAM prefix
 * is its signing name: {@code ecr:DescribeRepositories}); otherwise the service's AccessDenied with
 * IAM's sentence. Calls with an account's own keys are its root's and are not checked. The action
 * is evaluated against every resource (the request's resource ARN is not worked out): a statement's
 * Resource always matches, so an Allow scoped to one repository allows the action on all, and a Deny
 * scoped to one denies it on all. STS GetCallerIdentity needs no permission, as on AWS.
 */
public final class CallerPermissions {
    private CallerPermissions() {
    }

    public static void check(StateStore store, CallerIdentity caller, AwsService service, String action, String code,
                             int status) {
        Optional<dev.ecslabs.emulator.protocol.SessionCredentials.Session> session = caller.session();
        if (session.isEmpty() || service == AwsService.STS && action.equals("GetCallerIdentity")) {
            return;
        }
        String iamAction = service.signingName() + ":" + action;
        PolicyEvaluator.Decision decision = AccountIam.read(store, session.get().accountId(), iam -> iam
                .flatMap(account -> account.role(session.get().roleArn())
                        .map(role -> account.evaluate(role, iamAction, null)))
                .orElse(PolicyEvaluator.Decision.IMPLICIT_DENY));
        if (!decision.allowed()) {
            throw new AwsException(code, AccountIam.accessDenied(session.get().arn(), iamAction, "*", decision), status);
        }
    }
}
