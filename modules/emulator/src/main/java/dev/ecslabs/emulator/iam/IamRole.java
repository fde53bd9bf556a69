package dev.ecslabs.emulator.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * One IAM role as the emulator keeps it: the SDK's {@link Role} (its trust policy as written, not
 * URL-encoded), the ARNs of the managed policies attached to it and its inline policies by name.
 */
public record IamRole(Role role, List<String> attachedPolicyArns, Map<String, String> inlinePolicies) {
    public IamRole {
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        inlinePolicies = Map.copyOf(new LinkedHashMap<>(inlinePolicies));
    }

    public static IamRole of(Role role) {
        return new IamRole(role, List.of(), Map.of());
    }

    public String name() {
        return role.roleName();
    }

    public IamRole with(Role changed) {
        return new IamRole(changed, attachedPolicyArns, inlinePolicies);
    }

    public IamRole attach(String policyArn) {
        if (attachedPolicyArns.contains(policyArn)) {
            return this;
        }
        List<String> attached = new ArrayList<>(attachedPolicyArns);
        attached.add(policyArn);
        return new IamRole(role, attached, inlinePolicies);
    }

    public IamRole detach(String policyArn) {
        List<String> attached = new ArrayList<>(attachedPolicyArns);
        attached.remove(policyArn);
        return new IamRole(role, attached, inlinePolicies);
    }

    public IamRole putInline(String name, String document) {
        Map<String, String> inline = new LinkedHashMap<>(inlinePolicies);
        inline.put(name, document);
        return new IamRole(role, attachedPolicyArns, inline);
    }

    public IamRole deleteInline(String name) {
        Map<String, String> inline = new LinkedHashMap<>(inlinePolicies);
        inline.remove(name);
        return new IamRole(role, attachedPolicyArns, inline);
    }
}
