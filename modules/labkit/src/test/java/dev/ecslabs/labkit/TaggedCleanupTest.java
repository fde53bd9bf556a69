package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.Poll;
import dev.ecslabs.labkit.cleanup.ResourceCleaner;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import dev.ecslabs.labkit.cleanup.RunTags;
import dev.ecslabs.labkit.cleanup.TaggedInventory;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;

/**
 * {@code ./lab cleanup --backend aws}'s two halves against the emulator, on the aws backend's own
 * code path (labs.aws.testEndpoint): what it finds is exactly what the course tagged (one run's, or
 * every run's), never the account's own resources; and what it deletes goes in AWS's order (an ECS
 * service before its cluster, a listener before its load balancer and both before the target group, a Cloud Map service before its namespace, a role's policies before
 * the role), leaving the rest of the account as it was.
 */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class TaggedCleanupTest {
    private static final String ACCOUNT = "123456789055";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private final Map<String, String> saved = new HashMap<>();
    private Emulator emulator;

    @BeforeEach
    void anEmulator() {
        // The jumping clock, as the course's own runs have it: waiting for a service's tasks to drain costs a poll, not
        // AWS's seconds at x20.
        emulator = Emulator.builder().port(0).jumping(true).start();
        set("labs.backend", "aws");
        set("labs.aws.confirm", "true");
        set("labs.region", "us-east-1");
        set("labs.aws.testEndpoint", emulator.url().toString());
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
    @DisplayName("The tagged resources of a lab run are found (a dry run deletes nothing), then deleted in AWS's order; "
            + "the account's untagged resources stay")
    void findsAndDeletesOnlyWhatTheCourseTagged() {
        Backend course = Backends.forTestClass("09");
        Backend own = new Backend(Backend.Kind.ENDPOINT, URI.create(emulator.url().toString()), Region.US_EAST_1, ACCOUNT,
                "x", null, true);
        String run = course.runTags().get(RunTags.RUN);
        try (EcsClient ecs = course.ecs(); EcrClient ecr = course.ecr(); ServiceDiscoveryClient cloudMap = course.cloudMap();
             ElasticLoadBalancingV2Client elb = course.elb(); IamClient iam = course.iam(); CloudWatchLogsClient logs = course.logs();
             EcsClient ownEcs = own.ecs(); EcrClient ownEcr = own.ecr(); IamClient ownIam = own.iam();
             CloudWatchLogsClient ownLogs = own.logs(); ElasticLoadBalancingV2Client ownElb = own.elb()) {
            ecs.createCluster(r -> r.clusterName("lab"));
            String definition = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                            .image("public.ecr.aws/nginx/nginx:1.27").essential(true).portMappings(p -> p.containerPort(80))))
                    .taskDefinition().taskDefinitionArn();
            String targetGroup = elb.createTargetGroup(r -> r.name("lab-web").protocol("HTTP").port(80).targetType("ip")
                    .vpcId(course.defaultVpc())).targetGroups().get(0).targetGroupArn();
            String loadBalancer = elb.createLoadBalancer(r -> r.name("lab-alb").subnets(course.defaultSubnets()))
                    .loadBalancers().get(0).loadBalancerArn();
            String listener = elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(targetGroup))).listeners().get(0).listenerArn();
            ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition(definition).desiredCount(1)
                    .loadBalancers(lb -> lb.targetGroupArn(targetGroup).containerName("web").containerPort(80))
                    .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(
                            course.defaultSubnets()))));
            String ownGroup = ownElb.createTargetGroup(r -> r.name("production-web").protocol("HTTP").port(80).targetType("ip")
                    .vpcId(course.defaultVpc())).targetGroups().get(0).targetGroupArn();
            ecr.createRepository(r -> r.repositoryName("lab-app"));
            String operation = cloudMap.createHttpNamespace(r -> r.name("lab-shop")).operationId();
            String namespaceId = course.pollUntil(() -> cloudMap.getOperation(r -> r.operationId(operation)).operation(),
                    op -> op.status() == OperationStatus.SUCCESS).targetsAsStrings().get("NAMESPACE");
            cloudMap.createService(r -> r.name("backend").namespaceId(namespaceId));
            iam.createRole(r -> r.roleName("lab-execution").assumeRolePolicyDocument(TRUST));
            iam.attachRolePolicy(r -> r.roleName("lab-execution")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
            iam.putRolePolicy(r -> r.roleName("lab-execution").policyName("extra").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:ListImages\",\"Resource\":\"*\"}]}"));
            logs.createLogGroup(r -> r.logGroupName("/ecs/lab"));
            ownEcs.createCluster(r -> r.clusterName("production"));
            ownEcr.createRepository(r -> r.repositoryName("production-app"));
            ownIam.createRole(r -> r.roleName("production-role").assumeRolePolicyDocument(TRUST));
            ownLogs.createLogGroup(r -> r.logGroupName("/ecs/production"));

            ResourceSet found = new TaggedInventory(Optional.empty()).list(ecs, ecr, cloudMap, elb, iam, logs);
            ResourceSet ofThisRun = new TaggedInventory(Optional.of(run)).list(ecs, ecr, cloudMap, elb, iam, logs);
            ResourceSet ofAnotherRun = new TaggedInventory(Optional.of("20260101T000000Z-other"))
                    .list(ecs, ecr, cloudMap, elb, iam, logs);

            assertThat(found.clusters()).singleElement().asString().endsWith(":cluster/lab");
            assertThat(found.services()).singleElement().satisfies(s -> assertThat(s.arn()).endsWith("/lab/web"));
            assertThat(found.taskDefinitions()).containsExactly(definition);
            assertThat(found.repositories()).containsExactly("lab-app");
            assertThat(found.namespaceIds()).containsExactly(namespaceId);
            assertThat(found.cloudMapServices()).hasSize(1);
            assertThat(found.roles()).containsExactly("lab-execution");
            assertThat(found.logGroups()).containsExactly("/ecs/lab");
            assertThat(found.loadBalancers()).containsExactly(loadBalancer);
            assertThat(found.listeners()).containsExactly(listener);
            assertThat(found.targetGroups()).as("not the account's own").containsExactly(targetGroup);
            assertThat(ofThisRun.describe()).isEqualTo(found.describe());
            assertThat(ofAnotherRun.isEmpty()).as(ofAnotherRun.describe()).isTrue();
            assertThat(ecr.describeRepositories(r -> r.repositoryNames("lab-app")).repositories())
                    .as("the dry run (listing) deleted nothing").hasSize(1);

            CleanupReport report = new ResourceCleaner(ecs, ecr, cloudMap, elb, iam, logs, Poll.every(Duration.ofMillis(100), 600))
                    .delete(found);

            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(report.deleted().roles()).containsExactly("lab-execution");
            assertThat(report.deleted().logGroups()).containsExactly("/ecs/lab");
            assertThat(report.deleted().listeners()).containsExactly(listener);
            assertThat(report.deleted().loadBalancers()).containsExactly(loadBalancer);
            assertThat(report.deleted().targetGroups()).as("after the service and the listener that used it").containsExactly(targetGroup);
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
            assertThat(ownElb.describeTargetGroups().targetGroups()).extracting(g -> g.targetGroupArn()).containsExactly(ownGroup);
            assertThat(ecs.describeServices(r -> r.cluster("lab").services("web")).services())
                    .allSatisfy(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
            assertThat(ecs.describeClusters(r -> r.clusters("lab")).clusters())
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo("INACTIVE"));
            assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("lab-app")))
                    .isInstanceOf(RepositoryNotFoundException.class);
            assertThatThrownBy(() -> cloudMap.getNamespace(r -> r.id(namespaceId))).isInstanceOf(NamespaceNotFoundException.class);
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName("lab-execution"))).isInstanceOf(NoSuchEntityException.class);
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/lab")).logGroups()).isEmpty();
            assertThat(ownEcs.describeClusters(r -> r.clusters("production")).clusters().get(0).status()).isEqualTo("ACTIVE");
            assertThat(ownEcr.describeRepositories(r -> r.repositoryNames("production-app")).repositories()).hasSize(1);
            assertThat(ownIam.getRole(r -> r.roleName("production-role")).role()).isNotNull();
            assertThat(ownLogs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/production")).logGroups()).hasSize(1);
            assertThat(new TaggedInventory(Optional.empty()).list(ecs, ecr, cloudMap, elb, iam, logs).isEmpty())
                    .as("nothing tagged is left").isTrue();
        }
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
