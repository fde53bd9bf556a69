package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import dev.ecslabs.emulator.runtime.apps.GrpcHelloApp;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * Real containers reach each other by name: the frontend's app calls {@code http://backend:8080/},
 * the Service Connect client alias of the backend service
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html), and
 * its connections (or, with {@code appProtocol} http, http2 or grpc, its requests) are spread over the backend's running
 * tasks; or it calls the backend's Cloud Map
 * DNS name, whose A record is the backend task's private IP.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED, speed = 20, scope = EmulatorTest.Scope.EACH_TEST,
        account = ServiceConnectRoutingTest.ACCOUNT)
// Alone in the JVM: each case starts real app JVMs and counts, in real time, the frontend's requests that a rolling
// deployment fails; beside the module's other classes on two cores (load 20-40) the apps came up too late for it.
@Isolated
class ServiceConnectRoutingTest {
    static final String ACCOUNT = "310987654321";
    static final String CLUSTER = "shop";
    /**
     * How long (real time) the tasks' apps may take to listen once RUNNING, polled, not slept: a JVM starts in about a
     * second on a quiet machine, but at load 30 (a build beside this) the first answer took over 20 s.
     */
    static final Duration APPS_LISTENING = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Emulator emulator;
    EcsClient ecs;
    EcrClient ecr;
    EcsWaiter waiter;

