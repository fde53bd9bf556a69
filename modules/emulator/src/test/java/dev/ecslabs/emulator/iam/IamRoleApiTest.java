package dev.ecslabs.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/** IAM's roles and policies through the real SDK (AWS Query, XML answers), as the IAM API reference describes them. */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class IamRoleApiTest {
    static final String ECS_TASKS_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
    static final String EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    IamClient iam;
    StsClient sts;

    @Test
    @DisplayName("CreateRole answers the role with its ARN, AROA id and URL-encoded trust policy; GetRole and ListRoles find it")
    void createAndGet() {
        Role created = iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST)
                .description("pulls images").tags(Tag.builder().key("lab").value("09").build())).role();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::111111111111:role/ecsTaskExecutionRole");
        assertThat(created.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(created.path()).isEqualTo("/");
        assertThat(created.maxSessionDuration()).isEqualTo(3600);
        assertThat(created.assumeRolePolicyDocument()).startsWith("%7B%22Version%22");
        assertThat(URLDecoder.decode(created.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(ECS_TASKS_TRUST);

        Role got = iam.getRole(b -> b.roleName("ECSTASKEXECUTIONROLE")).role();
        assertThat(got.roleId()).isEqualTo(created.roleId());
        assertThat(got.tags()).containsExactly(Tag.builder().key("lab").value("09").build());
        assertThat(got.description()).isEqualTo("pulls images");
        assertThat(got.createDate()).isNotNull();

        assertThat(iam.listRoles().roles()).extracting(Role::roleName).containsExactly("ecsTaskExecutionRole");
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("ECSTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST)))
                .isInstanceOf(EntityAlreadyExistsException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> iam.getRole(b -> b.roleName("missing")))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("The role with name missing cannot be found.");
    }

    @Test
    @DisplayName("ListRoles filters by PathPrefix and pages with Marker/MaxItems/IsTruncated")
    void listRolesPaging() {
        for (String name : List.of("a", "b", "c")) {
            iam.createRole(b -> b.roleName(name).path("/app/").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        }
        iam.createRole(b -> b.roleName("other").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        assertThat(iam.listRoles(b -> b.pathPrefix("/app/")).roles()).extracting(Role::arn)
                .containsExactly("arn:aws:iam::111111111111:role/app/a", "arn:aws:iam::111111111111:role/app/b",
                        "arn:aws:iam::111111111111:role/app/c");
        ListRolesResponse first = iam.listRoles(b -> b.pathPrefix("/app/").maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.roles()).extracting(Role::roleName).containsExactly("a", "b");
        ListRolesResponse second = iam.listRoles(b -> b.pathPrefix("/app/").maxItems(2).marker(first.marker()));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.roles()).extracting(Role::roleName).containsExactly("c");
        List<String> all = new ArrayList<>();
        iam.listRolesPaginator(b -> b.maxItems(1)).roles().forEach(role -> all.add(role.roleName()));
        assertThat(all).containsExactly("other", "a", "b", "c");
    }

    @Test
    @DisplayName("Trust policies are checked: JSON, a Principal and no Resource; permissions policies: Resource and no Principal")
    void policyValidation() {
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("invalid Json");
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Has prohibited field Resource");
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs tasks\"},\"Action\":\"sts:AssumeRole\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Invalid principal in policy");
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Invalid effect");
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(
                "{\"Version\":\"2020-01-01\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("valid version");
        iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        assertThatThrownBy(() -> iam.putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("must contain resources");
        assertThatThrownBy(() -> iam.putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"BatchGetImage\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("prefaced by a vendor");
        assertThatThrownBy(() -> iam.putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("should not specify a principal");
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("bad name!").assumeRolePolicyDocument(ECS_TASKS_TRUST)))
                .isInstanceOf(IamException.class).satisfies(e ->
                        assertThat(((IamException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    @DisplayName("AWS managed policies exist with their documents; attached policies block DeleteRole with DeleteConflict until detached")
    void managedPoliciesAndDeleteConflict() {
        Policy managed = iam.getPolicy(b -> b.policyArn(EXECUTION_POLICY)).policy();
        assertThat(managed.policyName()).isEqualTo("AmazonECSTaskExecutionRolePolicy");
        assertThat(managed.path()).isEqualTo("/service-role/");
        String document = URLDecoder.decode(iam.getPolicyVersion(b -> b.policyArn(EXECUTION_POLICY)
                .versionId(managed.defaultVersionId())).policyVersion().document(), StandardCharsets.UTF_8);
        assertThat(document).contains("ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:PutLogEvents");

        iam.createRole(b -> b.roleName("exec").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        iam.attachRolePolicy(b -> b.roleName("exec").policyArn(EXECUTION_POLICY));
        assertThat(iam.listAttachedRolePolicies(b -> b.roleName("exec")).attachedPolicies())
                .containsExactly(AttachedPolicy.builder().policyName("AmazonECSTaskExecutionRolePolicy").policyArn(EXECUTION_POLICY).build());
        assertThat(iam.getPolicy(b -> b.policyArn(EXECUTION_POLICY)).policy().attachmentCount()).isEqualTo(1);
        assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName("exec")))
                .isInstanceOf(DeleteConflictException.class).hasMessageContaining("must detach all policies first");
        assertThatThrownBy(() -> iam.attachRolePolicy(b -> b.roleName("exec").policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("does not exist or is not attachable");

        iam.putRolePolicy(b -> b.roleName("exec").policyName("logs").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}}"));
        iam.detachRolePolicy(b -> b.roleName("exec").policyArn(EXECUTION_POLICY));
        assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName("exec")))
                .isInstanceOf(DeleteConflictException.class).hasMessageContaining("must delete policies first");
        assertThat(iam.listRolePolicies(b -> b.roleName("exec")).policyNames()).containsExactly("logs");
        assertThat(URLDecoder.decode(iam.getRolePolicy(b -> b.roleName("exec").policyName("logs")).policyDocument(),
                StandardCharsets.UTF_8)).contains("\"logs:*\"");
        iam.deleteRolePolicy(b -> b.roleName("exec").policyName("logs"));
        iam.deleteRole(b -> b.roleName("exec"));
        assertThat(iam.listRoles().roles()).isEmpty();
    }

    @Test
    @DisplayName("Customer policies: CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy refused while attached")
    void customerPolicies() {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:DescribeRepositories\"],\"Resource\":\"*\"}]}";
        Policy policy = iam.createPolicy(b -> b.policyName("read-repos").policyDocument(doc)).policy();
        assertThat(policy.arn()).isEqualTo("arn:aws:iam::111111111111:policy/read-repos");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(URLDecoder.decode(iam.getPolicyVersion(b -> b.policyArn(policy.arn()).versionId("v1")).policyVersion()
                .document(), StandardCharsets.UTF_8)).isEqualTo(doc);
        assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("read-repos").policyDocument(doc)))
                .isInstanceOf(EntityAlreadyExistsException.class);
        iam.createRole(b -> b.roleName("app").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        iam.attachRolePolicy(b -> b.roleName("app").policyArn(policy.arn()));
        assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(policy.arn()))).isInstanceOf(DeleteConflictException.class);
        iam.detachRolePolicy(b -> b.roleName("app").policyArn(policy.arn()));
        iam.deletePolicy(b -> b.policyArn(policy.arn()));
        assertThatThrownBy(() -> iam.getPolicy(b -> b.policyArn(policy.arn()))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    @DisplayName("UpdateAssumeRolePolicy replaces the trust policy; TagRole, UntagRole and ListRoleTags")
    void updateTrustAndTags() {
        iam.createRole(b -> b.roleName("app").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        String ec2 = ECS_TASKS_TRUST.replace("ecs-tasks", "ec2");
        iam.updateAssumeRolePolicy(b -> b.roleName("app").policyDocument(ec2));
        assertThat(URLDecoder.decode(iam.getRole(b -> b.roleName("app")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(ec2);
        iam.tagRole(b -> b.roleName("app").tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
        iam.untagRole(b -> b.roleName("app").tagKeys("a"));
        assertThat(iam.listRoleTags(b -> b.roleName("app")).tags()).containsExactly(Tag.builder().key("b").value("2").build());
    }

    @Test
    @DisplayName("IAM is global: a client configured for another region sees the same roles; STS GetCallerIdentity names the account")
    void globalAndCallerIdentity() {
        iam.createRole(b -> b.roleName("app").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        try (IamClient elsewhere = IamClient.builder().endpointOverride(java.net.URI.create(
                        iam.serviceClientConfiguration().endpointOverride().orElseThrow().toString()))
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("111111111111", "secret")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            assertThat(elsewhere.listRoles().roles()).extracting(Role::roleName).containsExactly("app");
        }
        var identity = sts.getCallerIdentity();
        assertThat(identity.account()).isEqualTo("111111111111");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::111111111111:root");
    }
}
