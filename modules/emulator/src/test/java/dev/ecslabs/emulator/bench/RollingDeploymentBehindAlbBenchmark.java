package dev.ecslabs.emulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Failed requests during rolling deployments behind an ALB (issue 18's target: 0 of at least
 * 2,000): a service of {@code tasks} simulated web servers behind a listener, rolled out
 * {@code rollouts} times between nginx and httpd (minimumHealthyPercent 100, maximumPercent 200,
 * targets checked every 5 s, draining 10 s), on the scaled clock at {@code speed}, while
 * {@code connections} threads send GET / through the listener the whole time. A request fails when
 * it gets no answer or an answer other than 200.
 *
 * <pre>./mvnw -o -q -pl modules/emulator test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * cd modules/emulator && java -cp target/test-classes:target/classes:$(cat cp.txt) dev.ecslabs.emulator.bench.RollingDeploymentBehindAlbBenchmark [connections] [rollouts] [tasks] [speed]</pre>
 */
public final class RollingDeploymentBehindAlbBenchmark {
    private static final String ACCOUNT = "410987654323";
    private static final String[] IMAGES = {"public.ecr.aws/nginx/nginx:1.27", "public.ecr.aws/docker/library/httpd:2.4"};

    private RollingDeploymentBehindAlbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rollouts = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        double speed = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average " + java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        try (Emulator emulator = Emulator.builder().port(0).speed(speed).start();
             EcsClient ecs = AwsClients.ecs(emulator, ACCOUNT);
             ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), emulator, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName("bench"));
            List<String> revisions = new ArrayList<>();
            for (String image : IMAGES) {
                revisions.add(ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder()
                                .name("web").image(image).essential(true).portMappings(p -> p.containerPort(80)).build()))
                        .taskDefinition().taskDefinitionArn());
            }
            TargetGroup group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID)
                    .targetType("ip").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2)
                    .unhealthyThresholdCount(2)).targetGroups().get(0);
            elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())
                    .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("10")));
            String lb = elb.createLoadBalancer(r -> r.name("bench").subnets(DefaultVpc.SUBNET_IDS)).loadBalancers().get(0)
                    .loadBalancerArn();
            elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));
            ecs.createService(r -> r.cluster("bench").serviceName("web").taskDefinition(revisions.get(0)).desiredCount(tasks)
                    .launchType(LaunchType.FARGATE)
                    .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200))
                    .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            waitForCompleted(ecs, revisions.get(0));
            String url = new ObjectMapper().readTree(HttpClient.newHttpClient().send(SignedRequests.signed("GET",
                    URI.create(emulator.url() + "/_emulator/load-balancers/bench/url"), ACCOUNT, "secret", "us-east-1").build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("listeners").get(0).path("url").asText() + "/";

            Traffic traffic = new Traffic(url, connections);
            long start = System.nanoTime();
            for (int i = 1; i <= rollouts; i++) {
                String next = revisions.get(i % revisions.size());
                long rolloutStart = System.nanoTime();
                ecs.updateService(r -> r.cluster("bench").service("web").taskDefinition(next));
                waitForCompleted(ecs, next);
                System.out.printf(Locale.ROOT, "rollout %d to %s: COMPLETED in %.1f s; %d requests so far, %d failed%n", i,
                        IMAGES[i % IMAGES.length], (System.nanoTime() - rolloutStart) / 1e9, traffic.sent.get(),
                        traffic.failed.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            traffic.stop();
            System.out.printf(Locale.ROOT, "%d rollouts of %d tasks in %.1f s at %d connections: %d requests (%.0f/s), %d failed; "
                            + "answers by server: %s; failures: %s%n", rollouts, tasks, seconds, connections, traffic.sent.get(),
                    traffic.sent.get() / seconds, traffic.failed.get(), traffic.servers, traffic.failures);
        }
    }

    private static void waitForCompleted(EcsClient ecs, String taskDefinition) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            Service service = ecs.describeServices(r -> r.cluster("bench").services("web")).services().get(0);
            if (service.deployments().size() == 1) {
                Deployment only = service.deployments().get(0);
                if (only.taskDefinition().equals(taskDefinition) && "COMPLETED".equals(only.rolloutStateAsString())) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The rollout to " + taskDefinition + " did not complete in 5 minutes");
    }

    /** GET url from {@code connections} threads, one kept-alive connection each, until stopped. */
    private static final class Traffic {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, Integer> servers = new ConcurrentHashMap<>();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Traffic(String url, int connections) {
            for (int i = 0; i < connections; i++) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() != 200) {
                                failed.incrementAndGet();
                                failures.merge(String.valueOf(answer.statusCode()), 1, Integer::sum);
                            } else {
                                servers.merge(answer.body().contains("nginx") ? "nginx" : "httpd", 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                        sent.incrementAndGet();
                    }
                }, "traffic-" + i);
                threads.add(thread);
                thread.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
