package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.runtime.JavaAppImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

/**
 * The ALB data plane (issue 18): requests per second and latency to a real app (the tests' JDK-only
 * HelloApp, one task) at {@code connections} keep-alive connections for {@code seconds} each,
 * directly on the task's local URL and through a load balancer's listener; the difference of the
 * p99s is what the load balancer adds.
 *
 * <pre>./mvnw -o -q -pl modules/emulator test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * cd modules/emulator && java -cp target/test-classes:target/classes:$(cat cp.txt) dev.ecslabs.emulator.bench.LoadBalancerBenchmark [connections] [seconds]</pre>
 */
public final class LoadBalancerBenchmark {
    private static final String ACCOUNT = "410987654322";

    private LoadBalancerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        HttpLoad.printMachine();
        Path work = Files.createTempDirectory("elb-bench");
        try (Emulator emulator = Emulator.builder().port(0).realProcesses(true).start();
             EcsClient ecs = AwsClients.ecs(emulator, ACCOUNT); EcrClient ecr = AwsClients.ecr(emulator, ACCOUNT);
             ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), emulator, ACCOUNT)) {
            String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
            JavaAppImages.push(ecr, uri, "1", work);
            ecs.createCluster(b -> b.clusterName("bench"));
            String family = ecs.registerTaskDefinition(r -> r.family("hello").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("1024").memory("2048").containerDefinitions(ContainerDefinition.builder()
                            .name("app").image(uri + ":1").essential(true).portMappings(p -> p.containerPort(8080)).build()))
                    .taskDefinition().taskDefinitionArn();
            TargetGroup group = elb.createTargetGroup(r -> r.name("hello").protocol("HTTP").port(8080).vpcId(DefaultVpc.VPC_ID)
                    .targetType("ip").healthCheckPath("/health").healthCheckIntervalSeconds(10)).targetGroups().get(0);
            String lb = elb.createLoadBalancer(r -> r.name("bench").subnets(DefaultVpc.SUBNET_IDS)).loadBalancers().get(0).loadBalancerArn();
            elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));
            // the grace period keeps ECS from replacing a task whose JVM starts slowly on a loaded machine
            ecs.createService(r -> r.cluster("bench").serviceName("hello").taskDefinition(family).desiredCount(1)
                    .launchType(LaunchType.FARGATE).healthCheckGracePeriodSeconds(1200)
                    .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("app").containerPort(8080))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            try (ElasticLoadBalancingV2Waiter waiter = ElasticLoadBalancingV2Waiter.builder().client(elb)
                    .overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(6000)
                            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).build()).build()) {
                waiter.waitUntilTargetInService(r -> r.targetGroupArn(group.targetGroupArn()));
            }
            String task = ecs.listTasks(r -> r.cluster("bench")).taskArns().get(0);
            String direct = HttpLoad.emulatorJson(emulator, ACCOUNT, "/_emulator/tasks/" + task.substring(task.lastIndexOf('/') + 1)
                    + "/ports").path("ports").get(0).path("url").asText();
            String through = HttpLoad.emulatorJson(emulator, ACCOUNT, "/_emulator/load-balancers/bench/url").path("listeners").get(0)
                    .path("url").asText();
            HttpLoad.run("warm-up direct", direct, connections, Math.max(2, seconds / 3));
            HttpLoad.run("warm-up through the ALB", through, connections, Math.max(2, seconds / 3));
            HttpLoad.Result directResult = HttpLoad.run("direct", direct, connections, seconds);
            HttpLoad.Result albResult = HttpLoad.run("through the ALB", through, connections, seconds);
            System.out.printf(Locale.ROOT, "p99 added by the ALB: %.2f ms; p50 added: %.2f ms; CPU the ALB adds a request: %.0f µs%n",
                    albResult.p99() - directResult.p99(), albResult.p50() - directResult.p50(),
                    albResult.cpuMicrosPerRequest() - directResult.cpuMicrosPerRequest());
        }
    }
}
