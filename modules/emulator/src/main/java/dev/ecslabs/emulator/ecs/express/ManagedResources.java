package dev.ecslabs.emulator.ecs.express;

import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayScalingTarget;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceScalingMetric;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What Express Mode creates beside the ECS service, as "Resources created by Amazon ECS Express
 * Mode services" lists it (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html):
 * an Application Load Balancer shared by the account-region's Express services, with one listener
 * and, per service, a target group (ip targets, the health check path) and a listener rule
 * forwarding the service's own host name to it; and an Application Auto Scaling scalable target
 * with a target-tracking policy. The emulator has no certificates, so its listener is HTTP:80
 * where AWS's is HTTPS:443.
 */
final class ManagedResources {
    static final String LOAD_BALANCER_NAME = "ecs-express-gateway-alb";
    static final int LISTENER_PORT = 80;
    private static final String DIMENSION = "ecs:service:DesiredCount";

    private final OnBehalf calls;

    ManagedResources(OnBehalf calls) {
        this.calls = calls;
    }

    /** The shared load balancer and its listener: those another Express service made, or new ones. */
    ExpressService.Managed sharedLoadBalancer(RequestContext context) {
        for (ExpressService existing : ExpressServices.of(context.state()).values()) {
            if (existing.managed().loadBalancerArn() != null) {
                return existing.managed();
            }
        }
        CreateLoadBalancerResponse lb = calls.call(context, AwsService.ELB_V2, "CreateLoadBalancer",
                CreateLoadBalancerRequest.builder().name(LOAD_BALANCER_NAME).subnets(DefaultVpc.SUBNET_IDS).build());
        String lbArn = lb.loadBalancers().get(0).loadBalancerArn();
        CreateListenerResponse listener = calls.call(context, AwsService.ELB_V2, "CreateListener",
                CreateListenerRequest.builder().loadBalancerArn(lbArn).protocol(ProtocolEnum.HTTP).port(LISTENER_PORT)
                        .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f
                                .statusCode("404").contentType("text/plain").messageBody("No Express service answers this host.")))
                        .build());
        return new ExpressService.Managed(lbArn, listener.listeners().get(0).listenerArn(), null, null, null, null, null, null);
    }

    /** The service's target group and the listener rule that sends its host name to it. */
    ExpressService.Managed routeTo(RequestContext context, ExpressService.Managed shared, String serviceName, int port,
                                   String healthCheckPath) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        String base = serviceName.length() > 20 ? serviceName.substring(0, 20) : serviceName;
        String name = ("ecs-" + base).replaceAll("-+$", "") + "-" + suffix;
        CreateTargetGroupResponse group = calls.call(context, AwsService.ELB_V2, "CreateTargetGroup",
                CreateTargetGroupRequest.builder().name(name).protocol(ProtocolEnum.HTTP).port(port).vpcId(DefaultVpc.VPC_ID)
                        .targetType(TargetTypeEnum.IP).healthCheckPath(healthCheckPath).build());
        String groupArn = group.targetGroups().get(0).targetGroupArn();
        String endpoint = serviceName.toLowerCase().replace('_', '-') + "-" + suffix + ".ecs." + context.region() + ".on.aws";
        DescribeRulesResponse rules = calls.call(context, AwsService.ELB_V2, "DescribeRules",
                DescribeRulesRequest.builder().listenerArn(shared.listenerArn()).build());
        int priority = 1 + rules.rules().stream().map(Rule::priority).filter(p -> !"default".equals(p))
                .mapToInt(Integer::parseInt).max().orElse(0);
        CreateRuleResponse rule = calls.call(context, AwsService.ELB_V2, "CreateRule",
                CreateRuleRequest.builder().listenerArn(shared.listenerArn()).priority(priority)
                        .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values(endpoint)))
                        .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(groupArn)).build());
        return new ExpressService.Managed(shared.loadBalancerArn(), shared.listenerArn(), rule.rules().get(0).ruleArn(),
                groupArn, null, null, null, "https://" + endpoint);
    }

    void healthCheckPath(RequestContext context, ExpressService.Managed managed, String path) {
        calls.call(context, AwsService.ELB_V2, "ModifyTargetGroup", ModifyTargetGroupRequest.builder()
                .targetGroupArn(managed.targetGroupArn()).healthCheckPath(path).build());
    }

    /** Registers (or changes) the scalable target and puts its target-tracking policy; answers the managed resources with them. */
    ExpressService.Managed scale(RequestContext context, ExpressService.Managed managed, String cluster, String serviceName,
                                 ExpressGatewayScalingTarget target) {
        String resourceId = "service/" + cluster + "/" + serviceName;
        calls.call(context, AwsService.APPLICATION_AUTO_SCALING, "RegisterScalableTarget", RegisterScalableTargetRequest.builder()
                .serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId).scalableDimension(DIMENSION)
                .minCapacity(target.minTaskCount()).maxCapacity(target.maxTaskCount()).build());
        String policyName = serviceName + "-target-tracking";
        PutScalingPolicyResponse policy = calls.call(context, AwsService.APPLICATION_AUTO_SCALING, "PutScalingPolicy",
                PutScalingPolicyRequest.builder().policyName(policyName).serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .policyType(PolicyType.TARGET_TRACKING_SCALING)
                        .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(target.autoScalingTargetValue().doubleValue())
                                .predefinedMetricSpecification(m -> m.predefinedMetricType(metric(target.autoScalingMetric()))
                                        .resourceLabel(target.autoScalingMetric() == ExpressGatewayServiceScalingMetric
                                                .REQUEST_COUNT_PER_TARGET ? resourceLabel(managed) : null)))
                        .build());
        return new ExpressService.Managed(managed.loadBalancerArn(), managed.listenerArn(), managed.ruleArn(),
                managed.targetGroupArn(), resourceId, policy.policyARN(), policyName, managed.endpoint());
    }

    /** Removes what {@link #routeTo} and {@link #scale} made, and the shared load balancer when no other service uses it. */
    void remove(RequestContext context, ExpressService service, boolean lastOnLoadBalancer) {
        ExpressService.Managed managed = service.managed();
        if (managed.scalableTargetResourceId() != null) {
            // Deregistering a scalable target deletes its scaling policies with it.
            calls.call(context, AwsService.APPLICATION_AUTO_SCALING, "DeregisterScalableTarget",
                    DeregisterScalableTargetRequest.builder().serviceNamespace(ServiceNamespace.ECS)
                            .resourceId(managed.scalableTargetResourceId()).scalableDimension(DIMENSION).build());
        }
        if (managed.ruleArn() != null) {
            calls.call(context, AwsService.ELB_V2, "DeleteRule", DeleteRuleRequest.builder().ruleArn(managed.ruleArn()).build());
        }
        if (lastOnLoadBalancer && managed.loadBalancerArn() != null) {
            calls.call(context, AwsService.ELB_V2, "DeleteListener",
                    DeleteListenerRequest.builder().listenerArn(managed.listenerArn()).build());
            calls.call(context, AwsService.ELB_V2, "DeleteLoadBalancer",
                    DeleteLoadBalancerRequest.builder().loadBalancerArn(managed.loadBalancerArn()).build());
        }
        if (managed.targetGroupArn() != null) {
            calls.call(context, AwsService.ELB_V2, "DeleteTargetGroup",
                    DeleteTargetGroupRequest.builder().targetGroupArn(managed.targetGroupArn()).build());
        }
    }

    private static MetricType metric(ExpressGatewayServiceScalingMetric metric) {
        return switch (metric) {
            case AVERAGE_MEMORY -> MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION;
            case REQUEST_COUNT_PER_TARGET -> MetricType.ALB_REQUEST_COUNT_PER_TARGET;
            default -> MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION;
        };
    }

    /** app/<load balancer>/<id>/targetgroup/<target group>/<id>: what ALBRequestCountPerTarget needs. */
    private static String resourceLabel(ExpressService.Managed managed) {
        String lb = managed.loadBalancerArn().substring(managed.loadBalancerArn().indexOf(":loadbalancer/") + ":loadbalancer/".length());
        String tg = managed.targetGroupArn().substring(managed.targetGroupArn().indexOf(":targetgroup/") + 1);
        return lb + "/" + tg;
    }

    static List<String> defaultSubnets() {
        return DefaultVpc.SUBNET_IDS;
    }
}
