package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.query.Ec2QueryEndpoint;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.RunTags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The aws backend's code path (labs.backend=aws) with the endpoint swapped for the emulator's, as
 * only the course's own tests may (labs.aws.testEndpoint): nothing runs without the learner's yes;
 * the credentials come from the SDK's default chain and the account from STS; everything created
 * is tagged with the lab and the run, also when the caller gave tags of its own; and the teardown
 * at the end of a test class deletes it.
 */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class AwsBackendTest {
    private static final String ACCOUNT = "123456789066";
    private final Map<String, String> saved = new HashMap<>();
    private Emulator emulator;
    private final AtomicInteger ec2Calls = new AtomicInteger();

    @BeforeEach
    void anEmulator() {
        // counts the calls signed for EC2, to tell a discovered network from the emulator's defaults (the same ids)
        emulator = Emulator.builder().port(0).routes(routes -> routes.before("/", ctx -> {
            if (Ec2QueryEndpoint.signedFor(ctx.header("Authorization"))) {
                ec2Calls.incrementAndGet();
            }
        })).start();
        set("labs.backend", "aws");
        set("labs.region", "us-east-1");
        set("labs.aws.testEndpoint", emulator.url().toString());
        // the SDK's default credential chain reads these system properties
        set("aws.accessKeyId", ACCOUNT);
        set("aws.secretAccessKey", "not-a-secret");
    }

    @AfterEach
    void close() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        emulator.close();
    }

    @Test
    @DisplayName("Without labs.aws.confirm=true the aws backend runs nothing, and says what it would cost and create")
    void needsTheLearnersYes() {
        assertThat(Backends.unavailable()).hasValueSatisfying(why -> assertThat(why)
                .contains("costs money").contains("Fargate tasks").contains("ecs-labs:run")
                .contains("-Dlabs.aws.confirm=true").contains("./lab cleanup --backend aws"));
        set("labs.aws.confirm", "true");
        assertThat(Backends.unavailable()).isEmpty();
    }

    @Test
    @DisplayName("The aws backend signs with the default credential chain, finds its account through STS, tags what "
            + "it creates with ecs-labs:lab and ecs-labs:run, and deletes it at the end of the test class")
    void tagsWhatItCreatesAndDeletesIt() {
        set("labs.aws.confirm", "true");
        Backend backend = Backends.forTestClass("09");

        assertThat(backend.kind()).isEqualTo(Backend.Kind.AWS);
        assertThat(backend.isCourseEmulator()).as("AWS's waiting pace, even on the test endpoint").isFalse();
        assertThat(backend.accountId()).as("from STS GetCallerIdentity").isEqualTo(ACCOUNT);
        String run = backend.runTags().get(RunTags.RUN);
        assertThat(run).matches("\\d{8}T\\d{6}Z-[0-9a-z]+");
        assertThat(backend.runTags()).containsEntry(RunTags.LAB, "09");
        String cluster = backend.uniqueName("tagged");
        assertThat(cluster).as("a shared account: names of their own").startsWith("tagged-").isNotEqualTo("tagged");
        try (EcsClient ecs = backend.ecs(); EcrClient ecr = backend.ecr(); IamClient iam = backend.iam();
             CloudWatchLogsClient logs = backend.logs()) {
            ecs.createCluster(r -> r.clusterName(cluster).tags(Tag.builder().key(RunTags.LAB).value("mine").build(),
                    Tag.builder().key("team").value("course").build()));
            String repository = ecr.createRepository(r -> r.repositoryName(cluster)).repository().repositoryArn();
            iam.createRole(r -> r.roleName(cluster).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
            logs.createLogGroup(r -> r.logGroupName("/ecs/" + cluster));

            Map<String, String> clusterTags = ecs.describeClusters(r -> r.clusters(cluster).include(ClusterField.TAGS))
                    .clusters().get(0).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
            assertThat(clusterTags).as("the caller's own tags kept, its value of a key of ours too")
                    .containsEntry(RunTags.LAB, "mine").containsEntry(RunTags.RUN, run).containsEntry("team", "course");
            assertThat(ecr.listTagsForResource(r -> r.resourceArn(repository)).tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(RunTags.LAB + "=09"))
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(RunTags.RUN + "=" + run));
            assertThat(iam.listRoleTags(r -> r.roleName(cluster)).tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(RunTags.RUN + "=" + run));
            String group = logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/" + cluster)).logGroups().get(0).logGroupArn();
            assertThat(logs.listTagsForResource(r -> r.resourceArn(group)).tags()).containsEntry(RunTags.LAB, "09")
                    .containsEntry(RunTags.RUN, run);

            CleanupReport report = backend.deleteWhatWasCreated();

            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(ecs.describeClusters(r -> r.clusters(cluster)).clusters()).allSatisfy(c ->
                    assertThat(c.status()).isEqualTo("INACTIVE"));
            assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames(cluster)))
                    .isInstanceOf(RepositoryNotFoundException.class);
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName(cluster))).isInstanceOf(NoSuchEntityException.class);
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/" + cluster)).logGroups()).isEmpty();
        }
    }

    @Test
    @DisplayName("On the aws backend the labs' VPC, subnets and security group are the Region's default VPC's, found "
            + "through EC2 DescribeVpcs, DescribeSubnets and DescribeSecurityGroups")
    void findsTheDefaultVpcThroughEc2() {
        set("labs.aws.confirm", "true");
        set("labs.region", "eu-central-1");
        Backend backend = Backends.forTestClass("03");

        assertThat(backend.defaultVpc()).isEqualTo(DefaultVpc.VPC_ID);
        assertThat(backend.defaultSubnets()).as("one per Availability Zone of eu-central-1")
                .containsExactlyElementsOf(DefaultVpc.SUBNET_IDS);
        assertThat(backend.defaultSecurityGroups()).containsExactly(DefaultVpc.SECURITY_GROUP_ID);
        assertThat(ec2Calls).as("DescribeVpcs, DescribeSubnets and DescribeSecurityGroups, once for the backend").hasValue(3);
    }

    @Test
    @DisplayName("labs.subnets, labs.vpc and labs.securityGroups win over what EC2 would find")
    void namedNetworkWins() {
        set("labs.aws.confirm", "true");
        set("labs.subnets", "subnet-11111111, subnet-22222222");
        set("labs.vpc", "vpc-33333333");
        set("labs.securityGroups", "sg-44444444");
        Backend backend = Backends.forTestClass("03");

        assertThat(backend.defaultSubnets()).containsExactly("subnet-11111111", "subnet-22222222");
        assertThat(backend.defaultVpc()).isEqualTo("vpc-33333333");
        assertThat(backend.defaultSecurityGroups()).containsExactly("sg-44444444");
        assertThat(ec2Calls).as("EC2 is not asked").hasValue(0);
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
