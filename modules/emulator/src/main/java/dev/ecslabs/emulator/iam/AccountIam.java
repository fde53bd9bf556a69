package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.util.Optional;

/**
 * One account's IAM as other services see it (ECS when it assumes a task's roles): its roles and
 * what they may do, read under the lock of the account's global IAM state. It creates no state.
 */
public final class AccountIam {
    /** The principal ECS's tasks are: what an execution or task role must trust. */
    public static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    private final AccountRegion home;
    private final Roles roles;

    private AccountIam(AccountRegion home, Roles roles) {
        this.home = home;
        this.roles = roles;
    }

    /** Reads the account's IAM; {@code reader} gets an empty one when the account has never created a role. */
    public static <T> T read(StateStore store, String accountId, java.util.function.Function<Optional<AccountIam>, T> reader) {
        Optional<AccountRegion> home = store.existing(accountId, AwsService.GLOBAL_REGION);
        if (home.isEmpty()) {
            return reader.apply(Optional.empty());
        }
        return home.get().locked(() -> reader.apply(home.get().existingArea(Roles.class)
                .filter(roles -> !roles.isEmpty()).map(roles -> new AccountIam(home.get(), roles))));
    }

    /** The role an ARN names, if the account has it. */
    public Optional<IamRole> role(String arn) {
        return roles.findByArn(arn);
    }

    /** Whether the role's trust policy lets {@code service} assume it. */
    public static boolean trusts(IamRole role, String service) {
        return PolicyDocument.parse(role.role().assumeRolePolicyDocument(), PolicyDocument.Kind.TRUST)
                .trusts("Service", service, "sts:AssumeRole");
    }

    public PolicyEvaluator.Decision evaluate(IamRole role, String action, String resource) {
        return RolePermissions.evaluate(home, role, action, resource);
    }

    /**
     * IAM's AccessDenied sentence for a role's session
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
     */
    public static String accessDenied(String sessionArn, String action, String resource, PolicyEvaluator.Decision decision) {
        return "User: " + sessionArn + " is not authorized to perform: " + action + " on resource: " + resource
                + (decision == PolicyEvaluator.Decision.EXPLICIT_DENY ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action");
    }

    /** The ARN of a session of a role: {@code arn:aws:sts::<account>:assumed-role/<name>/<session>}. */
    public static String sessionArn(IamRole role, String accountId, String sessionName) {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + role.name() + "/" + sessionName;
    }
}
