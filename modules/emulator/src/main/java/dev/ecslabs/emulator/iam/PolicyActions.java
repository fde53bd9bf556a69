package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;

/**
 * IAM's managed policies (AWS's own, which every account sees, and the account's customer policies:
 * CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy), their attachment to roles
 * (Attach/Detach/ListAttachedRolePolicies) and roles' inline policies (Put/Get/Delete/ListRolePolicies).
 */
public final class PolicyActions implements ActionGroup {
    /** "Role policies: 10 managed policies attached" by default (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    static final int MAX_ATTACHED = 10;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.IAM, "CreatePolicy", CreatePolicyRequest::builder, this::createPolicy)
                .add(AwsService.IAM, "GetPolicy", GetPolicyRequest::builder, this::getPolicy)
                .add(AwsService.IAM, "GetPolicyVersion", GetPolicyVersionRequest::builder, this::getPolicyVersion)
                .add(AwsService.IAM, "DeletePolicy", DeletePolicyRequest::builder, this::deletePolicy)
                .add(AwsService.IAM, "AttachRolePolicy", AttachRolePolicyRequest::builder, this::attachRolePolicy)
                .add(AwsService.IAM, "DetachRolePolicy", DetachRolePolicyRequest::builder, this::detachRolePolicy)
                .add(AwsService.IAM, "ListAttachedRolePolicies", ListAttachedRolePoliciesRequest::builder,
                        this::listAttachedRolePolicies)
                .add(AwsService.IAM, "PutRolePolicy", PutRolePolicyRequest::builder, this::putRolePolicy)
                .add(AwsService.IAM, "GetRolePolicy", GetRolePolicyRequest::builder, this::getRolePolicy)
                .add(AwsService.IAM, "DeleteRolePolicy", DeleteRolePolicyRequest::builder, this::deleteRolePolicy)
                .add(AwsService.IAM, "ListRolePolicies", ListRolePoliciesRequest::builder, this::listRolePolicies);
    }

    CreatePolicyResponse createPolicy(RequestContext context, CreatePolicyRequest request) {
        IamNames.name(request.policyName(), "policyName");
        IamNames.path(request.path(), "path");
        CustomerPolicies policies = CustomerPolicies.of(context.state());
        if (policies.findByName(request.policyName()).isPresent()) {
            throw IamErrors.alreadyExists("A policy called " + request.policyName()
                    + " already exists. Duplicate names are not allowed.");
        }
        PolicyDocument.parse(request.policyDocument(), PolicyDocument.Kind.PERMISSIONS);
        String path = request.path() == null ? "/" : request.path();
        Policy policy = Policy.builder()
                .policyName(request.policyName())
                .policyId(IamIds.newId("ANPA"))
                .arn("arn:aws:iam::" + context.accountId() + ":policy" + path + request.policyName())
                .path(path)
                .defaultVersionId("v1")
                .attachmentCount(0)
                .permissionsBoundaryUsageCount(0)
                .isAttachable(true)
                .description(request.description())
                .createDate(context.now())
                .updateDate(context.now())
                .tags(RoleActions.tags(List.of(), request.hasTags() ? request.tags() : List.of()))
                .build();
        PolicyVersion version = PolicyVersion.builder().versionId("v1").isDefaultVersion(true)
                .document(request.policyDocument()).createDate(context.now()).build();
        policies.put(new CustomerPolicies.CustomerPolicy(policy, List.of(version)));
        return CreatePolicyResponse.builder().policy(policy.toBuilder().description(null).build()).build();
    }

    GetPolicyResponse getPolicy(RequestContext context, GetPolicyRequest request) {
        return GetPolicyResponse.builder().policy(requirePolicy(context, request.policyArn())).build();
    }

    GetPolicyVersionResponse getPolicyVersion(RequestContext context, GetPolicyVersionRequest request) {
        Policy policy = requirePolicy(context, request.policyArn());
        PolicyVersion version = versionOf(context, policy, request.versionId()).orElseThrow(() -> IamErrors.noSuchEntity(
                "Policy " + request.policyArn() + " version " + request.versionId() + " does not exist or is not attachable."));
        return GetPolicyVersionResponse.builder()
                .policyVersion(version.toBuilder().document(IamIds.encodeDocument(version.document())).build()).build();
    }

    DeletePolicyResponse deletePolicy(RequestContext context, DeletePolicyRequest request) {
        if (AwsManagedPolicies.isAwsManaged(request.policyArn())) {
            throw IamErrors.invalidInput("AWS managed policy " + request.policyArn() + " cannot be deleted: it belongs to "
                    + "AWS, not to your account. Detach it from your roles instead.");
        }
        CustomerPolicies policies = CustomerPolicies.of(context.state());
        CustomerPolicies.CustomerPolicy policy = policies.find(request.policyArn())
                .orElseThrow(() -> notAttachable(request.policyArn()));
        int attachments = attachments(context, request.policyArn());
        if (attachments > 0) {
            throw IamErrors.deleteConflict("Cannot delete a policy attached to entities. " + policy.policy().policyName()
                    + " is attached to " + attachments + " role(s): DetachRolePolicy it from each first.");
        }
        policies.remove(request.policyArn());
        return DeletePolicyResponse.builder().build();
    }

    AttachRolePolicyResponse attachRolePolicy(RequestContext context, AttachRolePolicyRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        requirePolicy(context, request.policyArn());
        if (!role.attachedPolicyArns().contains(request.policyArn()) && role.attachedPolicyArns().size() >= MAX_ATTACHED) {
            throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPerRole: " + MAX_ATTACHED + ".");
        }
        roles.put(role.attach(request.policyArn()));
        return AttachRolePolicyResponse.builder().build();
    }

    DetachRolePolicyResponse detachRolePolicy(RequestContext context, DetachRolePolicyRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        if (!role.attachedPolicyArns().contains(request.policyArn())) {
            throw IamErrors.noSuchEntity("Policy " + request.policyArn() + " was not found: it is not attached to role "
                    + role.name() + ".");
        }
        roles.put(role.detach(request.policyArn()));
        return DetachRolePolicyResponse.builder().build();
    }

    ListAttachedRolePoliciesResponse listAttachedRolePolicies(RequestContext context, ListAttachedRolePoliciesRequest request) {
        IamRole role = Roles.of(context.state()).require(request.roleName());
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        List<AttachedPolicy> attached = new ArrayList<>();
        for (String arn : role.attachedPolicyArns()) {
            Optional<Policy> policy = findPolicy(context, arn);
            if (policy.isPresent() && policy.get().path().startsWith(prefix)) {
                attached.add(AttachedPolicy.builder().policyName(policy.get().policyName()).policyArn(arn).build());
            }
        }
        attached.sort(Comparator.comparing(AttachedPolicy::policyArn));
        Pages.Page<AttachedPolicy> page = RoleActions.page(attached, AttachedPolicy::policyArn, request.marker(),
                request.maxItems());
        return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.items())
                .isTruncated(page.nextToken() != null).marker(page.nextToken()).build();
    }

    PutRolePolicyResponse putRolePolicy(RequestContext context, PutRolePolicyRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        IamNames.name(request.policyName(), "policyName");
        PolicyDocument.parse(request.policyDocument(), PolicyDocument.Kind.PERMISSIONS);
        roles.put(role.putInline(request.policyName(), request.policyDocument()));
        return PutRolePolicyResponse.builder().build();
    }

    GetRolePolicyResponse getRolePolicy(RequestContext context, GetRolePolicyRequest request) {
        IamRole role = Roles.of(context.state()).require(request.roleName());
        String document = role.inlinePolicies().get(request.policyName());
        if (document == null) {
            throw IamErrors.noSuchEntity("The role policy with name " + request.policyName() + " cannot be found.");
        }
        return GetRolePolicyResponse.builder().roleName(role.name()).policyName(request.policyName())
                .policyDocument(IamIds.encodeDocument(document)).build();
    }

    DeleteRolePolicyResponse deleteRolePolicy(RequestContext context, DeleteRolePolicyRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        if (!role.inlinePolicies().containsKey(request.policyName())) {
            throw IamErrors.noSuchEntity("The role policy with name " + request.policyName() + " cannot be found.");
        }
        roles.put(role.deleteInline(request.policyName()));
        return DeleteRolePolicyResponse.builder().build();
    }

    ListRolePoliciesResponse listRolePolicies(RequestContext context, ListRolePoliciesRequest request) {
        IamRole role = Roles.of(context.state()).require(request.roleName());
        List<String> names = role.inlinePolicies().keySet().stream().sorted().toList();
        Pages.Page<String> page = RoleActions.page(names, name -> name, request.marker(), request.maxItems());
        return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.nextToken() != null)
                .marker(page.nextToken()).build();
    }

    /** An AWS managed policy or one of the account's, with its attachment count; NoSuchEntity otherwise. */
    private static Policy requirePolicy(RequestContext context, String arn) {
        return findPolicy(context, arn).orElseThrow(() -> notAttachable(arn));
    }