    @BeforeEach
    void waiter() {
        waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(300).build()).build();
    }

    @AfterEach
    void closeWaiter() {
        waiter.close();
    }

    /** The tests' Java app, pushed as Jib lays it out: the repository's URI. */
    private String pushApp(Path work) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
        JavaAppImages.push(ecr, uri, "1", work);
        return uri;
    }

    @Test
    @DisplayName("The frontend's app reaches http://backend:8080/ by its client alias, and its connections go to both backend tasks in turn")
    void frontendCallsTheBackendByItsAlias(@TempDir Path work) throws Exception {
        String uri = pushApp(work);
        ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("shop")));
        runBackendAndFrontend(register("backend", uri + ":1", "http"), register("frontend", uri + ":1", "web"));

        Set<String> backendHosts = new HashSet<>();
        for (Task task : tasks("backend")) {
            backendHosts.add("hello from " + host(task));
        }
        String call = url(tasks("frontend").get(0)) + "/call?url=http://backend:8080/";
        // Both backend apps listen a moment after their tasks are RUNNING (ready before routed): until then a call is
        // refused (no backend listens yet) or goes to the one that does. Asked again until both answered six calls.
        Set<String> answers = RealTime.until(() -> {
            Set<String> six = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                six.add(get(call));
            }
            return six;
        }, backendHosts::equals, APPS_LISTENING);

        assertThat(backendHosts).hasSize(2);
        assertThat(answers).as("what the backend answered the frontend").isEqualTo(backendHosts);
    }

    @Test
    @DisplayName("With appProtocol http, the frontend's requests over one kept-alive connection to http://backend:8080/ are "
            + "spread over both backend tasks, request by request, as the Service Connect proxy balances HTTP")
    void httpRequestsOverOneConnectionReachEveryBackendTask(@TempDir Path work) throws Exception {
        String uri = pushApp(work);
        ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("shop")));
        runBackendAndFrontend(register("backend", uri + ":1", "http", "hello", false, ApplicationProtocol.HTTP),
                register("frontend", uri + ":1", "web"));
        Set<String> backendHosts = new HashSet<>();
        for (Task task : tasks("backend")) {
            backendHosts.add("200 hello from " + host(task));
        }
        String calls = url(tasks("frontend").get(0)) + "/calls?n=6&url=http://backend:8080/";
        // Both backend apps listen a moment after their tasks are RUNNING (ready before routed): until then the proxy
        // answers 503 (no backend listens yet) or sends every request to the one that does. Two different lines are
        // not enough (a 503 and one backend's answer were, at load 24): asked again until they are both backends.
        String answers = RealTime.until(() -> get(calls), answer -> new HashSet<>(List.of(answer.split("\n"))).equals(backendHosts),
                APPS_LISTENING);

        assertThat(new HashSet<>(List.of(answers.split("\n")))).as("what six calls over one connection were answered")
                .isEqualTo(backendHosts);
        assertThat(get(url(tasks("frontend").get(0)) + "/call?url=http://backend:8080/forwarded"))
                .as("the Host the backend's app got: the alias, as the frontend's app sent it (the proxy keeps it)")
                .contains("host=backend:8080\n");
    }

    @ParameterizedTest(name = "appProtocol {0}")
    @ValueSource(strings = {"tcp", "http"})
    @DisplayName("A rolling deployment of the backend (with a container health check) behind its alias fails no request of "
            + "the frontend: a new task takes connections only once its app listens, an old one leaves the rotation before its "
            + "SIGTERM; per connection (no appProtocol: TCP) and per request (http)")
    void rolloutLosesNoRequest(String protocol, @TempDir Path work) throws Exception {
        ApplicationProtocol appProtocol = protocol.equals("http") ? ApplicationProtocol.HTTP : null;
        String uri = pushApp(work);
        ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("shop")));
        runBackendAndFrontend(register("backend", uri + ":1", "http", "v1", true, appProtocol), register("frontend", uri + ":1", "web"));
        URI call = URI.create(url(tasks("frontend").get(0)) + "/call?url=http://backend:8080/");
        assertThat(RealTime.until(() -> get(call.toString()), answer -> answer.startsWith("v1 from"), APPS_LISTENING))
                .startsWith("v1 from");

        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean rolling = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (rolling.get()) {
                sent.incrementAndGet();
                try {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(call).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        failures.add(answer.statusCode() + " " + answer.body());
                    } else {
                        versions.add(answer.body().substring(0, 2));
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "load-through-the-alias");
        List<String> v1Tasks = tasks("backend").stream().map(Task::taskArn).toList();
        load.start();
        ecs.updateService(r -> r.cluster(CLUSTER).service("backend").taskDefinition(register("backend", uri + ":1", "http", "v2", true, appProtocol)));
        waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
        RealTime.until(() -> versions.contains("v2"), Boolean::booleanValue, Duration.ofSeconds(10));
        // requests keep going until the old tasks' processes have ended (STOPPED), not only left the rotation
        waiter.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(v1Tasks));
        rolling.set(false);
        load.join();

        System.out.printf("rollout behind the alias (%s): %d requests, %d failed%n", protocol, sent.get(), failures.size());
        assertThat(versions).as("the backend versions that answered").containsExactlyInAnyOrder("v1", "v2");
        assertThat(failures).as("failed requests out of " + sent.get()).isEmpty();
    }

    @Test
    @DisplayName("With appProtocol grpc, a real gRPC client's calls over one HTTP/2 connection to the alias's proxy reach both "
            + "backend tasks (real gRPC servers), call by call, with their trailers; a backend task stopped meanwhile fails no call")
    void grpcCallsOverOneConnectionReachEveryBackendTask(@TempDir Path work) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("greeter")).repository().repositoryUri();
        JavaAppImages.pushGrpc(ecr, uri, "1", work);
        ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("shop")));
        createBackend(register("backend", uri + ":1", "grpc", "hello", false, ApplicationProtocol.GRPC));
        waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
        Set<String> backendHosts = new HashSet<>();
        for (Task task : tasks("backend")) {
            backendHosts.add("hello from " + host(task));
        }
        URI proxy = URI.create(aliasUrl("backend:8080"));
        ManagedChannel channel = ManagedChannelBuilder.forAddress(proxy.getHost(), proxy.getPort()).usePlaintext().build();
        try {
            // Both backend apps listen a moment after their tasks are RUNNING (ready before routed).
            Set<String> answered = RealTime.until(() -> sayHello(channel, 4), answers -> answers.size() == 2, APPS_LISTENING);
            assertThat(answered).as("what calls over one connection were answered").isEqualTo(backendHosts);

            StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(channel, GrpcHelloApp.REFUSE, CallOptions.DEFAULT, "me"));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat("hello from " + refused.getTrailers().get(GrpcHelloApp.SERVED_BY)).as("the server's own trailer")
                    .isIn(backendHosts);

            String stopped = tasks("backend").get(0).taskArn();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread load = new Thread(() -> {
                while (stopping.get()) {
                    sent.incrementAndGet();
                    try {
                        call(channel);
                    } catch (StatusRuntimeException e) {
                        failures.add(e.getStatus().toString());
                    }
                }
            }, "grpc-calls-through-the-alias");
            load.start();
            ecs.stopTask(r -> r.cluster(CLUSTER).task(stopped));
            waiter.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(stopped));
            Thread.sleep(300); // calls keep going once the stopped task's process ended
            stopping.set(false);
            load.join();

            System.out.printf("gRPC calls through the alias while a backend task stopped: %d, %d failed%n", sent.get(), failures.size());
            assertThat(failures).as("failed calls out of " + sent.get()).isEmpty();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The answers of {@code n} SayHello calls on the channel; none while the proxy has no backend that listens yet. */
    private static Set<String> sayHello(ManagedChannel channel, int n) {
        Set<String> answers = new HashSet<>();
        try {
            for (int i = 0; i < n; i++) {
                answers.add(call(channel));
            }
        } catch (StatusRuntimeException notYet) {
            return Set.of();
        }
        return answers;
    }

    private static String call(ManagedChannel channel) {
        return ClientCalls.blockingUnaryCall(channel, GrpcHelloApp.SAY_HELLO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                "test");
    }

    /** Where this machine reaches the Service Connect proxy of the alias: its {@code localUrl}. */
    private String aliasUrl(String alias) throws Exception {
        HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET",
                URI.create(emulator.url() + "/_emulator/service-connect/aliases"), ACCOUNT, "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode service : new ObjectMapper().readTree(response.body()).path("services")) {
            for (JsonNode one : service.path("aliases")) {
                if (one.path("alias").asText().equals(alias) && one.has("localUrl")) {
                    return one.path("localUrl").asText();
                }
            }
        }
        throw new AssertionError("no localUrl for " + alias + " in " + response.body());
    }

    private static String host(Task task) {
        return "ip-" + task.containers().stream().filter(c -> c.name().equals("app")).findFirst()
                .orElseThrow().networkInterfaces().get(0).privateIpv4Address().replace('.', '-');
    }

    @Test
    @DisplayName("A task's app reaches another service by its Cloud Map DNS name (backend.shop.local, an A record of its task's IP)")
    void callsByCloudMapDnsName(@TempDir Path work) throws Exception {
        String uri = pushApp(work);
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        String registryArn;
        try (ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator, ACCOUNT)) {
            String operation = cloudMap.createPrivateDnsNamespace(r -> r.name("shop.local").vpc(DefaultVpc.VPC_ID)).operationId();
            // Cloud Map's operations have no SDK waiter
            RealTime.until(() -> cloudMap.getOperation(r -> r.operationId(operation)).operation().status(),
                    status -> status == OperationStatus.SUCCESS, Duration.ofSeconds(30));
            String namespaceId = cloudMap.getOperation(r -> r.operationId(operation)).operation()
                    .targets().get(OperationTargetType.NAMESPACE);
            registryArn = cloudMap.createService(r -> r.name("backend").namespaceId(namespaceId)
                    .dnsConfig(d -> d.dnsRecords(DnsRecord.builder().type(RecordType.A).ttl(10L).build()))).service().arn();
        }
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("backend").taskDefinition(register("backend", uri + ":1", "http"))
                .desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                .serviceRegistries(s -> s.registryArn(registryArn)));
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("frontend").taskDefinition(register("frontend", uri + ":1", "web"))
                .desiredCount(1).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
        waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend", "frontend"));

        String backendIp = tasks("backend").get(0).containers().get(0).networkInterfaces().get(0).privateIpv4Address();
        String expected = "hello from ip-" + backendIp.replace('.', '-');
        String call = url(tasks("frontend").get(0)) + "/call?url=http://backend.shop.local:8080/";
        // The name is in the containers' hosts file once Cloud Map's registration is done, a moment after the task
        // is RUNNING; a JVM that asked before caches "unknown" for 10 s (networkaddress.cache.negative.ttl).
        String answer = RealTime.until(() -> get(call), expected::equals, Duration.ofSeconds(15));

        assertThat(answer).isEqualTo(expected);
    }

    /**
     * The backend (two tasks, its port {@code http} published as {@code backend:8080}) and the frontend
     * (one task, a client of the namespace), both stable.
     */
    private void runBackendAndFrontend(String backendTaskDefinition, String frontendTaskDefinition) {
        createBackend(backendTaskDefinition);
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("frontend").taskDefinition(frontendTaskDefinition).desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                .serviceConnectConfiguration(sc -> sc.enabled(true)));
        waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend", "frontend"));
    }

    /** The backend: two tasks, its port (named by the task definition) published as {@code backend:8080}. */
    private void createBackend(String taskDefinition) {
        String portName = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition().containerDefinitions()
                .get(0).portMappings().get(0).name();
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("backend").taskDefinition(taskDefinition).desiredCount(2)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                .serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName(portName).discoveryName("backend")
                        .clientAliases(a -> a.dnsName("backend").port(8080)))));
    }

    private String register(String family, String image, String portName) {
        return register(family, image, portName, "hello");
    }

    private String register(String family, String image, String portName, String greeting) {
        return register(family, image, portName, greeting, false, null);
    }

    /**
     * With {@code healthCheck}, the container's health check asks the app's /health: ECS counts a new
     * task healthy in a deployment only once it passes, and only then stops an old one
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html).
     */
    private String register(String family, String image, String portName, String greeting, boolean healthCheck,
                            ApplicationProtocol appProtocol) {
        return ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("1024").containerDefinitions(ContainerDefinition.builder()
                        .name("app").image(image).essential(true).memory(512)
                        .healthCheck(healthCheck ? software.amazon.awssdk.services.ecs.model.HealthCheck.builder()
                                .command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1").interval(5).timeout(2)
                                .retries(3).startPeriod(60).build() : null)
                        .environment(e -> e.name("GREETING").value(greeting))
                        .portMappings(p -> p.containerPort(8080).name(portName).appProtocol(appProtocol)).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private List<Task> tasks(String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(service)).taskArns();
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
    }

    private String url(Task task) throws Exception {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET",
                URI.create(emulator.url() + "/_emulator/tasks/" + id + "/ports"), ACCOUNT, "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode ports = new ObjectMapper().readTree(response.body()).path("ports");
        assertThat(ports).as(response.body()).hasSize(1);
        return ports.get(0).path("url").asText();
    }

    /** The app's answer, once its JVM listens. */
    private static String get(String url) {
        return RealTime.until(RealTime.connecting(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body()), answer -> true,
                Duration.ofSeconds(20));
    }
}
