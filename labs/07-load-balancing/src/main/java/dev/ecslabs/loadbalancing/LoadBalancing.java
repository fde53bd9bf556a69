package dev.ecslabs.loadbalancing;

import dev.ecslabs.labkit.NotDoneYet;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
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

    private LoadBalancing() {
    }

    /** Exercise 07.1: an ip target group for the web app's tasks, with a quick health check. */
    public static TargetGroup createTargetGroup(ElasticLoadBalancingV2Client elb, String name, String vpcId, int port,
                                                String healthCheckPath) {
        // TODO: create an HTTP target group of target type ip on port in the VPC, health-checked with GET healthCheckPath every 10 s (2 passes healthy, 2 failures unhealthy), and return it
        throw new NotDoneYet();
    }

    /** Exercise 07.2: an internet-facing Application Load Balancer, once active, with an HTTP listener that forwards to the target group. */
    public static Listener createLoadBalancer(ElasticLoadBalancingV2Client elb, ElasticLoadBalancingV2Waiter waiter, String name,
                                              List<String> subnets, String targetGroupArn) {
        // TODO: create the load balancer in the subnets, wait until it is active, add an HTTP listener on LISTENER_PORT forwarding to the target group, and return the listener
        throw new NotDoneYet();
    }

    /** Exercise 07.3: a Fargate service of two tasks behind the target group, once every target is healthy. */
    public static List<TargetHealthDescription> createService(EcsClient ecs, EcsWaiter ecsWaiter,
                                                              ElasticLoadBalancingV2Waiter elbWaiter, String cluster,
                                                              String serviceName, String taskDefinition,
                                                              String containerName, int containerPort,
                                                              String targetGroupArn, List<String> subnets) {
        // TODO: create a service of 2 tasks that registers containerName:containerPort with the target group (grace period 60 s), wait until it is stable and its targets are in service, and return their health
        throw new NotDoneYet();
    }

    /** Exercise 07.4: what {@code count} GET requests of the load balancer's URL answered, in order. */
    public static List<String> callThrough(URI url, int count) {
        // TODO: send count GET requests to url and return each answer's body; an answer other than 200 is an error
        throw new NotDoneYet();
    }

    /** Exercise 07.5: a rule of the listener that forwards /api/* to the backend's target group. */
    public static Rule routeApiToBackend(ElasticLoadBalancingV2Client elb, String listenerArn, String backendTargetGroupArn) {
        // TODO: add a rule with priority API_RULE_PRIORITY that forwards requests whose path matches /api/* to the backend target group, and return it
        throw new NotDoneYet();
    }

    /** Exercise 07.6: a new revision rolled out behind the load balancer without losing a request: its deployment, COMPLETED. */
    public static Deployment rollOut(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                     String taskDefinition) {
        // TODO: roll the service out to the task definition, never below 100% nor above 200% of its tasks; return its PRIMARY deployment once stable
        throw new NotDoneYet();
    }

    /** Exercise 07.7: the targets the load balancer finds unhealthy, with AWS's reason. */
    public static List<UnhealthyTarget> unhealthyTargets(ElasticLoadBalancingV2Client elb, String targetGroupArn) {
        // TODO: return every target of the target group whose state is unhealthy, with its reason code and description
        throw new NotDoneYet();
    }

    /** Exercise 07.8: the target group's deregistration delay set, as the target group now reports it. */
    public static int setDeregistrationDelay(ElasticLoadBalancingV2Client elb, String targetGroupArn, int seconds) {
        // TODO: make a deregistered target drain for seconds, and return the delay the target group's attributes now say
        throw new NotDoneYet();
    }

    /** Exercise 07.9: the service, its load balancer and its target groups deleted, in the order AWS accepts. */
    public static Service tearDown(EcsClient ecs, EcsWaiter ecsWaiter, ElasticLoadBalancingV2Client elb,
                                   ElasticLoadBalancingV2Waiter elbWaiter, String cluster, String serviceName,
                                   String loadBalancerArn, List<String> targetGroupArns) {
        // TODO: delete the service (scaled to 0) and wait until INACTIVE, then the load balancer and wait until it is deleted, then the target groups; return the INACTIVE service
        throw new NotDoneYet();
    }
}
