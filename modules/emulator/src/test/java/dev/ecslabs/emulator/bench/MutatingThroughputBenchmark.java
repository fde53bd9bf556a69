package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Throughput of calls that change state, which are the calls the journal holds back until their
 * changes are written: 16 clients, each creating clusters, repositories, task
 * definition revisions and Cloud Map namespaces and tagging its clusters, as fast as the emulator
 * answers, through the real SDK on loopback, each client in an account of its own. Modes: {@code memory} (no data directory),
 * {@code data} (a data directory: the journal, each write handed to the OS), {@code data-force}
 * (each journal write forced to the disk as well). Mixes: {@code clusters} (the default, above) and
 * {@code tasks}: each client runs, tags and stops Fargate tasks and scales and creates ECS services
 * in a cluster of its own (the areas whose resources a call changes in place or the clock fills).
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.MutatingThroughputBenchmark -Dexec.args="data 16 10 20"</pre>
 *
 * Arguments: mode, clients, warm-up seconds, measured seconds, mix.
 */
public final class MutatingThroughputBenchmark {
    private MutatingThroughputBenchmark() {
    }

    /** Below Cloud Map's quota of 50 namespaces an account; then the fifth call updates the cluster's settings instead. */
    private static final int NAMESPACES_PER_CLIENT = 45;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "data";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        boolean tasks = args.length > 4 && args[4].equals("tasks");
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "; mode " + mode + ", "
                + clients + " clients, " + warmUp + " s warm-up, " + seconds + " s measured, " + (tasks ? "tasks" : "clusters") + " mix");
        Path data = Files.createTempDirectory("throughput-benchmark");
        try {
            Emulator.Builder builder = Emulator.builder().port(0);
            if (!mode.equals("memory")) {
                builder.dataDirectory(data);
            }
            if (mode.equals("data-force")) {
                builder.forceJournal(true);
            }
            try (Emulator emulator = builder.start()) {
                AtomicLong calls = new AtomicLong();
                Measurements latencies = new Measurements(5_000_000);
                AtomicBoolean measuring = new AtomicBoolean();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int client = i;
                    Thread thread = new Thread(() -> {
                        if (tasks) {
                            taskClient(emulator, client, calls, latencies, measuring, stop);
                        } else {
                            client(emulator, client, calls, latencies, measuring, stop);
                        }
                    }, "client-" + i);
                    thread.start();
                    threads.add(thread);
                }
                Thread.sleep(warmUp * 1000L);
                calls.set(0);
                measuring.set(true);
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                Thread.sleep(seconds * 1000L);
                long counted = calls.get();
                double elapsed = (System.nanoTime() - start) / 1e9;
                long cpu = processCpuNanos() - cpuStart;
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }
                System.out.printf(Locale.ROOT, "Changing calls: %.0f per second (%d in %.1f s); latency %s%n",
                        counted / elapsed, counted, elapsed, latencies.summary());
                // CPU of this JVM (clients and emulator) per call: what the journal adds to a call, less at the mercy of
                // other processes on a shared machine than the rate is
                System.out.printf(Locale.ROOT, "CPU per changing call: %.0f µs (%.1f CPU-s)%n",
                        counted == 0 ? 0.0 : cpu / 1e3 / counted, cpu / 1e9);
            }
            if (!mode.equals("memory")) {
                System.out.printf(Locale.ROOT, "Snapshot at the end: %,d bytes%n", Files.size(data.resolve("state.json")));
            }
        } finally {
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void client(Emulator emulator, int client, AtomicLong calls, Measurements latencies,
                               AtomicBoolean measuring, AtomicBoolean stop) {
        // an account of each client's own: Cloud Map allows 50 namespaces an account, which the workload must not hit
        String account = String.format(Locale.ROOT, "2000000000%02d", client);
        try (EcsClient ecs = AwsClients.ecs(emulator, account); EcrClient ecr = AwsClients.ecr(emulator, account);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator, account)) {
            String cluster = ecs.createCluster(b -> b.clusterName("home-" + client)).cluster().clusterArn();
            for (int n = 0; !stop.get(); n++) {
                String name = "c" + client + "-" + n;
                String tagKey = "k" + (n % 40);
                long begin = System.nanoTime();
                switch (n % 5) {
                    case 0 -> ecs.createCluster(b -> b.clusterName(name));
                    case 1 -> ecr.createRepository(b -> b.repositoryName("repo-" + name));
                    case 2 -> ecs.registerTaskDefinition(b -> b.family("family-" + client)
                            .containerDefinitions(c -> c.name("web").image("nginx").memory(128)));
                    case 3 -> ecs.tagResource(b -> b.resourceArn(cluster).tags(Tag.builder().key(tagKey).value(name).build()));
                    default -> {
                        if (n / 5 < NAMESPACES_PER_CLIENT) {
                            cloudMap.createHttpNamespace(b -> b.name("ns-" + name));
                        } else {
                            ecs.updateCluster(b -> b.cluster(cluster).settings(setting -> setting
                                    .name(ClusterSettingName.CONTAINER_INSIGHTS).value(tagKey.endsWith("0") ? "enabled" : "disabled")));
                        }
                    }
                }
                if (measuring.get()) {
                    latencies.add(System.nanoTime() - begin);
                }
                calls.incrementAndGet();
            }
        }
    }

    /** The tasks mix: RunTask, TagResource on a task, UpdateService, StopTask, CreateService, in turn. */
    private static void taskClient(Emulator emulator, int client, AtomicLong calls, Measurements latencies,
                                   AtomicBoolean measuring, AtomicBoolean stop) {
        String account = String.format(Locale.ROOT, "2100000000%02d", client);
        try (EcsClient ecs = AwsClients.ecs(emulator, account)) {
            String cluster = "home-" + client;
            ecs.createCluster(b -> b.clusterName(cluster));
            String taskDefinition = ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27"))).taskDefinition().taskDefinitionArn();
            ecs.createService(b -> b.cluster(cluster).serviceName("scaled").taskDefinition(taskDefinition).desiredCount(0)
                    .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            List<String> running = new ArrayList<>();
            for (int n = 0; !stop.get(); n++) {
                String name = "s" + client + "-" + n;
                int step = n;
                long begin = System.nanoTime();
                switch (n % 5) {
                    case 0 -> running.add(ecs.runTask(b -> b.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
                            .networkConfiguration(net -> net.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))))
                            .tasks().get(0).taskArn());
                    case 1 -> ecs.tagResource(b -> b.resourceArn(running.get(running.size() - 1))
                            .tags(Tag.builder().key("k" + (step % 40)).value(name).build()));
                    case 2 -> ecs.updateService(b -> b.cluster(cluster).service("scaled").desiredCount(step / 5 % 2));
                    case 3 -> ecs.stopTask(b -> b.cluster(cluster).task(running.remove(0)).reason("benchmark"));
                    default -> ecs.createService(b -> b.cluster(cluster).serviceName(name).taskDefinition(taskDefinition).desiredCount(0)
                            .launchType(LaunchType.FARGATE)
                            .networkConfiguration(net -> net.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
                }
                if (measuring.get()) {
                    latencies.add(System.nanoTime() - begin);
                }
                calls.incrementAndGet();
            }
        }
    }
}
