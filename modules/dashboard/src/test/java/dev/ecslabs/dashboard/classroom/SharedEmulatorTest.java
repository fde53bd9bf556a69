package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.dashboard.classroom.member.ClassroomClient;
import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.OperationNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;

/**
 * The room's shared emulator ({@code lab classroom --shared-emulator}): two learners, each with the
 * account the classroom gave them as their access key, make resources with the same names through
 * the real SDK, and each sees, changes and deletes only their own; a lab run with
 * {@code -Dlabs.backend=endpoint} stays in its learner's account too.
 */
class SharedEmulatorTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Two learners on the room's emulator, same resource names: each sees and deletes only their own")
    void accountsDoNotLeak() throws Exception {
        Course instructor = TempCourse.copyInto(dir.resolve("instructor"));
        try (RunningClassroom classroom = new RunningClassroom(instructor, "--host", "127.0.0.1", "--port", "0",
                "--shared-emulator", "--emulator-port", "0")) {
            URI emulator = classroom.printed("The room's shared emulator:");
            ClassroomClient client = new ClassroomClient(classroom.url());
            ClassroomClient.Joined ana = client.join(LearnerName.of("Ana"), classroom.code(), LearnerSecret.create());
            ClassroomClient.Joined ben = client.join(LearnerName.of("Ben"), classroom.code(), LearnerSecret.create());
            assertThat(ana.account()).matches("\\d{12}").isNotEqualTo(ben.account());
            assertThat(ana.emulator()).hasValue(emulator.toString());

            Map<String, String> namespaceOperation = new java.util.HashMap<>();
            for (String account : List.of(ana.account(), ben.account())) {
                try (EcsClient ecs = ecs(emulator, account); EcrClient ecr = ecr(emulator, account);
                     ServiceDiscoveryClient cloudMap = cloudMap(emulator, account)) {
                    ecs.createCluster(b -> b.clusterName("web").tags(t -> t.key("owner").value(account)));
                    ecs.registerTaskDefinition(b -> b.family("web").networkMode(NetworkMode.AWSVPC).requiresCompatibilities(
                            software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE).cpu("256").memory("512")
                            .containerDefinitions(c -> c.name("web").image("nginx:1.27").essential(true)));
                    ecr.createRepository(b -> b.repositoryName("shop/web"));
                    namespaceOperation.put(account, cloudMap.createHttpNamespace(b -> b.name("shop")
                            .creatorRequestId("create-shop-" + account)).operationId());
                }
            }

            try (EcsClient anaEcs = ecs(emulator, ana.account()); EcsClient benEcs = ecs(emulator, ben.account());
                 EcrClient anaEcr = ecr(emulator, ana.account()); EcrClient benEcr = ecr(emulator, ben.account());
                 ServiceDiscoveryClient anaMap = cloudMap(emulator, ana.account());
                 ServiceDiscoveryClient benMap = cloudMap(emulator, ben.account())) {
                for (Map.Entry<String, EcsClient> learner : Map.of(ana.account(), anaEcs, ben.account(), benEcs).entrySet()) {
                    String account = learner.getKey();
                    assertThat(learner.getValue().listClusters().clusterArns()).singleElement().asString()
                            .isEqualTo("arn:aws:ecs:us-east-1:" + account + ":cluster/web");
                    Cluster web = learner.getValue().describeClusters(b -> b.clusters("web").include(
                            software.amazon.awssdk.services.ecs.model.ClusterField.TAGS)).clusters().get(0);
                    assertThat(web.tags()).singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo(account));
                    assertThat(learner.getValue().listTaskDefinitions().taskDefinitionArns()).singleElement().asString()
                            .isEqualTo("arn:aws:ecs:us-east-1:" + account + ":task-definition/web:1");
                }
                assertThat(anaEcr.describeRepositories().repositories()).extracting(Repository::registryId)
                        .containsExactly(ana.account());
                assertThat(benEcr.describeRepositories().repositories()).extracting(Repository::registryId)
                        .containsExactly(ben.account());
                // Cloud Map creates a namespace in the background: each account has its own operation, and only its own
                assertThat(anaMap.listOperations().operations()).extracting(OperationSummary::id)
                        .containsExactly(namespaceOperation.get(ana.account()));
                assertThat(benMap.listOperations().operations()).extracting(OperationSummary::id)
                        .containsExactly(namespaceOperation.get(ben.account()));
                assertThatThrownBy(() -> benMap.getOperation(b -> b.operationId(namespaceOperation.get(ana.account()))))
                        .isInstanceOf(OperationNotFoundException.class);

                // Ben asks for Ana's cluster by its ARN: he never gets it
                String anasArn = "arn:aws:ecs:us-east-1:" + ana.account() + ":cluster/web";
                assertThat(benEcs.describeClusters(b -> b.clusters(anasArn)).clusters()).extracting(Cluster::clusterArn)
                        .doesNotContain(anasArn);

                anaEcs.deleteCluster(b -> b.cluster("web"));
                anaEcr.deleteRepository(b -> b.repositoryName("shop/web"));
                assertThat(anaEcs.listClusters().clusterArns()).isEmpty();
                assertThat(benEcs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:" + ben.account()
                        + ":cluster/web");
                assertThat(benEcr.describeRepositories().repositories()).extracting(Repository::repositoryName)
                        .containsExactly("shop/web");
            }
            assertThat(classroom.stop()).isZero();
        }
    }

    @Test
    @DisplayName("A lab run with -Dlabs.backend=endpoint on the room's emulator passes, and stays in its learner's account")
    void labRunsStayInTheirAccount() throws Exception {
        Course instructor = TempCourse.copyInto(dir.resolve("instructor"));
        Course learner = TempCourse.copyInto(dir.resolve("learner"));
        TempCourse.solveAll(learner);
        try (RunningClassroom classroom = new RunningClassroom(instructor, "--host", "127.0.0.1", "--port", "0",
                "--shared-emulator", "--emulator-port", "0")) {
            URI emulator = classroom.printed("The room's shared emulator:");
            ClassroomClient client = new ClassroomClient(classroom.url());
            String ana = client.join(LearnerName.of("Ana"), classroom.code(), LearnerSecret.create()).account();
            String ben = client.join(LearnerName.of("Ben"), classroom.code(), LearnerSecret.create()).account();

            // labkit deletes what a test class created when it ends; keep it here, to see whose account it went to
            Cli.Result check = withProperties(Map.of("labs.backend", "endpoint", "labs.endpoint", emulator.toString(),
                    "labs.accessKeyId", ana, "labs.keepResources", "true"), () -> Cli.run(learner, "check", "00"));

            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            try (EcsClient anaEcs = ecs(emulator, ana); EcsClient benEcs = ecs(emulator, ben)) {
                assertThat(anaEcs.listClusters().clusterArns()).isNotEmpty()
                        .allSatisfy(arn -> assertThat(arn).startsWith("arn:aws:ecs:us-east-1:" + ana + ":cluster/"));
                assertThat(benEcs.listClusters().clusterArns()).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("A learner who joins with lab start --join works in their own account on the room's emulator, "
            + "from lab check and the dashboard alike, without exporting anything")
    void joinedLearnersRunInTheirOwnAccount() throws Exception {
        Course instructor = TempCourse.copyInto(dir.resolve("instructor"));
        Course learner = TempCourse.copyInto(dir.resolve("learner"));
        TempCourse.solveAll(learner);
        try (RunningClassroom classroom = new RunningClassroom(instructor, "--host", "127.0.0.1", "--port", "0",
                "--shared-emulator", "--emulator-port", "0");
             dev.ecslabs.dashboard.cli.StartedCourse started = dev.ecslabs.dashboard.cli.StartedCourse.start(learner,
                     "--port", "0", "--dashboard-port", "0", "--join", classroom.url().toString(), "--name", "Ana",
                     "--code", classroom.code())) {
            URI emulator = classroom.printed("The room's shared emulator:");
            started.out.awaitContains(0, "your own account there is", java.time.Duration.ofSeconds(90));
            java.util.Properties saved = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(learner.root().resolve(".labs/settings.properties"))) {
                saved.load(in);
            }
            String account = saved.getProperty("labs.accessKeyId");
            assertThat(account).matches("\\d{12}");
            assertThat(saved.getProperty("labs.endpoint")).isEqualTo(emulator.toString());
            // the join was answered before the course started: the dashboard shows the learner's account on the room's emulator
            assertThat(started.out.toString()).contains("AWS endpoint (ECS, ECR, Cloud Map, ELB, IAM, STS, CloudWatch, Logs, Auto Scaling): " + emulator);

            // labkit deletes what a test class created when it ends; keep it here, to see whose account it went to
            Cli.Result check = withProperties(Map.of("labs.keepResources", "true"), () -> Cli.run(learner, "check", "00"));

            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            try (EcsClient own = ecs(emulator, account); EcsClient shared = EcsClient.builder().endpointOverride(emulator)
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("test", "test"))).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                assertThat(own.listClusters().clusterArns()).isNotEmpty()
                        .allSatisfy(arn -> assertThat(arn).startsWith("arn:aws:ecs:us-east-1:" + account + ":cluster/"));
                assertThat(shared.listClusters().clusterArns()).as("the room's shared default account 000000000000").isEmpty();
            }
        }
        try (dev.ecslabs.dashboard.cli.StartedCourse solo = dev.ecslabs.dashboard.cli.StartedCourse.start(learner,
                "--port", "0", "--dashboard-port", "0")) {
            assertThat(solo.out.toString()).contains("Runs no longer go to the classroom's shared emulator");
            assertThat(learner.root().resolve(".labs/settings.properties")).doesNotExist();
        }
    }

    private static <T> T withProperties(Map<String, String> properties, java.util.function.Supplier<T> work) {
        Map<String, String> previous = new java.util.HashMap<>();
        properties.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try {
            return work.get();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static StaticCredentialsProvider credentials(String account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "learner-secret"));
    }

    private static EcsClient ecs(URI endpoint, String account) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials(account))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static EcrClient ecr(URI endpoint, String account) {
        return EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials(account))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static ServiceDiscoveryClient cloudMap(URI endpoint, String account) {
        return ServiceDiscoveryClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials(account)).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }
}
