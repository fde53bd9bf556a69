package dev.ecslabs.samplesystem;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * The capstone's speed target: the solution's deploy program, a second (idempotent) run, and the teardown
 * program, timed against an embedded emulator as labkit starts one (default speed, jumping clock, real
 * processes), the app's image pushed into a fresh account; wall time and this JVM's CPU time per phase,
 * with the load average (the apps' JVMs are processes of their own: their CPU is not in these figures).
 *
 * <pre>./mvnw -q -o -pl solutions/11-sample-system test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.samplesystem.SampleSystemBenchmark</pre>
 */
public final class SampleSystemBenchmark {
    private static final String ACCOUNT = "511987654321";
    private static final Region REGION = Region.US_EAST_1;

    private SampleSystemBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average " + loadAverage());
        try (Emulator emulator = Emulator.builder().port(0).dnsPort(0).jumping(true).start();
             AwsClients aws = clients(emulator)) {
            Shop shop = new Shop("shop", DefaultVpc.VPC_ID, DefaultVpc.SUBNET_IDS, REGION.id(), ACCOUNT);
            long wall = System.nanoTime();
            long cpu = cpuNanos();
            deployStepByStep(aws, shop);
            timed("deploy again (changes nothing)", () -> SampleSystem.deploy(aws, shop));
            time("teardown", () -> TearDown.tearDown(aws, shop));
            System.out.printf(Locale.ROOT, "deploy + redeploy + teardown: %.1f s wall, %.1f CPU-s in this JVM; load average now %s%n",
                    (System.nanoTime() - wall) / 1e9, (cpuNanos() - cpu) / 1e9, loadAverage());
        }
    }

    /** The steps of {@link SampleSystem#deploy}, in its order, each timed: where a deploy from nothing spends its time. */
    private static void deployStepByStep(AwsClients aws, Shop shop) {
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        Map<String, String> images = timed("1 images pushed and scanned", () -> SampleSystem.pushImages(aws, shop));
        time("2 log groups", () -> SampleSystem.createLogGroups(aws, shop));
        String role = timed("3 execution role", () -> SampleSystem.createExecutionRole(aws, shop));
        timed("3 catalog task role", () -> SampleSystem.createCatalogTaskRole(aws, shop));
        Map<String, String> definitions = timed("4 task definitions",
                () -> SampleSystem.registerTaskDefinitions(aws, shop, images, role));
        String namespace = timed("5 namespace", () -> SampleSystem.createNamespace(aws, shop));
        String registry = timed("6 orders registry", () -> SampleSystem.createOrdersRegistry(aws, shop, namespace));
        time("7 cluster", () -> SampleSystem.createCluster(aws, shop, namespace));
        Map<String, String> groups = timed("8 target groups", () -> SampleSystem.createTargetGroups(aws, shop));
        timed("9 load balancers", () -> List.of(
                SampleSystem.createLoadBalancer(aws, shop, shop.publicLoadBalancer(), true, groups.get(Shop.FRONTEND)),
                SampleSystem.createLoadBalancer(aws, shop, shop.internalLoadBalancer(), false, groups.get(Shop.CATALOG))));
        time("10 services stable, targets in service", () -> SampleSystem.createServices(aws, shop, definitions, registry, groups));
        String internal = aws.elb().describeLoadBalancers(r -> r.names(shop.internalLoadBalancer())).loadBalancers().get(0)
                .loadBalancerArn();
        timed("11 catalog scaling", () -> SampleSystem.scaleCatalog(aws, shop, internal, groups.get(Shop.CATALOG)));
        System.out.printf(Locale.ROOT, "%-40s %6.1f s wall, %6.1f CPU-s (load average %s)%n", "deploy (from nothing)",
                (System.nanoTime() - wall) / 1e9, (cpuNanos() - cpu) / 1e9, loadAverage());
    }

    private static void time(String phase, Runnable run) {
        timed(phase, () -> {
            run.run();
            return null;
        });
    }

    private static <T> T timed(String phase, Supplier<T> run) {
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        T answer;
        try {
            answer = run.get();
        } catch (RuntimeException e) {
            e.printStackTrace(); // said here: exec:java would report it only once this JVM's class loader is gone
            throw e;
        }
        System.out.printf(Locale.ROOT, "%-40s %6.1f s wall, %6.1f CPU-s (load average %s)%n", phase,
                (System.nanoTime() - wall) / 1e9, (cpuNanos() - cpu) / 1e9, loadAverage());
        return answer;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException | RuntimeException unreadable) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static AwsClients clients(Emulator emulator) {
        EcrClient ecr = build(EcrClient.builder(), emulator);
        EcsClient ecs = build(EcsClient.builder(), emulator);
        ElasticLoadBalancingV2Client elb = build(ElasticLoadBalancingV2Client.builder(), emulator);
        // Cloud Map's DiscoverInstances goes to a "data-" host: not with an endpoint of our own
        ServiceDiscoveryClient cloudMap = build(ServiceDiscoveryClient.builder()
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)), emulator);
        WaiterOverrideConfiguration poll = WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(600).build();
        return new AwsClients(ecr, EcrWaiter.builder().client(ecr).overrideConfiguration(poll).build(), ecs,
                EcsWaiter.builder().client(ecs).overrideConfiguration(poll).build(), build(IamClient.builder().region(Region.AWS_GLOBAL), emulator),
                build(CloudWatchLogsClient.builder(), emulator), cloudMap, elb,
                ElasticLoadBalancingV2Waiter.builder().client(elb).overrideConfiguration(poll).build(),
                build(ApplicationAutoScalingClient.builder(), emulator), Duration.ofMillis(100));
    }

    private static <B extends AwsClientBuilder<B, C>, C> C build(B builder, Emulator emulator) {
        if (!(builder instanceof software.amazon.awssdk.services.iam.IamClientBuilder)) {
            builder.region(REGION);
        }
        builder.endpointOverride(emulator.url())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "bench")));
        ((software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?>) builder).httpClientBuilder(UrlConnectionHttpClient.builder());
        return builder.build();
    }
}
