package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * A Java image pushed to the emulator's ECR with Jib runs as a real process: it answers HTTP on the
 * local URL of {@code /_emulator/tasks/<id>/ports}, replicas all bind 8080, exit codes and stop
 * signals are the process's, and its health check is a real request.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED, speed = 20, account = LocalProcessTaskTest.ACCOUNT)
class LocalProcessTaskTest {
    static final String ACCOUNT = "210987654321";
    static final String CLUSTER = "real";

    static Emulator emulator;
    static EcsClient ecs;
    static EcrClient ecr;
    static EcsWaiter waiter;
    static String image;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start(@TempDir Path work) throws Exception {
        waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(600).build()).build();
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
        JavaAppImages.push(ecr, uri, "1", work);
        image = uri + ":1";
    }

    @AfterAll
    static void stop() {
        waiter.close();
    }

    @Test
    @DisplayName("A task of a Jib-built Java image answers HTTP on the local URL of its container port, with the task definition's environment")
    void answersOnItsLocalUrl() throws Exception {
        Task task = runAndWait("greeter", app(c -> c.environment(KeyValuePair.builder().name("GREETING").value("bonjour").build())));

        JsonNode ports = ports(task);
        assertThat(ports.path("ports")).hasSize(1);
        assertThat(ports.path("ports").get(0).path("containerName").asText()).isEqualTo("app");
        assertThat(ports.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(ports.path("containers").get(0).path("runtime").asText()).isEqualTo(LocalProcessRuntime.NAME);
        String answer = get(ports.path("ports").get(0).path("url").asText() + "/");
        assertThat(answer).startsWith("bonjour from ip-" + privateIp(task).replace('.', '-'));
        stopAndWait(task);
    }

    @Test
    @DisplayName("The app reads its task from ECS_CONTAINER_METADATA_URI_V4 (169.254.170.2, as on Fargate): /task names its "
            + "TaskARN, family, revision and private IP; the bare URI is its own container")
    void readsTheTaskMetadataEndpoint() throws Exception {
        Task task = runAndWait("metadata", app(c -> { }));
        String url = url(task);

        JsonNode metadata = new ObjectMapper().readTree(get(url + "/metadata?path=/task"));
        assertThat(metadata.path("TaskARN").asText()).isEqualTo(task.taskArn());
        assertThat(metadata.path("Cluster").asText()).isEqualTo(task.clusterArn());
        assertThat(metadata.path("Family").asText()).isEqualTo("metadata");
        assertThat(metadata.path("Revision").asText()).isEqualTo(task.taskDefinitionArn().substring(task.taskDefinitionArn().lastIndexOf(':') + 1));
        assertThat(metadata.path("KnownStatus").asText()).isEqualTo("RUNNING");
        assertThat(metadata.path("LaunchType").asText()).isEqualTo("FARGATE");
        assertThat(metadata.path("Containers").get(0).path("Networks").get(0).path("IPv4Addresses").get(0).asText())
                .isEqualTo(privateIp(task));
        JsonNode container = new ObjectMapper().readTree(get(url + "/metadata"));
        assertThat(container.path("Name").asText()).isEqualTo("app");
        assertThat(container.path("Labels").path("com.amazonaws.ecs.task-arn").asText()).isEqualTo(task.taskArn());
        String unknown = emulator.url() + "/v4/0123456789abcdef0123456789abcdef-1/task";
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(unknown)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a token nobody was given").isEqualTo(404);
        stopAndWait(task);
    }

    @Test
    @DisplayName("Two replicas whose apps both bind 0.0.0.0:8080 both run, each on its own local URL, and one reaches the other by its private IP")
    void replicasBindTheSamePort() throws Exception {
        String family = register("replica", app(c -> { }));
        Task first = run(family);
        Task second = run(family);
        waiter.waitUntilTasksRunning(r -> r.cluster(CLUSTER).tasks(first.taskArn(), second.taskArn()));

        String firstUrl = url(first);
        String secondUrl = url(second);
        assertThat(firstUrl).isNotEqualTo(secondUrl);
        assertThat(get(firstUrl + "/")).isEqualTo("hello from ip-" + privateIp(describe(first)).replace('.', '-'));
        assertThat(get(secondUrl + "/")).isEqualTo("hello from ip-" + privateIp(describe(second)).replace('.', '-'));
        String secondByIp = "http://" + privateIp(describe(second)) + ":8080/";
        assertThat(get(firstUrl + "/call?url=" + secondByIp)).as("the first task calls " + secondByIp)
                .isEqualTo("hello from ip-" + privateIp(describe(second)).replace('.', '-'));
        stopAndWait(first);
        stopAndWait(second);
    }

    @Test
    @DisplayName("An app that exits with 3 by itself stops its task: exit code 3, 'Essential container in task exited'")
    void exitCodeIsTheProcesses() {
        Task job = runAndWaitStopped("job", app(c -> c.environment(
                KeyValuePair.builder().name("EXIT_AFTER_MS").value("200").build(),
                KeyValuePair.builder().name("EXIT_CODE").value("3").build())));

        assertThat(job.containers().get(0).exitCode()).isEqualTo(3);
        assertThat(job.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(job.stoppedReason()).isEqualTo("Essential container in task exited");
    }

    @Test
    @DisplayName("StopTask sends SIGTERM: the JVM exits 143 (128 + SIGTERM), not 137 (SIGKILL at the stop timeout), and its port is closed")
    void stopTaskSendsSigterm() throws Exception {
        Task task = runAndWait("stoppable", app(c -> c.stopTimeout(120)));
        String url = url(task);
        get(url + "/");

        Task stopped = stopAndWait(task);

        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(StopSignals.TERMINATED);
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
        assertThat(answers(url)).as("the process is gone").isFalse();
    }

    @Test
    @DisplayName("An app that crashes on request (/exit?code=1) stops its task with exit code 1")
    void crashingApp() throws Exception {
        Task task = runAndWait("crasher", app(c -> { }));
        get(url(task) + "/exit?code=1");

        waiter.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(task.taskArn()));
        Task stopped = describe(task);
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(1);
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    }

    @Test
    @DisplayName("A health check 'curl -f http://localhost:8080/health' asks the real app: HEALTHY; one asking a path the app lacks: UNHEALTHY")
    void healthCheckAsksTheRealProcess() throws Exception {
        Task healthy = runAndWait("healthy", app(c -> c.healthCheck(h -> h.command("CMD-SHELL",
                "curl -f http://localhost:8080/health || exit 1").interval(5).retries(2).startPeriod(120))));
        Task unhealthy = runAndWait("unhealthy", app(c -> c.healthCheck(h -> h.command("CMD-SHELL",
                "curl -f http://localhost:8080/nothing-here || exit 1").interval(5).retries(2).startPeriod(0))));

        assertThat(awaitHealth(healthy, HealthStatus.HEALTHY)).isEqualTo(HealthStatus.HEALTHY);
        // The app answers 404 there: the simulation would have guessed "answers", the real request says no.
        assertThat(awaitHealth(unhealthy, HealthStatus.UNHEALTHY)).isEqualTo(HealthStatus.UNHEALTHY);
        get(url(unhealthy) + "/"); // the app is up: from now on only its 404 can fail the check
        Thread.sleep(1_000); // 20 s on the emulator's clock: four more checks, any success would make it HEALTHY
        assertThat(describe(unhealthy).healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        stopAndWait(healthy);
        stopAndWait(unhealthy);
    }

    @Test
    @DisplayName("A Java image whose class path is missing from the image stays simulated, and the ports route says why")
    void javaImageWithoutItsFilesIsSimulated() throws Exception {
        Task task = runAndWait("simulated", ContainerDefinition.builder().name("app").image(image)
                .entryPoint("java", "-jar", "/app/missing.jar").essential(true)
                .portMappings(p -> p.containerPort(8080)).build());

        JsonNode ports = ports(task);
        assertThat(ports.path("ports")).isEmpty();
        assertThat(ports.path("containers").get(0).path("runtime").asText()).isEqualTo(SimulatedRuntime.NAME);
        assertThat(ports.path("containers").get(0).path("reason").asText()).isEqualTo("the image has no /app/missing.jar");
        stopAndWait(task);
    }

    // --- helpers

    private static ContainerDefinition app(Consumer<ContainerDefinition.Builder> more) {
        ContainerDefinition.Builder builder = ContainerDefinition.builder().name("app").image(image).essential(true)
                .portMappings(p -> p.containerPort(8080));
        more.accept(builder);
        return builder.build();
    }

    private static String register(String family, ContainerDefinition container) {
        return ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(container))
                .taskDefinition().taskDefinitionArn();
    }

    private static Task run(String taskDefinition) {
        return ecs.runTask(RunTaskRequest.builder().cluster(CLUSTER).taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets(DefaultVpc.SUBNET_IDS).securityGroups(DefaultVpc.SECURITY_GROUP_ID)
                        .assignPublicIp(AssignPublicIp.ENABLED))).build()).tasks().get(0);
    }

    private static Task runAndWait(String family, ContainerDefinition container) {
        Task task = run(register(family, container));
        waiter.waitUntilTasksRunning(r -> r.cluster(CLUSTER).tasks(task.taskArn()));
        return describe(task);
    }

    private static Task runAndWaitStopped(String family, ContainerDefinition container) {
        Task task = run(register(family, container));
        waiter.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(task.taskArn()));
        return describe(task);
    }

    private static Task stopAndWait(Task task) {
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        waiter.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(task.taskArn()));
        return describe(task);
    }

    private static Task describe(Task task) {
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().get(0);
    }

    private static String privateIp(Task task) {
        return task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
    }

    /** The task's health once it is {@code expected}, or as it is after 30 s (a JVM may take its time to listen). */
    private static HealthStatus awaitHealth(Task task, HealthStatus expected) {
        // health checks run on the emulator's clock against a real process; no SDK waiter polls for them
        return RealTime.until(() -> describe(task).healthStatus(), health -> health == expected, Duration.ofSeconds(30));
    }

    private static JsonNode ports(Task task) throws Exception {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET",
                URI.create(emulator.url() + "/_emulator/tasks/" + id + "/ports"), ACCOUNT, "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static String url(Task task) throws Exception {
        List<JsonNode> ports = List.copyOf(iterable(ports(task).path("ports")));
        assertThat(ports).as("the task's local ports").hasSize(1);
        return ports.get(0).path("url").asText();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** The app's answer, once its JVM is up (RUNNING on ECS also comes before the app listens). */
    private static String get(String url) {
        return RealTime.until(RealTime.connecting(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body()), answer -> true,
                Duration.ofSeconds(20));
    }

    private static boolean answers(String url) throws InterruptedException {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
