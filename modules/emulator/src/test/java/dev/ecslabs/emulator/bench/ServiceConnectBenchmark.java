package dev.ecslabs.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.runtime.JavaAppImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * Service Connect's HTTP path (issue 17): requests per second and latency to a real app (the tests'
 * JDK-only HelloApp, one task of a client-server service whose port says {@code appProtocol: http})
 * at {@code connections} keep-alive connections for {@code seconds} each, directly on the task's
 * local URL and through the Service Connect proxy of its alias {@code backend:8080} (the
 * {@code localUrl} of {@code /_emulator/service-connect/aliases}, where a client task's connections
 * to the alias go); the difference of the p99s is what the proxy adds. Then the service runs two
 * tasks and is rolled out to a new revision (with a container health check) under the same load
 * through the alias: every request that fails is counted.
 *
 * <pre>./mvnw -o -q -pl modules/emulator test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * cd modules/emulator && java -cp target/test-classes:target/classes:$(cat cp.txt) dev.ecslabs.emulator.bench.ServiceConnectBenchmark [connections] [seconds]</pre>
 */
public final class ServiceConnectBenchmark {
    private static final String ACCOUNT = "410987654323";
    private static final String CLUSTER = "bench";

    private ServiceConnectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        HttpLoad.printMachine();
        Path work = Files.createTempDirectory("service-connect-bench");
        try (Emulator emulator = Emulator.builder().port(0).realProcesses(true).start();
             EcsClient ecs = AwsClients.ecs(emulator, ACCOUNT); EcrClient ecr = AwsClients.ecr(emulator, ACCOUNT);
             EcsWaiter waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                     .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(1500).build()).build()) {
            String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
            JavaAppImages.push(ecr, uri, "1", work);
            ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("bench")));
            ecs.createService(r -> r.cluster(CLUSTER).serviceName("backend").taskDefinition(register(ecs, uri, "v1"))
                    .desiredCount(1).launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                    .serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName("http").discoveryName("backend")
                            .clientAliases(a -> a.dnsName("backend").port(8080)))));
            waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
            String task = ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns().get(0);
            String direct = HttpLoad.emulatorJson(emulator, ACCOUNT, "/_emulator/tasks/" + task.substring(task.lastIndexOf('/') + 1)
                    + "/ports").path("ports").path(0).path("url").asText();
            if (direct.isEmpty()) {
                throw new IllegalStateException("The backend's task " + task + " has no local port: does it run for real?");
            }
            String alias = aliasUrl(emulator, ACCOUNT);
            awaitAnswer(direct);
            awaitAnswer(alias);
            HttpLoad.run("warm-up direct", direct, connections, Math.max(2, seconds / 3));
            HttpLoad.run("warm-up through Service Connect", alias, connections, Math.max(2, seconds / 3));
            HttpLoad.Result directResult = HttpLoad.run("direct", direct, connections, seconds);
            HttpLoad.Result proxied = HttpLoad.run("through Service Connect", alias, connections, seconds);
            System.out.printf(Locale.ROOT, "p99 added by the Service Connect proxy: %.2f ms; p50 added: %.2f ms; CPU added: %.0f µs a request%n",
                    proxied.p99() - directResult.p99(), proxied.p50() - directResult.p50(),
                    proxied.cpuMicrosPerRequest() - directResult.cpuMicrosPerRequest());

            ecs.updateService(r -> r.cluster(CLUSTER).service("backend").desiredCount(2));
            waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
            AtomicBoolean rolling = new AtomicBoolean(true);
            Thread rollout = new Thread(() -> {
                long started = System.nanoTime();
                ecs.updateService(r -> r.cluster(CLUSTER).service("backend").taskDefinition(register(ecs, uri, "v2")));
                waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
                System.out.printf(Locale.ROOT, "rollout of 2 tasks to COMPLETED in %.1f s%n", (System.nanoTime() - started) / 1e9);
                pause(Duration.ofSeconds(2)); // requests go on while the old tasks' processes end
                rolling.set(false);
            }, "rollout");
            rollout.start();
            HttpLoad.run("through Service Connect during the rollout", alias, connections, rolling::get);
            rollout.join();
        }
    }

    /** The backend's revision: HelloApp answering {@code greeting}, port 8080 named http with appProtocol http, a health check. */
    private static String register(EcsClient ecs, String uri, String greeting) {
        return ecs.registerTaskDefinition(r -> r.family("backend").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("1024").memory("2048").containerDefinitions(ContainerDefinition.builder()
                        .name("app").image(uri + ":1").essential(true)
                        .environment(e -> e.name("GREETING").value(greeting))
                        // Generous on the scaled clock (x20: a 3 s interval, 15 s to start): a loaded machine's JVMs start slowly.
                        .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1")
                                .interval(60).timeout(30).retries(3).startPeriod(300).build())
                        .portMappings(p -> p.containerPort(8080).name("http").appProtocol(ApplicationProtocol.HTTP)).build()))
                .taskDefinition().taskDefinitionArn();
    }

    /** The local URL of the proxy of backend:8080, once the emulator has one. */
    static String aliasUrl(Emulator emulator, String account) throws Exception {
        for (int i = 0; i < 600; i++) {
            for (JsonNode service : HttpLoad.emulatorJson(emulator, account, "/_emulator/service-connect/aliases").path("services")) {
                for (JsonNode alias : service.path("aliases")) {
                    Optional<String> url = Optional.ofNullable(alias.get("localUrl")).map(JsonNode::asText);
                    if (alias.path("alias").asText().equals("backend:8080") && url.isPresent()) {
                        return url.get();
                    }
                }
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("backend:8080 got no Service Connect proxy in 60 s");
    }

    /** Waits until the app answers at {@code url} (ready before routed: its JVM listens a moment after RUNNING). */
    private static void awaitAnswer(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> last = null;
        for (int i = 0; i < 600; i++) {
            try {
                last = client.send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notListening) {
                // the app's JVM is still starting
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException(url + " did not answer 200 in 60 s; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
    }

    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
