package dev.ecslabs.loadbalancing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

/**
 * The web app's service behind an Application Load Balancer: target group, load balancer and
 * listener, the service registered with them, traffic spread and routed by path, rollouts and
 * replacements that lose no request, draining, and teardown in the order AWS accepts.
 */
public final class LoadBalancing {
    /** The port the load balancer's listener answers on. */
    public static final int LISTENER_PORT = 80;
    /** The priority of the rule that sends /api/* to the backend. */
    public static final int API_RULE_PRIORITY = 10;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoadBalancing() {
    }

    /** Exercise 07.1: an ip target group for the web app's tasks, with a quick health check. */
    public static TargetGroup createTargetGroup(ElasticLoadBalancingV2Client elb, String name, String vpcId, int port,
                                                String healthCheckPath) {
        return elb.createTargetGroup(request -> request.name(name)
                .protocol(ProtocolEnum.HTTP)
                .port(port)
                .vpcId(vpcId)
                .targetType(TargetTypeEnum.IP)                 // awsvpc tasks are registered by their private IP
                .healthCheckPath(healthCheckPath)
                .healthCheckIntervalSeconds(10)
                .healthyThresholdCount(2)
                .unhealthyThresholdCount(2))
                .targetGroups().get(0);
    }

    /** Exercise 07.2: an internet-facing Application Load Balancer, once active, with an HTTP listener that forwards to the target group. */
    public static Listener createLoadBalancer(ElasticLoadBalancingV2Client elb, ElasticLoadBalancingV2Waiter waiter, String name,
                                              List<String> subnets, String targetGroupArn) {
        LoadBalancer loadBalancer = elb.createLoadBalancer(request -> request.name(name)
                .type(LoadBalancerTypeEnum.APPLICATION)
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                .subnets(subnets))
                .loadBalancers().get(0);
        waiter.waitUntilLoadBalancerAvailable(request -> request.loadBalancerArns(loadBalancer.loadBalancerArn()));
        return elb.createListener(request -> request.loadBalancerArn(loadBalancer.loadBalancerArn())
                .protocol(ProtocolEnum.HTTP)
                .port(LISTENER_PORT)
                .defaultActions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)))
                .listeners().get(0);
    }

    /** Exercise 07.3: a Fargate service of two tasks behind the target group, once every target is healthy. */
    public static List<TargetHealthDescription> createService(EcsClient ecs, EcsWaiter ecsWaiter,
                                                              ElasticLoadBalancingV2Waiter elbWaiter, String cluster,
                                                              String serviceName, String taskDefinition,
                                                              String containerName, int containerPort,
                                                              String targetGroupArn, List<String> subnets) {
        ecs.createService(request -> request.cluster(cluster)
                .serviceName(serviceName)
                .taskDefinition(taskDefinition)
                .desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(lb -> lb.targetGroupArn(targetGroupArn).containerName(containerName).containerPort(containerPort))
                .healthCheckGracePeriodSeconds(60)
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets)
                        .assignPublicIp(AssignPublicIp.ENABLED))));
        // Stable: both tasks RUNNING and registered; then every registered target must pass its health check.
        ecsWaiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName));
        return elbWaiter.waitUntilTargetInService(request -> request.targetGroupArn(targetGroupArn))
                .matched().response().orElseThrow().targetHealthDescriptions();
    }

    /** Exercise 07.4: what {@code count} GET requests of the load balancer's URL answered, in order. */
    public static List<String> callThrough(URI url, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
                }
                bodies.add(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("No answer from " + url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while calling " + url, e);
            }
        }
        return bodies;
    }

    /** Exercise 07.5: a rule of the listener that forwards /api/* to the backend's target group. */
    public static Rule routeApiToBackend(ElasticLoadBalancingV2Client elb, String listenerArn, String backendTargetGroupArn) {
        return elb.createRule(request -> request.listenerArn(listenerArn)
                .priority(API_RULE_PRIORITY)
                .conditions(condition -> condition.field("path-pattern").pathPatternConfig(path -> path.values("/api/*")))
                .actions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(backendTargetGroupArn)))
                .rules().get(0);
    }

    /** Exercise 07.6: a new revision rolled out behind the load balancer without losing a request: its deployment, COMPLETED. */
    public static Deployment rollOut(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                     String taskDefinition) {
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).taskDefinition(taskDefinition)
                .deploymentConfiguration(deployment -> deployment.minimumHealthyPercent(100).maximumPercent(200)));
        Service stable = waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName))
                .matched().response().orElseThrow().services().get(0);
        return stable.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow();
    }

    /** Exercise 07.7: the targets the load balancer finds unhealthy, with AWS's reason. */
    public static List<UnhealthyTarget> unhealthyTargets(ElasticLoadBalancingV2Client elb, String targetGroupArn) {
        return elb.describeTargetHealth(request -> request.targetGroupArn(targetGroupArn)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.UNHEALTHY)
                .map(d -> new UnhealthyTarget(d.target().id(), d.target().port(), d.targetHealth().reasonAsString(),
                        d.targetHealth().description()))
                .toList();
    }

    /** Exercise 07.8: the target group's deregistration delay set, as the target group now reports it. */
    public static int setDeregistrationDelay(ElasticLoadBalancingV2Client elb, String targetGroupArn, int seconds) {
        elb.modifyTargetGroupAttributes(request -> request.targetGroupArn(targetGroupArn)
                .attributes(attribute -> attribute.key("deregistration_delay.timeout_seconds").value(Integer.toString(seconds))));
        return elb.describeTargetGroupAttributes(request -> request.targetGroupArn(targetGroupArn)).attributes().stream()
                .filter(attribute -> attribute.key().equals("deregistration_delay.timeout_seconds"))
                .map(attribute -> Integer.parseInt(attribute.value()))
                .findFirst().orElseThrow();
    }

    /** Exercise 07.9: the service, its load balancer and its target groups deleted, in the order AWS accepts. */
    public static Service tearDown(EcsClient ecs, EcsWaiter ecsWaiter, ElasticLoadBalancingV2Client elb,
                                   ElasticLoadBalancingV2Waiter elbWaiter, String cluster, String serviceName,
                                   String loadBalancerArn, List<String> targetGroupArns) {
        // 1. The service first: its tasks drain out of the target groups and stop.
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).desiredCount(0));
        ecs.deleteService(request -> request.cluster(cluster).service(serviceName));
        Service inactive = ecsWaiter.waitUntilServicesInactive(request -> request.cluster(cluster).services(serviceName))
                .matched().response().orElseThrow().services().get(0);
        // 2. The load balancer, which takes its listeners and rules with it.
        elb.deleteLoadBalancer(request -> request.loadBalancerArn(loadBalancerArn));
        elbWaiter.waitUntilLoadBalancersDeleted(request -> request.loadBalancerArns(loadBalancerArn));
        // 3. The target groups, now that no listener or rule forwards to them.
        for (String targetGroupArn : targetGroupArns) {
            elb.deleteTargetGroup(request -> request.targetGroupArn(targetGroupArn));
        }
        return inactive;
    }
}
