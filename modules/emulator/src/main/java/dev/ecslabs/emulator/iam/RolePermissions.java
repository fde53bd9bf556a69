package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * What a role may do: every policy IAM evaluates for a call made with the role's credentials (its
 * inline policies and the default versions of its attached managed policies), and the verdict for
 * one action on one resource. Read under the account's IAM state lock.
 */
public final class RolePermissions {
    private RolePermissions() {
    }

    public static List<PolicyDocument> policiesOf(AccountRegion iam, IamRole role) {
        List<PolicyDocument> policies = new ArrayList<>();
        for (String document : role.inlinePolicies().values()) {
            policies.add(PolicyDocument.parse(document, PolicyDocument.Kind.PERMISSIONS));
        }
        for (String arn : role.attachedPolicyArns()) {
            AwsManagedPolicies.find(arn).ifPresentOrElse(managed -> policies.add(managed.document()),
                    () -> CustomerPolicies.of(iam).find(arn).ifPresent(customer -> policies.add(PolicyDocument.parse(
                            customer.defaultVersion().document(), PolicyDocument.Kind.PERMISSIONS))));
        }
        return policies;
    }

    public static PolicyEvaluator.Decision evaluate(AccountRegion iam, IamRole role, String action, String resource) {
        return PolicyEvaluator.evaluate(policiesOf(iam, role), action, resource);
    }
}
