package dev.ecslabs.emulator.sts;

import dev.ecslabs.emulator.iam.AccountIam;
import dev.ecslabs.emulator.iam.IamRole;
import dev.ecslabs.emulator.iam.PolicyDocument;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.protocol.SessionCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS. GetCallerIdentity answers who the credentials are
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html): an account's own
 * keys are its root (the access-key rule of the README), a role session's keys its assumed-role ARN.
 * AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html) gives a session
 * of a role of the caller's account whose trust policy trusts the caller (the account's root ARN or id,
 * or the calling session's ARN) for {@code sts:AssumeRole}.
 */
public final class StsActions implements ActionGroup {
    @Override
    public void register(OperationTable table) {
        table.add(AwsService.STS, "GetCallerIdentity", GetCallerIdentityRequest::builder, this::getCallerIdentity)
                .add(AwsService.STS, "AssumeRole", AssumeRoleRequest::builder, this::assumeRole);
    }

    GetCallerIdentityResponse getCallerIdentity(RequestContext context, GetCallerIdentityRequest request) {
        Optional<SessionCredentials.Session> session = context.caller().session();
        if (session.isPresent()) {
            return GetCallerIdentityResponse.builder().account(session.get().accountId())
                    .userId(session.get().roleId() + ":" + session.get().sessionName()).arn(session.get().arn()).build();
        }
        return GetCallerIdentityResponse.builder()
                .account(context.accountId())
                .userId(context.accountId())
                .arn("arn:aws:iam::" + context.accountId() + ":root")
                .build();
    }

    AssumeRoleResponse assumeRole(RequestContext context, AssumeRoleRequest request) {
        String caller = context.caller().session().map(SessionCredentials.Session::arn)
                .orElse("arn:aws:iam::" + context.accountId() + ":root");
        String root = "arn:aws:iam::" + context.accountId() + ":root";
        AwsException denied = new AwsException("AccessDenied", "User: " + caller + " is not authorized to perform: "
                + "sts:AssumeRole on resource: " + request.roleArn(), 403);
        Optional<IamRole> role = AccountIam.read(context.store(), context.accountId(), iam -> iam.flatMap(a -> a.role(request.roleArn())));
        if (role.isEmpty()) {
            throw denied;
        }
        PolicyDocument trust = PolicyDocument.parse(role.get().role().assumeRolePolicyDocument(), PolicyDocument.Kind.TRUST);
        if (!trust.trusts("AWS", caller, "sts:AssumeRole") && !trust.trusts("AWS", root, "sts:AssumeRole")) {
            throw denied;
        }
        int seconds = request.durationSeconds() == null ? 3600 : request.durationSeconds();
        int max = role.get().role().maxSessionDuration();
        if (seconds > max) {
            throw new AwsException("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set "
                    + "for this role (" + max + " s).");
        }
        // Expiration in real time: the SDK compares it with the machine's clock to refresh the credentials.
        SessionCredentials.Session session = SessionCredentials.issue(context.accountId(), role.get().role().arn(),
                role.get().role().roleId(), request.roleSessionName(), Instant.now().plus(Duration.ofSeconds(seconds)));
        return AssumeRoleResponse.builder()
                .credentials(c -> c.accessKeyId(session.accessKeyId()).secretAccessKey(session.secretAccessKey())
                        .sessionToken(session.sessionToken()).expiration(session.expiration()))
                .assumedRoleUser(u -> u.assumedRoleId(session.roleId() + ":" + session.sessionName()).arn(session.arn()))
                .build();
    }
}
