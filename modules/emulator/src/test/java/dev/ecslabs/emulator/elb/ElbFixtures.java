package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** What the ELB tests set up: an ALB in the default VPC, an ip target group, a listener, nginx tasks. */
public final class ElbFixtures {
    static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";

    private ElbFixtures() {
    }

    /**
     * An ip target group on port 80 with an ALB of the same name whose HTTP listener forwards to it:
     * what ECS asks of a service's target group ("does not have an associated load balancer" otherwise).
     */
    public static TargetGroup attachedTargetGroup(ElasticLoadBalancingV2Client elb, String name) {
        TargetGroup group = ipGroup(elb, name);
        httpListener(elb, alb(elb, name), group);
        return group;
    }

    static LoadBalancer alb(ElasticLoadBalancingV2Client elb, String name) {
        return elb.createLoadBalancer(r -> r.name(name).subnets(DefaultVpc.SUBNET_IDS.subList(0, 2))).loadBalancers().get(0);
    }

    public static TargetGroup ipGroup(ElasticLoadBalancingV2Client elb, String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(DefaultVpc.VPC_ID)
                .targetType(TargetTypeEnum.IP)).targetGroups().get(0);
    }

    static String httpListener(ElasticLoadBalancingV2Client elb, LoadBalancer lb, TargetGroup group) {
        return elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(group.targetGroupArn())))
                .listeners().get(0).listenerArn();
    }

    /** An nginx task on Fargate in the default VPC, RUNNING once the clock has moved on; its private IP. */
    static String nginxTask(EcsClient ecs, ManualClock clock) {
        ecs.createCluster(r -> r.clusterName("web"));
        String definition = ecs.registerTaskDefinition(r -> r.family("nginx").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(NGINX)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
        Task task = ecs.runTask(r -> r.cluster("web").taskDefinition(definition).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED)))).tasks().get(0);
        clock.advance(Duration.ofMinutes(2));
        Task running = ecs.describeTasks(r -> r.cluster("web").tasks(task.taskArn())).tasks().get(0);
        if (!"RUNNING".equals(running.lastStatus())) {
            throw new AssertionError("the nginx task is " + running.lastStatus() + " after two minutes");
        }
        return running.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
    }

    static List<String> states(ElasticLoadBalancingV2Client elb, TargetGroup group) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions().stream()
                .map(d -> d.targetHealth().stateAsString()).toList();
    }
}
