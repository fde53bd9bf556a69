package dev.ecslabs.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * A role's session (STS AssumeRole) calls the emulated services with the role's permissions, as an
 * app calls them with its task role: a missing permission is AccessDeniedException with IAM's sentence.
 */
@EmulatorTest(account = "333333333333", scope = EmulatorTest.Scope.EACH_TEST)
class RoleSessionTest {
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"ecs-tasks.amazonaws.com\",\"AWS\":\"333333333333\"},\"Action\":\"sts:AssumeRole\"}]}";

    Emulator emulator;
    IamClient iam;
    StsClient sts;
    EcrClient ecr;

    private EcrClient ecrAs(Credentials credentials) {
        return EcrClient.builder().endpointOverride(emulator.url()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private Credentials assume(String role) {
        return sts.assumeRole(b -> b.roleArn("arn:aws:iam::333333333333:role/" + role).roleSessionName("app")).credentials();
    }

    @Test
    @DisplayName("AssumeRole gives a session in the role's account; GetCallerIdentity names the assumed-role ARN")
    void assumeRole() {
        iam.createRole(b -> b.roleName("appRole").assumeRolePolicyDocument(TRUST));
        Credentials credentials = assume("appRole");
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(credentials.expiration()).isAfter(java.time.Instant.now());
        try (StsClient asRole = StsClient.builder().endpointOverride(emulator.url()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var identity = asRole.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("333333333333");
            assertThat(identity.arn()).isEqualTo("arn:aws:sts::333333333333:assumed-role/appRole/app");
        }
    }

    @Test
    @DisplayName("AssumeRole is AccessDenied for a role that does not trust the account, or does not exist")
    void untrusted() {
        iam.createRole(b -> b.roleName("tasksOnly").assumeRolePolicyDocument(TRUST.replace(",\"AWS\":\"333333333333\"", "")));
        assertThatThrownBy(() -> assume("tasksOnly")).isInstanceOf(StsException.class)
                .hasMessageContaining("User: arn:aws:iam::333333333333:root is not authorized to perform: sts:AssumeRole")
                .satisfies(e -> assertThat(((StsException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> assume("missing")).isInstanceOf(StsException.class);
    }

    @Test
    @DisplayName("The session may call only what the role allows: DescribeRepositories denied, then allowed by the ECR read-only policy, then explicitly denied")
    void permissionsApply() {
        ecr.createRepository(b -> b.repositoryName("shop/web"));
        iam.createRole(b -> b.roleName("appRole").assumeRolePolicyDocument(TRUST));
        try (EcrClient app = ecrAs(assume("appRole"))) {
            assertThatThrownBy(app::describeRepositories).isInstanceOf(EcrException.class)
                    .hasMessageContaining("User: arn:aws:sts::333333333333:assumed-role/appRole/app is not authorized to "
                            + "perform: ecr:DescribeRepositories on resource: * because no identity-based policy allows the "
                            + "ecr:DescribeRepositories action")
                    .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

            iam.attachRolePolicy(b -> b.roleName("appRole").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
            assertThat(app.describeRepositories().repositories()).hasSize(1);
            assertThatThrownBy(() -> app.createRepository(b -> b.repositoryName("not-mine")))
                    .isInstanceOf(EcrException.class).hasMessageContaining("ecr:CreateRepository");

            iam.putRolePolicy(b -> b.roleName("appRole").policyName("deny").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ecr:Describe*\",\"Resource\":\"*\"}]}"));
            assertThatThrownBy(app::describeRepositories).isInstanceOf(EcrException.class)
                    .hasMessageContaining("with an explicit deny in an identity-based policy");
        }
        assertThat(ecr.describeRepositories().repositories()).as("the account's own keys are its root: not checked").hasSize(1);
    }

    @Test
    // It sets the JVM's aws.containerCredentialsFullUri and aws.containerAuthorizationToken for a while, which
    // any SDK client on the default credentials chain in this JVM would read: it holds the system properties.
    @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
    @DisplayName("The container credentials endpoint: the SDK's ContainerCredentialsProvider, given a task's URI and token, gets a session of the task role whose policies apply")
    void containerCredentialsEndpoint() {
        ecr.createRepository(b -> b.repositoryName("shop/web"));
        iam.createRole(b -> b.roleName("appRole").assumeRolePolicyDocument(TRUST));
        String token = TaskCredentials.grant("333333333333", "arn:aws:iam::333333333333:role/appRole", "task1");
        String uri = "http://127.0.0.1:" + emulator.url().getPort() + "/_emulator/task-credentials/task1";
        // what AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN say in the task's process
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", token);
        try (var provider = software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider.builder().build();
             EcrClient app = EcrClient.builder().endpointOverride(emulator.url()).region(Region.US_EAST_1)
                     .credentialsProvider(provider).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var credentials = (AwsSessionCredentials) provider.resolveCredentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA");
            assertThatThrownBy(app::describeRepositories).isInstanceOf(EcrException.class)
                    .hasMessageContaining("assumed-role/appRole/task1 is not authorized to perform: ecr:DescribeRepositories");
            iam.attachRolePolicy(b -> b.roleName("appRole").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
            assertThat(app.describeRepositories().repositories()).hasSize(1);
        } finally {
            System.clearProperty("aws.containerAuthorizationToken");
        }
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", "not-the-token");
        try (var provider = software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider.builder().build()) {
            assertThatThrownBy(provider::resolveCredentials).isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
        } finally {
            System.clearProperty("aws.containerAuthorizationToken");
            System.clearProperty("aws.containerCredentialsFullUri");
        }
    }
}
