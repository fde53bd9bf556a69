package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * An ECS service with {@code loadBalancers} on the manual clock: its tasks are registered with the
 * target group (private IP, container port) and become healthy; a task asked to stop is deregistered,
 * drains, and stays DEACTIVATING for the deregistration delay before it stops.
 */
@EmulatorTest(account = "111111111111")
class ServiceLoadBalancerTest {
    static ElasticLoadBalancingV2Client elb;
    static EcsClient ecs;
    static ManualClock clock;

    @Test
    @DisplayName("A service's tasks are registered and healthy; scaled in, a task drains for the deregistration delay in "
            + "DEACTIVATING, then stops and leaves the target group")
    void registersAndDrains() {
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "web"), group);
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("120")));
        ecs.createCluster(r -> r.clusterName("shop"));
        String definition = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(ElbFixtures.NGINX)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(definition).desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED))));
        clock.advance(Duration.ofMinutes(2));

        List<Task> tasks = ecs.describeTasks(r -> r.cluster("shop").tasks(ecs.listTasks(l -> l.cluster("shop")).taskArns())).tasks();
        assertThat(tasks).extracting(Task::lastStatus).containsExactly("RUNNING", "RUNNING");
        List<TargetHealthDescription> health = elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()))
                .targetHealthDescriptions();
        assertThat(health).extracting(d -> d.target().id()).containsExactlyInAnyOrderElementsOf(tasks.stream().map(ServiceLoadBalancerTest::ip).toList());
        assertThat(health).extracting(d -> d.target().port()).containsOnly(80);
        assertThat(health).extracting(d -> d.targetHealth().stateAsString()).containsOnly("healthy");

        Task leaving = tasks.get(0);
        ecs.stopTask(r -> r.cluster("shop").task(leaving.taskArn()).reason("scale in"));
        clock.advance(Duration.ofSeconds(5));
        assertThat(status(leaving)).isEqualTo("DEACTIVATING");
        assertThat(state(group, ip(leaving))).isEqualTo("draining");
        clock.advance(Duration.ofSeconds(110));
        assertThat(status(leaving)).as("still draining: 120 s of deregistration delay").isEqualTo("DEACTIVATING");
        clock.advance(Duration.ofSeconds(60));
        assertThat(status(leaving)).isEqualTo("STOPPED");
        assertThat(state(group, ip(leaving))).isEqualTo("unused");
    }

    @Test
    @DisplayName("A task failing its ELB health checks is replaced once the grace period is over, with AWS's stopped "
            + "reason and service event")
    void replacesTasksFailingElbHealthChecks() {
        TargetGroup group = elb.createTargetGroup(r -> r.name("broken").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID)
                .targetType("ip").healthCheckPath("/health")).targetGroups().get(0); // nginx answers 404 there
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "broken"), group);
        ecs.createCluster(r -> r.clusterName("broken"));
        String definition = ecs.registerTaskDefinition(r -> r.family("broken").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(ElbFixtures.NGINX)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("broken").serviceName("web").taskDefinition(definition).desiredCount(1)
                .launchType(LaunchType.FARGATE).healthCheckGracePeriodSeconds(300)
                .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED))));
        clock.advance(Duration.ofMinutes(3));
        String first = ecs.listTasks(r -> r.cluster("broken")).taskArns().get(0);
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions().get(0)
                .targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(ecs.describeTasks(r -> r.cluster("broken").tasks(first)).tasks().get(0).desiredStatus())
                .as("within the 300 s grace period").isEqualTo("RUNNING");

        clock.advance(Duration.ofMinutes(3));
        Task replaced = ecs.describeTasks(r -> r.cluster("broken").tasks(first)).tasks().get(0);
        assertThat(replaced.desiredStatus()).isEqualTo("STOPPED");
        assertThat(replaced.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group " + group.targetGroupArn() + ")");
        assertThat(ecs.describeServices(r -> r.cluster("broken").services("web")).services().get(0).events())
                .anySatisfy(e -> assertThat(e.message()).isEqualTo("(service web) (task " + first.substring(first.lastIndexOf('/') + 1)
                        + ") failed ELB health checks in (target-group " + group.targetGroupArn() + ")."));
        assertThat(ecs.listTasks(r -> r.cluster("broken").desiredStatus("RUNNING")).taskArns()).as("a replacement")
                .hasSize(1).doesNotContain(first);
    }

    private static String status(Task task) {
        return ecs.describeTasks(r -> r.cluster("shop").tasks(task.taskArn())).tasks().get(0).lastStatus();
    }

    private static String state(TargetGroup group, String ip) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip).port(80)))
                .targetHealthDescriptions().get(0).targetHealth().stateAsString();
    }

    private static String ip(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
    }
}
