package dev.ecslabs.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.state.StatePersistence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * The persistence numbers: how long a snapshot of a realistic learner's state takes, how big it
 * is, and how long an emulator takes to start from it. The state is made through the SDK: 50
 * images in 5 repositories (scanned, with a lifecycle policy), 20 task definitions (4 families of 5
 * revisions, two containers each), 30 tasks (20 RUNNING, 5 STOPPED, 5 on their way up), and 5
 * Cloud Map namespaces of 2 services with 25 instances each (250 instances), plus the operations
 * that made them.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.PersistenceBenchmark</pre>
 */
public final class PersistenceBenchmark {
    private static final int WARM_UP = 30;
    private static final int RUNS = 200;
    private static final int STARTS = 20;

    private PersistenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        Path data = Files.createTempDirectory("persistence-benchmark");
        try {
            ManualClock clock = new ManualClock();
            try (Emulator emulator = Emulator.builder().clock(clock).port(0).dataDirectory(data).start()) {
                makeLearnerState(emulator, clock);
                StatePersistence persistence = emulator.persistence().orElseThrow();
                int size = 0;
                for (int i = 0; i < WARM_UP; i++) {
                    size = persistence.saveNow();
                }
                Measurements snapshots = new Measurements(RUNS);
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    persistence.saveNow();
                    snapshots.add(System.nanoTime() - start);
                }
                Measurements disk = diskWrites(data, Files.readAllBytes(persistence.file()));
                System.out.printf(Locale.ROOT, "Snapshot size: %,d bytes (%.1f KiB)%n", size, size / 1024.0);
                System.out.println("Snapshot (take under the locks, serialise, write, force, move): " + snapshots.summary());
                System.out.println("  of which writing the same bytes to a file and forcing them to disk: " + disk.summary());
                printAreaSizes(persistence.file());
            }
            startFrom(data);
        } finally {
            delete(data);
        }
    }

    private static void makeLearnerState(Emulator emulator, ManualClock clock) {
        try (EcrClient ecr = AwsClients.ecr(emulator); EcsClient ecs = AwsClients.ecs(emulator);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator)) {
            for (int r = 0; r < 5; r++) {
                String repository = "course/app-" + r;
                ecr.createRepository(b -> b.repositoryName(repository).imageScanningConfiguration(c -> c.scanOnPush(true)));
                ecr.putLifecyclePolicy(b -> b.repositoryName(repository).lifecyclePolicyText("{\"rules\":[{\"rulePriority\":1,"
                        + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":100},"
                        + "\"action\":{\"type\":\"expire\"}}]}"));
                for (int i = 0; i < 10; i++) {
                    EcrImages.push(ecr, repository, "1." + i, EcrImages.image(repository + i, Map.of(
                            "app/app.jar", new byte[2048], "app/libs/log4j-core-2.14.1.jar", new byte[512],
                            "app/config/application.properties", ("version=" + i).getBytes())));
                }
            }
            ecs.createCluster(b -> b.clusterName("lab"));
            for (int f = 0; f < 4; f++) {
                String family = "family-" + f;
                for (int r = 0; r < 5; r++) {
                    ecs.registerTaskDefinition(b -> b.family(family).requiresCompatibilities(Compatibility.FARGATE)
                            .networkMode(NetworkMode.AWSVPC).cpu("512").memory("1024")
                            .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                            .containerDefinitions(container("web", "public.ecr.aws/nginx/nginx:1.27"),
                                    container("sidecar", "public.ecr.aws/docker/library/busybox:1.37")));
                }
            }
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                if (i == 25) {
                    // the first 25 are RUNNING; 5 of them are stopped, and 5 more are left on their way up
                    clock.advance(Duration.ofSeconds(30));
                    tasks.subList(20, 25).forEach(arn -> ecs.stopTask(b -> b.cluster("lab").task(arn)));
                    clock.advance(Duration.ofMinutes(2));
                }
                String family = "family-" + (i % 4);
                tasks.add(ecs.runTask(b -> b.cluster("lab").taskDefinition(family).launchType(LaunchType.FARGATE)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))))
                        .tasks().get(0).taskArn());
            }
            clock.advance(Duration.ofSeconds(3));
            for (int n = 0; n < 5; n++) {
                int number = n;
                String operation = cloudMap.createPrivateDnsNamespace(b -> b.name("lab" + number + ".local").vpc(DefaultVpc.VPC_ID))
                        .operationId();
                clock.advance(Duration.ofMinutes(1));
                String namespaceId = cloudMap.getOperation(b -> b.operationId(operation)).operation().targetsAsStrings()
                        .get("NAMESPACE");
                for (int s = 0; s < 2; s++) {
                    String serviceId = cloudMap.createService(b -> b.name("service-" + number + "-" + System.nanoTime())
                            .namespaceId(namespaceId).dnsConfig(d -> d.dnsRecords(DnsRecord.builder().type(RecordType.A)
                                    .ttl(60L).build()))).service().id();
                    for (int i = 0; i < 25; i++) {
                        String ip = "172.31." + number + "." + (s * 25 + i + 10);
                        String instanceId = "task-" + i;
                        cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId(instanceId)
                                .attributes(Map.of("AWS_INSTANCE_IPV4", ip, "AWS_INSTANCE_PORT", "8080", "stage", "lab")));
                    }
                }
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }

    private static ContainerDefinition container(String name, String image) {
        return ContainerDefinition.builder().name(name).image(image).essential(name.equals("web"))
                .portMappings(p -> p.containerPort(name.equals("web") ? 80 : 9000))
                .environment(KeyValuePair.builder().name("STAGE").value("lab").build(),
                        KeyValuePair.builder().name("LOG_LEVEL").value("info").build())
                .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost/ || exit 1"))
                .build();
    }

    /** Where the bytes go: each area's share of the snapshot. */
    private static void printAreaSizes(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode areas = json.readTree(file.toFile()).path("accountRegions").get(0).path("areas");
        StringBuilder line = new StringBuilder("  by area:");
        for (Map.Entry<String, JsonNode> area : areas.properties()) {
            line.append(String.format(Locale.ROOT, " %s %.1f KiB;", area.getKey(),
                    json.writeValueAsBytes(area.getValue()).length / 1024.0));
        }
        System.out.println(line);
    }

    /** The disk's share: the same bytes written to a temporary file and forced, as SnapshotFile does. */
    private static Measurements diskWrites(Path data, byte[] bytes) throws IOException {
        Measurements disk = new Measurements(RUNS);
        Path file = data.resolve("disk-only.tmp");
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long start = System.nanoTime();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            if (i >= WARM_UP) {
                disk.add(System.nanoTime() - start);
            }
        }
        Files.delete(file);
        return disk;
    }

    /** Starts emulators from the snapshot and without one; the difference is what restoring costs. */
    private static void startFrom(Path data) throws IOException {
        Path empty = Files.createTempDirectory("persistence-benchmark-empty");
        try {
            Measurements restored = new Measurements(STARTS);
            Measurements fresh = new Measurements(STARTS);
            String report = "";
            for (int i = 0; i < STARTS + 5; i++) {
                long start = System.nanoTime();
                try (Emulator emulator = Emulator.builder().clock(new ManualClock()).port(0).dataDirectory(data).start()) {
                    long took = System.nanoTime() - start;
                    report = emulator.persistence().orElseThrow().report();
                    if (i >= 5) {
                        restored.add(took);
                    }
                }
                start = System.nanoTime();
                try (Emulator emulator = Emulator.builder().clock(new ManualClock()).port(0).dataDirectory(empty).start()) {
                    if (i >= 5) {
                        fresh.add(System.nanoTime() - start);
                    }
                }
            }
            System.out.println("Start from the snapshot: " + restored.summary() + " — " + report);
            System.out.println("Start with an empty data directory: " + fresh.summary());
        } finally {
            delete(empty);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
