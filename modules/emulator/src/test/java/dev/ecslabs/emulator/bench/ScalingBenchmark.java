package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.metrics.Load;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The auto scaling numbers (issue 19): 100 services of 2 simulated tasks, each a scalable target
 * (2–10) with a target tracking policy on CPU at 50 % (200 alarms), all put under load at once. The
 * emulator's clock is a manual one, moved a minute at a time as fast as the emulator can go: each
 * minute ECS publishes 200 metrics, 200 alarms are evaluated and the policies in ALARM scale their
 * services, whose tasks start. Reports emulated minutes per real second (and the process CPU) over
 * {@code minutes} emulated minutes, and, per service, the emulated time from the load to its first
 * scale-out: AlarmHigh needs 3 of 3 one-minute periods, so one evaluation period is 3 minutes.
 *
 * <pre>./mvnw -q -o -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.ScalingBenchmark -Dexec.args="100 30"</pre>
 */
public final class ScalingBenchmark {
    private static final String ACCOUNT = "123456789012";

    private ScalingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average " + ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        ManualClock clock = new ManualClock();
        try (Emulator emulator = Emulator.builder().port(0).clock(clock).realProcesses(false).start();
             EcsClient ecs = AwsClients.ecs(emulator, ACCOUNT);
             ApplicationAutoScalingClient autoScaling = AwsClients.client(ApplicationAutoScalingClient.builder(), emulator, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName("bench"));
            String definition = ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                            .image("public.ecr.aws/nginx/nginx:1.27").essential(true))).taskDefinition().taskDefinitionArn();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < services; i++) {
                String name = String.format("svc-%03d", i);
                names.add(name);
                ecs.createService(b -> b.cluster("bench").serviceName(name).taskDefinition(definition).desiredCount(2)
                        .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                                .subnets(DefaultVpc.SUBNET_IDS).securityGroups(DefaultVpc.SECURITY_GROUP_ID))));
            }
            clock.advance(Duration.ofMinutes(2));
            for (String name : names) {
                String resource = "service/bench/" + name;
                autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(10));
                autoScaling.putScalingPolicy(b -> b.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                        .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0).predefinedMetricSpecification(p -> p
                                .predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
            }
            Instant loaded = clock.now();
            for (String name : names) {
                Load.set(emulator, ACCOUNT, "bench", name, 150); // 75 requests a second per task: 100 % CPU
            }
            var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = bean.getProcessCpuTime();
            long start = System.nanoTime();
            for (int minute = 0; minute < minutes; minute++) {
                clock.advance(Duration.ofMinutes(1));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (bean.getProcessCpuTime() - cpuBefore) / 1e9;
            System.out.printf(Locale.ROOT, "%d services, %d emulated minutes in %.2f s: %.1f emulated minutes per real second "
                    + "(process CPU %.2f s)%n", services, minutes, seconds, minutes / seconds, cpu);

            Duration slowest = Duration.ZERO;
            int scaled = 0;
            int finalCount = 0;
            for (String name : names) {
                List<ScalingActivity> activities = autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId("service/bench/" + name)).scalingActivities();
                if (!activities.isEmpty()) {
                    scaled++;
                    Duration decision = Duration.between(loaded, activities.get(activities.size() - 1).startTime());
                    slowest = decision.compareTo(slowest) > 0 ? decision : slowest;
                }
                finalCount += ecs.describeServices(b -> b.cluster("bench").services(name)).services().get(0).desiredCount();
            }
            System.out.printf(Locale.ROOT, "%d of %d services scaled out; the slowest first decision came %d s (emulated) after "
                    + "the load (one evaluation period: 180 s); desired counts now total %d%n", scaled, services,
                    slowest.toSeconds(), finalCount);
        }
    }
}
