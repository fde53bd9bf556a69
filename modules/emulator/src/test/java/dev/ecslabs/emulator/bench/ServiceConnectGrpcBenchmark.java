package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.runtime.JavaAppImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * Service Connect's HTTP/2 path: gRPC calls per second and latency to a real gRPC server (the
 * tests' GrpcHelloApp, one task of a service whose port says {@code appProtocol: grpc}) on one
 * connection with {@code streams} calls in flight, for {@code seconds}, directly on the task's
 * local URL and through the Service Connect proxy of its alias {@code backend:8080}; the
 * difference of the p99s is what the proxy adds. Then the service runs two tasks and one is
 * stopped under the same load through the alias: every call that fails is counted.
 *
 * <pre>./mvnw -o -q -pl modules/emulator test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * cd modules/emulator && java -cp target/test-classes:target/classes:$(cat cp.txt) dev.ecslabs.emulator.bench.ServiceConnectGrpcBenchmark [streams] [seconds]</pre>
 */
public final class ServiceConnectGrpcBenchmark {
    private static final String ACCOUNT = "410987654324";
    private static final String CLUSTER = "bench";

    private ServiceConnectGrpcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        HttpLoad.printMachine();
        Path work = Files.createTempDirectory("service-connect-grpc-bench");
        try (Emulator emulator = Emulator.builder().port(0).realProcesses(true).start();
             EcsClient ecs = AwsClients.ecs(emulator, ACCOUNT); EcrClient ecr = AwsClients.ecr(emulator, ACCOUNT);
             EcsWaiter waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                     .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(1500).build()).build()) {
            String uri = ecr.createRepository(b -> b.repositoryName("greeter")).repository().repositoryUri();
            JavaAppImages.pushGrpc(ecr, uri, "1", work);
            ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("bench")));
            String taskDefinition = ecs.registerTaskDefinition(r -> r.family("backend").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("1024").memory("2048").containerDefinitions(ContainerDefinition.builder()
                            .name("app").image(uri + ":1").essential(true)
                            .portMappings(p -> p.containerPort(8080).name("grpc").appProtocol(ApplicationProtocol.GRPC)).build()))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster(CLUSTER).serviceName("backend").taskDefinition(taskDefinition)
                    .desiredCount(1).launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                    .serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName("grpc").discoveryName("backend")
                            .clientAliases(a -> a.dnsName("backend").port(8080)))));
            waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
            String task = ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns().get(0);
            String direct = HttpLoad.emulatorJson(emulator, ACCOUNT, "/_emulator/tasks/" + task.substring(task.lastIndexOf('/') + 1)
                    + "/ports").path("ports").path(0).path("url").asText();
            String alias = ServiceConnectBenchmark.aliasUrl(emulator, ACCOUNT);
            awaitAnswer(direct);
            awaitAnswer(alias);
            GrpcLoad.run("warm-up direct", direct, streams, until(Math.max(2, seconds / 3)));
            GrpcLoad.run("warm-up through Service Connect", alias, streams, until(Math.max(2, seconds / 3)));
            HttpLoad.Result directResult = GrpcLoad.run("direct", direct, streams, until(seconds));
            HttpLoad.Result proxied = GrpcLoad.run("through Service Connect", alias, streams, until(seconds));
            System.out.printf(Locale.ROOT, "p99 added by the Service Connect proxy: %.2f ms; p50 added: %.2f ms; CPU added: %.0f µs a call%n",
                    proxied.p99() - directResult.p99(), proxied.p50() - directResult.p50(),
                    proxied.cpuMicrosPerRequest() - directResult.cpuMicrosPerRequest());

            ecs.updateService(r -> r.cluster(CLUSTER).service("backend").desiredCount(2));
            waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("backend"));
            ServiceConnectBenchmark.pause(Duration.ofSeconds(3)); // the new task's JVM listens a moment after RUNNING
            AtomicBoolean stopping = new AtomicBoolean(true);
            Thread stop = new Thread(() -> {
                ServiceConnectBenchmark.pause(Duration.ofSeconds(1));
                ecs.stopTask(r -> r.cluster(CLUSTER).task(task));
                waiter.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(task));
                ServiceConnectBenchmark.pause(Duration.ofSeconds(1)); // calls go on once the stopped task's process ended
                stopping.set(false);
            }, "stop-a-task");
            stop.start();
            GrpcLoad.run("through Service Connect while one of two tasks stops", alias, streams, stopping::get);
            stop.join();
        }
    }

    private static java.util.function.BooleanSupplier until(int seconds) {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        return () -> System.nanoTime() < end;
    }

    /** Waits until a call at {@code url} is answered (its JVM listens a moment after RUNNING). */
    private static void awaitAnswer(String url) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            AtomicBoolean once = new AtomicBoolean(true);
            if (GrpcLoad.run("first call at " + url, url, 1, () -> once.getAndSet(false)).failed() == 0) {
                return;
            }
            ServiceConnectBenchmark.pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException(url + " answered no gRPC call in 60 s");
    }
}
