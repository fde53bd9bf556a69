package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The services numbers (issue: services): 100 services of 10 tasks each, reconciled by one
 * emulator at its default speed. The time from the CreateService calls until every service has
 * COMPLETED its deployment (which includes ECS's 40 s wait before a task without a health check
 * counts as healthy), the same for a rolling update of all 100 to a new revision, the process
 * CPU time over 10 idle seconds with the 1,000 tasks running (the scheduler must not spin), and
 * DescribeServices latency.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.ServicesBenchmark</pre>
 */
public final class ServicesBenchmark {
    private static final int SERVICES = 100;
    private static final int TASKS_PER_SERVICE = 10;
    private static final int DESCRIBE_CALLS = 2_000;
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final String CLUSTER = "bench";

    private ServicesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        try (Emulator emulator = Emulator.start(0); EcsClient ecs = client(emulator)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            String v1 = register(ecs);
            String v2 = register(ecs);
            warmUp(ecs, v1);
            List<String> names = new ArrayList<>();
            long begin = System.nanoTime();
            Measurements create = new Measurements(SERVICES);
            for (int i = 0; i < SERVICES; i++) {
                String name = String.format("svc-%03d", i);
                long start = System.nanoTime();
                ecs.createService(b -> b.cluster(CLUSTER).serviceName(name).taskDefinition(v1).desiredCount(TASKS_PER_SERVICE)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
                create.add(System.nanoTime() - start);
                names.add(name);
            }
            System.out.println("CreateService (desiredCount " + TASKS_PER_SERVICE + ") x " + SERVICES + ", 1 client: "
                    + create.summary());
            waitUntilCompleted(ecs, names, v1, begin, "All " + SERVICES + " services COMPLETED and steady");
            idleCpu();
            describeServices(ecs, names);
            long update = System.nanoTime();
            for (String name : names) {
                ecs.updateService(b -> b.cluster(CLUSTER).service(name).taskDefinition(v2));
            }
            waitUntilCompleted(ecs, names, v2, update, "Rolling update of all " + SERVICES + " services to a new revision "
                    + "(100%/200%) COMPLETED");
            for (String name : names) {
                ecs.deleteService(b -> b.cluster(CLUSTER).service(name).force(true));
            }
        }
    }

    private static String register(EcsClient ecs) {
        return ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("public.ecr.aws/nginx/nginx:1.27")
                        .portMappings(p -> p.containerPort(80)).build())).taskDefinition().taskDefinitionArn();
    }

    /** Creates, describes and deletes a few services in another cluster, so that the measured calls find the JVM warm. */
    private static void warmUp(EcsClient ecs, String taskDefinition) {
        ecs.createCluster(b -> b.clusterName("warm-up"));
        for (int i = 0; i < 20; i++) {
            String name = "warm-" + i;
            ecs.createService(b -> b.cluster("warm-up").serviceName(name).taskDefinition(taskDefinition).desiredCount(2)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
        }
        for (int i = 0; i < 2_000; i++) {
            int n = i % 20;
            ecs.describeServices(b -> b.cluster("warm-up").services("warm-" + n));
        }
        for (int i = 0; i < 20; i++) {
            int n = i;
            ecs.deleteService(b -> b.cluster("warm-up").service("warm-" + n).force(true));
        }
    }

    private static void waitUntilCompleted(EcsClient ecs, List<String> names, String taskDefinition, long begin, String what)
            throws InterruptedException {
        while (true) {
            int done = 0;
            int running = 0;
            for (int from = 0; from < names.size(); from += 10) {
                List<String> page = names.subList(from, Math.min(names.size(), from + 10));
                for (Service service : ecs.describeServices(b -> b.cluster(CLUSTER).services(page)).services()) {
                    running += service.runningCount();
                    Deployment primary = service.deployments().get(0);
                    if (service.deployments().size() == 1 && primary.taskDefinition().equals(taskDefinition)
                            && "COMPLETED".equals(primary.rolloutStateAsString())
                            && service.runningCount() == TASKS_PER_SERVICE) {
                        done++;
                    }
                }
            }
            if (done == names.size()) {
                double seconds = (System.nanoTime() - begin) / 1e9;
                System.out.printf(Locale.ROOT, "%s: %.1f s after the first call (%.0f s of AWS time at speed 20); "
                        + "%d tasks RUNNING%n", what, seconds, seconds * 20, running);
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The process's CPU time while nobody calls and every service is steady: the scheduler must not spin. */
    private static void idleCpu() throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(2_000);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(IDLE.toMillis());
        long cpu = os.getProcessCpuTime() - cpuBefore;
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        System.out.printf(Locale.ROOT, "Idle, %d services and %d tasks steady: %.0f ms of process CPU time in %.1f s "
                + "(%.2f%% of one core)%n", SERVICES, SERVICES * TASKS_PER_SERVICE, cpu / 1e6, wall, cpu / 1e7 / wall);
    }

    private static void describeServices(EcsClient ecs, List<String> names) {
        Measurements one = new Measurements(DESCRIBE_CALLS);
        Measurements ten = new Measurements(DESCRIBE_CALLS);
        for (int i = 0; i < DESCRIBE_CALLS; i++) {
            String name = names.get(i % names.size());
            long start = System.nanoTime();
            ecs.describeServices(b -> b.cluster(CLUSTER).services(name));
            one.add(System.nanoTime() - start);
            int from = (i * 10) % names.size();
            List<String> page = names.subList(from, from + 10);
            start = System.nanoTime();
            ecs.describeServices(b -> b.cluster(CLUSTER).services(page));
            ten.add(System.nanoTime() - start);
        }
        System.out.println("DescribeServices, 1 service of " + TASKS_PER_SERVICE + " tasks, 1 client: " + one.summary());
        System.out.println("DescribeServices, 10 services (the most per call), 1 client: " + ten.summary());
    }

    private static EcsClient client(Emulator emulator) {
        return EcsClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }
}
