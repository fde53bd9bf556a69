package dev.ecslabs.emulator.ecs.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceInclude;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceScalingMetric;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceStatusCode;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceManagementType;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdatedExpressGatewayService;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * ECS Express Mode as "Resources created by Amazon ECS Express Mode services" and the API
 * reference describe it (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html):
 * an image and two roles make a service, its load balancer route, its scaling and its endpoint.
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class ExpressGatewayServiceTest {
    static final String IMAGE = "public.ecr.aws/nginx/nginx:1.27";
    static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
    static final String INFRASTRUCTURE_ROLE = "arn:aws:iam::123456789012:role/ecsInfrastructureRole";
    ManualClock clock;
    EcsClient ecs;
    ElasticLoadBalancingV2Client elb;
    ApplicationAutoScalingClient scaling;

    /** nginx answers its health checks on "/" (the default /ping would be a 404, and its tasks replaced). */
    ECSExpressGatewayService create(String name) {
        return ecs.createExpressGatewayService(b -> b.serviceName(name).executionRoleArn(EXECUTION_ROLE)
                .infrastructureRoleArn(INFRASTRUCTURE_ROLE).primaryContainer(c -> c.image(IMAGE)).healthCheckPath("/")
                .tags(t -> t.key("app").value(name))).service();
    }

    Service ecsService(String name) {
        return ecs.describeServices(b -> b.cluster("default").services(name)).services().get(0);
    }

    @Test
    @DisplayName("CreateExpressGatewayService makes the default cluster, a Fargate service with the documented defaults, and answers its endpoint")
    void createsTheServiceWithDefaults() {
        ECSExpressGatewayService created = ecs.createExpressGatewayService(b -> b.serviceName("hello")
                .executionRoleArn(EXECUTION_ROLE).infrastructureRoleArn(INFRASTRUCTURE_ROLE)
                .primaryContainer(c -> c.image(IMAGE))).service();

        assertThat(created.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/default/hello");
        assertThat(created.status().statusCode()).isEqualTo(ExpressGatewayServiceStatusCode.ACTIVE);
        assertThat(created.infrastructureRoleArn()).isEqualTo(INFRASTRUCTURE_ROLE);
        ExpressGatewayServiceConfiguration configuration = created.activeConfigurations().get(0);
        assertThat(configuration.cpu()).isEqualTo("1024");
        assertThat(configuration.memory()).isEqualTo("2048");
        assertThat(configuration.healthCheckPath()).isEqualTo("/ping");
        assertThat(configuration.primaryContainer().containerPort()).isEqualTo(80);
        assertThat(configuration.scalingTarget().autoScalingMetric()).isEqualTo(ExpressGatewayServiceScalingMetric.AVERAGE_CPU);
        assertThat(configuration.scalingTarget().autoScalingTargetValue()).isEqualTo(60);
        assertThat(configuration.ingressPaths()).singleElement().satisfies(path -> {
            assertThat(path.accessTypeAsString()).isEqualTo("PUBLIC");
            assertThat(path.endpoint()).matches("https://hello-[0-9a-f]{6}\\.ecs\\.us-east-1\\.on\\.aws");
        });
        assertThat(configuration.serviceRevisionArn()).startsWith("arn:aws:ecs:us-east-1:123456789012:service-revision/default/hello/");
        assertThat(created.currentDeployment()).startsWith("arn:aws:ecs:us-east-1:123456789012:service-deployment/default/hello/");

        Service service = ecsService("hello");
        assertThat(service.resourceManagementType()).isEqualTo(ResourceManagementType.ECS);
        assertThat(service.desiredCount()).isEqualTo(1);
        assertThat(service.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.containerPort()).isEqualTo(80));
        TaskDefinition definition = ecs.describeTaskDefinition(b -> b.taskDefinition(service.taskDefinition())).taskDefinition();
        assertThat(definition.cpu()).isEqualTo("1024");
        assertThat(definition.executionRoleArn()).isEqualTo(EXECUTION_ROLE);
        assertThat(definition.containerDefinitions().get(0).image()).isEqualTo(IMAGE);
        assertThat(ecs.listServices(b -> b.cluster("default").resourceManagementType(ResourceManagementType.ECS))
                .serviceArns()).containsExactly(created.serviceArn());
    }

    @Test
    @DisplayName("Two Express services share one load balancer: each gets a target group and a host-header rule, and a target-tracking policy")
    void sharesTheLoadBalancer() {
        ECSExpressGatewayService first = create("first");
        ECSExpressGatewayService second = create("second");

        assertThat(elb.describeLoadBalancers(b -> b.names("ecs-express-gateway-alb")).loadBalancers()).hasSize(1);
        String lbArn = elb.describeLoadBalancers(b -> b.names("ecs-express-gateway-alb")).loadBalancers().get(0).loadBalancerArn();
        List<TargetGroup> groups = elb.describeTargetGroups(b -> b.loadBalancerArn(lbArn)).targetGroups();
        assertThat(groups).hasSize(2).allSatisfy(group -> assertThat(group.healthCheckPath()).isEqualTo("/"));
        String listenerArn = elb.describeListeners(b -> b.loadBalancerArn(lbArn)).listeners().get(0).listenerArn();
        List<Rule> rules = elb.describeRules(b -> b.listenerArn(listenerArn)).rules().stream().filter(r -> !r.isDefault()).toList();
        String endpoint = second.activeConfigurations().get(0).ingressPaths().get(0).endpoint();
        assertThat(rules).hasSize(2).anySatisfy(rule -> assertThat(rule.conditions().get(0).hostHeaderConfig().values())
                .containsExactly(endpoint.substring("https://".length())));

        List<ScalableTarget> targets = scaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS))
                .scalableTargets();
        assertThat(targets).extracting(ScalableTarget::resourceId).containsExactlyInAnyOrder("service/default/first",
                "service/default/second");
        List<ScalingPolicy> policies = scaling.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/default/first")).scalingPolicies();
        assertThat(policies).singleElement().satisfies(policy -> {
            assertThat(policy.policyTypeAsString()).isEqualTo("TargetTrackingScaling");
            assertThat(policy.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(60.0);
        });
        ServiceRevision revision = ecs.describeServiceRevisions(b -> b.serviceRevisionArns(
                first.activeConfigurations().get(0).serviceRevisionArn())).serviceRevisions().get(0);
        assertThat(revision.ecsManagedResources().ingressPaths().get(0).loadBalancer().arn()).isEqualTo(lbArn);
        assertThat(revision.ecsManagedResources().autoScaling().applicationAutoScalingPolicies().get(0).arn())
                .isEqualTo(policies.get(0).policyARN());
    }

    @Test
    @DisplayName("UpdateExpressGatewayService deploys a new image, CPU and memory as a new task definition revision, and changes the scaling")
    void updatesImageAndScaling() {
        ECSExpressGatewayService created = create("web");
        clock.advance(Duration.ofMinutes(2));

        UpdatedExpressGatewayService updated = ecs.updateExpressGatewayService(b -> b.serviceArn(created.serviceArn())
                .primaryContainer(c -> c.image("public.ecr.aws/nginx/nginx:1.28")).cpu("512").memory("1024")
                .scalingTarget(s -> s.minTaskCount(2).maxTaskCount(4))).service();
        clock.advance(Duration.ofMinutes(8)); // the old tasks drain from the target group for 300 s first

        assertThat(updated.targetConfiguration().primaryContainer().image()).isEqualTo("public.ecr.aws/nginx/nginx:1.28");
        assertThat(updated.targetConfiguration().scalingTarget().minTaskCount()).isEqualTo(2);
        Service service = ecsService("web");
        assertThat(service.taskDefinition()).endsWith(":2");
        assertThat(service.deployments()).hasSize(1);
        assertThat(service.runningCount()).isEqualTo(2);
        ScalableTarget target = scaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds("service/default/web")).scalableTargets().get(0);
        assertThat(target.minCapacity()).isEqualTo(2);
        assertThat(target.maxCapacity()).isEqualTo(4);
        ECSExpressGatewayService described = ecs.describeExpressGatewayService(b -> b.serviceArn(created.serviceArn())
                .include(ExpressGatewayServiceInclude.TAGS)).service();
        assertThat(described.activeConfigurations().get(0).cpu()).isEqualTo("512");
        assertThat(described.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("web"));
    }

    @Test
    @DisplayName("DeleteExpressGatewayService drains the service and removes its rule, target group, scaling and, last, the load balancer")
    void deleteRemovesWhatWasMade() {
        ECSExpressGatewayService created = create("gone");
        clock.advance(Duration.ofMinutes(2));

        ECSExpressGatewayService deleted = ecs.deleteExpressGatewayService(b -> b.serviceArn(created.serviceArn())).service();
        clock.advance(Duration.ofMinutes(2));

        assertThat(deleted.status().statusCode()).isEqualTo(ExpressGatewayServiceStatusCode.DRAINING);
        assertThat(ecs.describeExpressGatewayService(b -> b.serviceArn(created.serviceArn())).service().status().statusCode())
                .isEqualTo(ExpressGatewayServiceStatusCode.INACTIVE);
        assertThatThrownBy(() -> elb.describeLoadBalancers(b -> b.names("ecs-express-gateway-alb")))
                .isInstanceOf(LoadBalancerNotFoundException.class);
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(scaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalableTargets()).isEmpty();
        assertThatThrownBy(() -> ecs.updateExpressGatewayService(b -> b.serviceArn(created.serviceArn()).cpu("512")))
                .isInstanceOf(software.amazon.awssdk.services.ecs.model.ServiceNotActiveException.class);
    }

    @Test
    @DisplayName("Bad input makes nothing: a health check path without '/', min above max, an unknown subnet, a name taken; an unknown ARN is ResourceNotFoundException")
    void refusals() {
        assertThatThrownBy(() -> ecs.createExpressGatewayService(b -> b.serviceName("bad").executionRoleArn(EXECUTION_ROLE)
                .infrastructureRoleArn(INFRASTRUCTURE_ROLE).primaryContainer(c -> c.image(IMAGE)).healthCheckPath("ping")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("forward slash");
        assertThatThrownBy(() -> ecs.createExpressGatewayService(b -> b.serviceName("bad").executionRoleArn(EXECUTION_ROLE)
                .infrastructureRoleArn(INFRASTRUCTURE_ROLE).primaryContainer(c -> c.image(IMAGE))
                .scalingTarget(s -> s.minTaskCount(5).maxTaskCount(2))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("minTaskCount <= maxTaskCount");
        assertThatThrownBy(() -> ecs.createExpressGatewayService(b -> b.serviceName("bad").executionRoleArn(EXECUTION_ROLE)
                .infrastructureRoleArn(INFRASTRUCTURE_ROLE).primaryContainer(c -> c.image(IMAGE))
                .networkConfiguration(n -> n.subnets("subnet-nope"))))
                .isInstanceOf(InvalidParameterException.class);
        create("taken");
        assertThatThrownBy(() -> create("taken")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("already has a service named taken");
        assertThat(elb.describeTargetGroups().targetGroups()).as("the refused ones made no target group").hasSize(1);
        assertThatThrownBy(() -> ecs.describeExpressGatewayService(b -> b.serviceArn(
                "arn:aws:ecs:us-east-1:123456789012:service/default/nope"))).isInstanceOf(ResourceNotFoundException.class);
    }
}
