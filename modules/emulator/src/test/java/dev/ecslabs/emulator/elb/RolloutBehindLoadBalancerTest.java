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
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A service's rollouts behind a load balancer, on the manual clock: ELB health decides. A task
 * counts towards minimumHealthyPercent and its deployment only once its target is healthy in the
 * target group ("If a task has no essential containers with a health check defined, the service
 * scheduler will wait for the load balancer target group health check to return a healthy status",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html), and a
 * task that fails the load balancer's health checks is a failed task for the deployment circuit
 * breaker ("health checks, which include Elastic Load Balancing … If one or more health checks fail
 * … it's considered a failure", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html).
 */
@EmulatorTest(account = "111111111111")
class RolloutBehindLoadBalancerTest {
    /** Listens on 4317, 4318 and 13133, not on 80: a revision whose app does not answer where the load balancer asks. */
    static final String DEAF_ON_80 = "public.ecr.aws/aws-observability/aws-otel-collector:latest";

    static ElasticLoadBalancingV2Client elb;
    static EcsClient ecs;
    static ManualClock clock;

    @Test
    @DisplayName("A rollout behind a load balancer completes only when the new task is healthy in the target group; "
            + "until then the old task keeps serving (minimumHealthyPercent 100 counts ELB health, not 40 s RUNNING)")
    void rolloutWaitsForHealthyTargets() {
        // One health check every 300 s: a new target stays 'initial' long after its task has been RUNNING for 40 s.
        TargetGroup group = elb.createTargetGroup(r -> r.name("slow-checks").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID)
                .targetType("ip").healthCheckIntervalSeconds(300).healthCheckTimeoutSeconds(5)).targetGroups().get(0);
        quickDrain(group);
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "slow-checks"), group);
        ecs.createCluster(r -> r.clusterName("slow"));
        String v1 = register("slow", ElbFixtures.NGINX);
        ecs.createService(service("slow", group, v1, 1).build());
        clock.advance(Duration.ofMinutes(6));
        assertThat(primary("slow").rolloutStateAsString()).as("the first deployment, its target healthy").isEqualTo("COMPLETED");
        Task old = running("slow").get(0);

        String v2 = register("slow", ElbFixtures.NGINX);
        ecs.updateService(r -> r.cluster("slow").service("web").taskDefinition(v2));
        clock.advance(Duration.ofMinutes(2));
        List<Task> both = running("slow");
        Task fresh = both.stream().filter(t -> t.taskDefinitionArn().equals(v2)).findFirst().orElseThrow();
        assertThat(fresh.lastStatus()).isEqualTo("RUNNING");
        assertThat(ElbFixtures.states(elb, group)).as("the new target waits for its first health check").contains("initial");
        assertThat(primary("slow").rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(both).as("the old task stays: the new one does not count as healthy yet").extracting(Task::taskArn)
                .contains(old.taskArn());

        clock.advance(Duration.ofMinutes(4));
        Service after = describe("slow");
        assertThat(after.deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(v2);
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        assertThat(running("slow")).extracting(Task::taskArn).containsExactly(fresh.taskArn());
        assertThat(ElbFixtures.states(elb, group)).containsExactly("healthy");
    }

    @Test
    @DisplayName("Tasks that never pass the load balancer's health checks trip the deployment circuit breaker, which "
            + "rolls the service back; the health check grace period delays each replacement")
    void circuitBreakerCountsElbHealth() {
        TargetGroup group = elb.createTargetGroup(r -> r.name("breaker").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID)
                .targetType("ip").healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(5).unhealthyThresholdCount(2))
                .targetGroups().get(0);
        quickDrain(group);
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "breaker"), group);
        ecs.createCluster(r -> r.clusterName("breaker"));
        String good = register("breaker", ElbFixtures.NGINX);
        ecs.createService(service("breaker", group, good, 1).healthCheckGracePeriodSeconds(60)
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))).build());
        clock.advance(Duration.ofMinutes(3));
        String goodDeployment = primary("breaker").id();
        assertThat(primary("breaker").rolloutStateAsString()).isEqualTo("COMPLETED");

        String deaf = register("breaker", DEAF_ON_80);
        ecs.updateService(r -> r.cluster("breaker").service("web").taskDefinition(deaf));
        clock.advance(Duration.ofSeconds(70));
        Task first = running("breaker").stream().filter(t -> t.taskDefinitionArn().equals(deaf)).findFirst().orElseThrow();
        assertThat(first.desiredStatus()).as("unhealthy in the target group, but within its 60 s grace period")
                .isEqualTo("RUNNING");

        for (int minute = 0; minute < 15 && !"FAILED".equals(deploymentOf("breaker", deaf).rolloutStateAsString()); minute++) {
            clock.advance(Duration.ofMinutes(1));
        }
        Deployment failed = deploymentOf("breaker", deaf);
        assertThat(failed.rolloutStateAsString()).as("three tasks failed their ELB health checks in a row (threshold 3)")
                .isEqualTo("FAILED");
        assertThat(failed.failedTasks()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(3));
        Service service = describe("breaker");
        assertThat(service.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(goodDeployment);
            assertThat(d.taskDefinition()).isEqualTo(good);
        });
        assertThat(service.events()).extracting(ServiceEvent::message)
                .anySatisfy(m -> assertThat(m).startsWith("(service web) rolling back to deployment " + goodDeployment))
                .anySatisfy(m -> assertThat(m).contains(") failed ELB health checks in (target-group " + group.targetGroupArn()));
        assertThat(running("breaker")).singleElement().satisfies(t -> assertThat(t.taskDefinitionArn()).isEqualTo(good));
    }

    private static void quickDrain(TargetGroup group) {
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("5")));
    }

    private static String register(String family, String image) {
        return ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private static CreateServiceRequest.Builder service(String cluster, TargetGroup group, String definition, int count) {
        return CreateServiceRequest.builder().cluster(cluster).serviceName("web").taskDefinition(definition).desiredCount(count)
                .launchType(LaunchType.FARGATE)
                .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED)));
    }

    private static Service describe(String cluster) {
        return ecs.describeServices(r -> r.cluster(cluster).services("web")).services().get(0);
    }

    private static Deployment primary(String cluster) {
        return describe(cluster).deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    private static Deployment deploymentOf(String cluster, String taskDefinition) {
        return describe(cluster).deployments().stream().filter(d -> d.taskDefinition().equals(taskDefinition)).findFirst()
                .orElseGet(() -> primary(cluster));
    }

    private static List<Task> running(String cluster) {
        List<String> arns = ecs.listTasks(r -> r.cluster(cluster).desiredStatus("RUNNING")).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
    }
}
