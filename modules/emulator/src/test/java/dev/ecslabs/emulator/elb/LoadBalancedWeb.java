package dev.ecslabs.emulator.elb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A simulated nginx Fargate service behind an ALB (an ip target group named as the service, an HTTP
 * listener on port 80 forwarding to it), its tasks RUNNING and healthy: what the load balancer
 * metrics and request-count scaling tests send requests through.
 */
public record LoadBalancedWeb(LoadBalancer loadBalancer, TargetGroup targetGroup) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Creates it all with {@code desiredCount} tasks and plays the clock until they run and pass their health checks. */
    public static LoadBalancedWeb create(ElasticLoadBalancingV2Client elb, EcsClient ecs, EmulatorClock clock, String cluster,
                                         String service, int desiredCount) {
        TargetGroup group = ElbFixtures.ipGroup(elb, service);
        LoadBalancer alb = ElbFixtures.alb(elb, service);
        ElbFixtures.httpListener(elb, alb, group);
        ecs.createCluster(r -> r.clusterName(cluster));
        String definition = ecs.registerTaskDefinition(r -> r.family(service).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(ElbFixtures.NGINX)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(definition).desiredCount(desiredCount)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED))));
        if (clock instanceof ManualClock manual) {
            manual.advance(Duration.ofMinutes(2));
        } else { // a clock of its own: poll until the targets are healthy (a scaled or jumping clock gets there in seconds)
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ElbFixtures.states(elb, group).equals(java.util.Collections.nCopies(desiredCount, "healthy"))) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("the targets are " + ElbFixtures.states(elb, group) + " after a minute");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        return new LoadBalancedWeb(alb, group);
    }

    /** The LoadBalancer dimension: {@code app/<name>/<id>}. */
    public String loadBalancerDimension() {
        String arn = loadBalancer.loadBalancerArn();
        return arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    }

    /** The TargetGroup dimension: {@code targetgroup/<name>/<id>}. */
    public String targetGroupDimension() {
        String arn = targetGroup.targetGroupArn();
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** ALBRequestCountPerTarget's resource label: {@code app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>}. */
    public String resourceLabel() {
        return loadBalancerDimension() + "/" + targetGroupDimension();
    }

    /** The listener's local URL, from {@code GET /_emulator/load-balancers/<name>/url} signed as {@code account}. */
    public String url(Emulator emulator, String account) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET", URI.create(emulator.url() + "/_emulator/load-balancers/"
                + loadBalancer.loadBalancerName() + "/url"), account, "secret", "us-east-1").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the load balancer's URL: " + response.statusCode() + " " + response.body());
        }
        return new ObjectMapper().readTree(response.body()).path("listeners").get(0).path("url").asText();
    }

    /** Sends {@code count} GETs of {@code url}, one after the other; their status codes. */
    public static List<Integer> send(String url, int count) throws IOException, InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < count; i++) {
            statuses.add(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        return statuses;
    }
}
