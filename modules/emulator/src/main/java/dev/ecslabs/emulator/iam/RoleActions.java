package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;

/**
 * IAM's role actions (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html):
 * CreateRole with its trust policy, GetRole, ListRoles (PathPrefix, Marker/MaxItems), DeleteRole
 * (refused with DeleteConflict while policies are attached or inline), UpdateAssumeRolePolicy, and
 * TagRole/UntagRole/ListRoleTags. Policy documents go back URL-encoded, as IAM returns them.
 */
public final class RoleActions implements ActionGroup {
    /** "Each IAM resource can have up to 50 tags" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html). */
    static final int MAX_TAGS = 50;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.IAM, "CreateRole", CreateRoleRequest::builder, this::createRole)
                .add(AwsService.IAM, "GetRole", GetRoleRequest::builder, this::getRole)
                .add(AwsService.IAM, "ListRoles", ListRolesRequest::builder, this::listRoles)
                .add(AwsService.IAM, "DeleteRole", DeleteRoleRequest::builder, this::deleteRole)
                .add(AwsService.IAM, "UpdateAssumeRolePolicy", UpdateAssumeRolePolicyRequest::builder,
                        this::updateAssumeRolePolicy)
                .add(AwsService.IAM, "TagRole", TagRoleRequest::builder, this::tagRole)
                .add(AwsService.IAM, "UntagRole", UntagRoleRequest::builder, this::untagRole)
                .add(AwsService.IAM, "ListRoleTags", ListRoleTagsRequest::builder, this::listRoleTags);
    }

    CreateRoleResponse createRole(RequestContext context, CreateRoleRequest request) {
        IamNames.name(request.roleName(), "roleName");
        IamNames.path(request.path(), "path");
        Roles roles = Roles.of(context.state());
        if (roles.find(request.roleName()).isPresent()) {
            throw IamErrors.alreadyExists("Role with name " + request.roleName() + " already exists.");
        }
        if (roles.size() >= Roles.MAX_ROLES) {
            throw IamErrors.limitExceeded("Cannot exceed quota for RolesPerAccount: " + Roles.MAX_ROLES + ".");
        }
        PolicyDocument.parse(request.assumeRolePolicyDocument(), PolicyDocument.Kind.TRUST);
        String path = request.path() == null ? "/" : request.path();
        Role role = Role.builder()
                .path(path)
                .roleName(request.roleName())
                .roleId(IamIds.newId("AROA"))
                .arn("arn:aws:iam::" + context.accountId() + ":role" + path + request.roleName())
                .createDate(context.now())
                .assumeRolePolicyDocument(request.assumeRolePolicyDocument())
                .description(request.description())
                .maxSessionDuration(request.maxSessionDuration() == null ? 3600 : request.maxSessionDuration())
                .tags(tags(List.of(), request.hasTags() ? request.tags() : List.of()))
                .build();
        roles.put(IamRole.of(role));
        return CreateRoleResponse.builder().role(shown(role)).build();
    }

    GetRoleResponse getRole(RequestContext context, GetRoleRequest request) {
        return GetRoleResponse.builder().role(shown(Roles.of(context.state()).require(request.roleName()).role())).build();
    }

    /** ListRoles "doesn't return" a role's tags, permissions boundary or last use (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html). */
    ListRolesResponse listRoles(RequestContext context, ListRolesRequest request) {
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        List<Role> matching = Roles.of(context.state()).all().stream().map(IamRole::role)
                .filter(role -> role.path().startsWith(prefix)).toList();
        Pages.Page<Role> page = page(matching, role -> role.path() + "\u0000" + role.roleName().toLowerCase(java.util.Locale.ROOT),
                request.marker(), request.maxItems());
        return ListRolesResponse.builder()
                .roles(page.items().stream().map(role -> shown(role).toBuilder().tags((List<Tag>) null).build()).toList())
                .isTruncated(page.nextToken() != null).marker(page.nextToken()).build();
    }

    DeleteRoleResponse deleteRole(RequestContext context, DeleteRoleRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        if (!role.attachedPolicyArns().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first. The role "
                    + role.name() + " has " + role.attachedPolicyArns().size() + " managed policies attached: "
                    + "DetachRolePolicy each of " + role.attachedPolicyArns() + ".");
        }
        if (!role.inlinePolicies().isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first. The role " + role.name()
                    + " has inline policies " + new java.util.TreeSet<>(role.inlinePolicies().keySet())
                    + ": DeleteRolePolicy each.");
        }
        roles.remove(role.name());
        return DeleteRoleResponse.builder().build();
    }

    UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(RequestContext context, UpdateAssumeRolePolicyRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        PolicyDocument.parse(request.policyDocument(), PolicyDocument.Kind.TRUST);
        roles.put(role.with(role.role().toBuilder().assumeRolePolicyDocument(request.policyDocument()).build()));
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    TagRoleResponse tagRole(RequestContext context, TagRoleRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        roles.put(role.with(role.role().toBuilder().tags(tags(role.role().tags(), request.tags())).build()));
        return TagRoleResponse.builder().build();
    }

    UntagRoleResponse untagRole(RequestContext context, UntagRoleRequest request) {
        Roles roles = Roles.of(context.state());
        IamRole role = roles.require(request.roleName());
        List<Tag> kept = role.role().tags().stream().filter(tag -> !request.tagKeys().contains(tag.key())).toList();
        roles.put(role.with(role.role().toBuilder().tags(kept).build()));
        return UntagRoleResponse.builder().build();
    }

    ListRoleTagsResponse listRoleTags(RequestContext context, ListRoleTagsRequest request) {
        List<Tag> tags = Roles.of(context.state()).require(request.roleName()).role().tags();
        Pages.Page<Tag> page = page(tags.stream().sorted(java.util.Comparator.comparing(Tag::key)).toList(), Tag::key,
                request.marker(), request.maxItems());
        return ListRoleTagsResponse.builder().tags(page.items()).isTruncated(page.nextToken() != null)
                .marker(page.nextToken()).build();
    }

    /** Tags merged as IAM does: a key given again replaces its value; at most {@link #MAX_TAGS}. */
    static List<Tag> tags(List<Tag> existing, List<Tag> added) {
        Map<String, Tag> byKey = new LinkedHashMap<>();
        existing.forEach(tag -> byKey.put(tag.key(), tag));
        for (Tag tag : added) {
            byKey.put(tag.key(), tag);
        }
        if (byKey.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit: a role has at most "
                    + MAX_TAGS + " tags; untag some first.");
        }
        return new ArrayList<>(byKey.values());
    }

    /** The role as IAM answers it: its trust policy URL-encoded. */
    static Role shown(Role role) {
        return role.toBuilder().assumeRolePolicyDocument(IamIds.encodeDocument(role.assumeRolePolicyDocument())).build();
    }

    /** IAM's paging: {@code Marker} and {@code MaxItems} (100 by default, at most 1000), {@code IsTruncated}. */
    static <T> Pages.Page<T> page(List<T> sorted, Function<T, String> key, String marker, Integer maxItems) {
        return Pages.page(sorted, key, marker, maxItems, 100, 1000, "ValidationError");
    }
}