    private static Optional<Policy> findPolicy(RequestContext context, String arn) {
        Optional<Policy> policy = AwsManagedPolicies.find(arn).map(managed -> Policy.builder()
                .policyName(managed.name()).policyId("ANPA" + Integer.toHexString(managed.name().hashCode()).toUpperCase())
                .arn(managed.arn()).path(managed.path()).defaultVersionId(managed.defaultVersionId())
                .permissionsBoundaryUsageCount(0).isAttachable(true).description(managed.description())
                .createDate(managed.createDate()).updateDate(managed.updateDate()).build());
        if (policy.isEmpty()) {
            policy = CustomerPolicies.of(context.state()).find(arn).map(CustomerPolicies.CustomerPolicy::policy);
        }
        return policy.map(p -> p.toBuilder().attachmentCount(attachments(context, arn)).build());
    }

    private static Optional<PolicyVersion> versionOf(RequestContext context, Policy policy, String versionId) {
        Optional<AwsManagedPolicies.ManagedPolicy> managed = AwsManagedPolicies.find(policy.arn());
        if (managed.isPresent()) {
            return managed.filter(m -> m.defaultVersionId().equals(versionId)).map(m -> PolicyVersion.builder()
                    .versionId(versionId).isDefaultVersion(true).document(m.document().json()).createDate(m.updateDate())
                    .build());
        }
        return CustomerPolicies.of(context.state()).find(policy.arn()).flatMap(p -> p.version(versionId));
    }

    private static int attachments(RequestContext context, String arn) {
        return (int) Roles.of(context.state()).all().stream().filter(role -> role.attachedPolicyArns().contains(arn)).count();
    }

    private static RuntimeException notAttachable(String arn) {
        return IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }
}
