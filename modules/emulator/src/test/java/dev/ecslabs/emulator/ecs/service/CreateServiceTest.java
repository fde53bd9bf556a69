package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.fargate;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.elb.ElbFixtures;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlatformUnknownException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** CreateService's parameters, defaults and refusals, as the ECS API reference describes them. */
@EmulatorTest(account = CreateServiceTest.ACCOUNT, scope = EmulatorTest.Scope.EACH_TEST)
class CreateServiceTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "create";
    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;
    ElasticLoadBalancingV2Client elb;

    String web;
    /** A Cloud Map service of the account: CreateService and UpdateService check that a registry exists. */
    String registry;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        web = registerWeb(ecs, "web");
        registry = ServiceFixtures.cloudMapService(emulator, clock, ACCOUNT);
    }

    /** A target group with a load balancer forwarding to it, as ECS requires of a service's. */
    private String targetGroup() {
        return ElbFixtures.attachedTargetGroup(elb, "web").targetGroupArn();
    }

    @Test
    @DisplayName("A Fargate service answers ACTIVE with ECS's defaults: 100/200 percent, no circuit breaker, REPLICA, the ECS controller, LATEST")
    void answersWithDefaults() {
        Service service = create(ecs, CLUSTER, "web", "web", 2, r -> { });

        assertThat(service.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/" + CLUSTER + "/web");
        assertThat(service.clusterArn()).endsWith(":cluster/" + CLUSTER);
        assertThat(service.status()).isEqualTo("ACTIVE");
        assertThat(service.taskDefinition()).as("the bare family resolved").isEqualTo(web);
        assertThat(service.desiredCount()).isEqualTo(2);
        assertThat(service.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(service.platformVersion()).isEqualTo("LATEST");
        assertThat(service.platformFamily()).isEqualTo("Linux");
        assertThat(service.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
        assertThat(service.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().enable()).isFalse();
        assertThat(service.schedulingStrategyAsString()).isEqualTo("REPLICA");
        assertThat(service.deploymentController().typeAsString()).isEqualTo("ECS");
        assertThat(service.propagateTagsAsString()).isEqualTo("NONE");
        assertThat(service.healthCheckGracePeriodSeconds()).isZero();
        assertThat(service.roleArn()).endsWith(":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
        assertThat(service.createdAt()).isEqualTo(clock.now());
        assertThat(primary(service).platformVersion()).as("the deployment's, resolved").isEqualTo("1.4.0");
        assertThat(primary(service).networkConfiguration()).isEqualTo(ServiceFixtures.defaultVpc());
        assertThat(service.currentServiceDeployment()).contains(":service-deployment/" + CLUSTER + "/web/");
        assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).activeServicesCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("The same CreateService again answers the service; other parameters are 'Creation of service was not idempotent.'")
    void isIdempotentOnlyForTheSameRequest() {
        Service first = create(ecs, CLUSTER, "web", web, 2, r -> r.clientToken("a"));

        Service again = create(ecs, CLUSTER, "web", web, 2, r -> r.clientToken("b"));

        assertThat(again.serviceArn()).isEqualTo(first.serviceArn());
        assertThat(primary(again).id()).isEqualTo(primary(first).id());
        assertThatThrownBy(() -> create(ecs, CLUSTER, "web", web, 3, r -> { }))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Creation of service was not idempotent.");
        assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).activeServicesCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("Load balancers and a service registry are checked against the task definition and returned (Service Connect: ServiceConnectRulesTest)")
    void keepsAttachments() {
        String targetGroup = targetGroup();
        Service service = create(ecs, CLUSTER, "web", web, 1, r -> r
                .loadBalancers(lb -> lb.targetGroupArn(targetGroup).containerName("web").containerPort(80))
                .serviceRegistries(sr -> sr.registryArn(registry))
                .healthCheckGracePeriodSeconds(30));

        assertThat(service.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.targetGroupArn()).isEqualTo(targetGroup));
        assertThat(service.serviceRegistries()).singleElement().satisfies(sr -> assertThat(sr.registryArn()).isEqualTo(registry));
        assertThat(service.healthCheckGracePeriodSeconds()).isEqualTo(30);
        String revision = service.currentServiceRevisions().get(0).arn();
        assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(revision)).serviceRevisions()).singleElement()
                .satisfies(rev -> {
                    assertThat(rev.taskDefinition()).isEqualTo(web);
                    assertThat(rev.serviceRegistries()).hasSize(1);
                });
    }

    @Test
    @DisplayName("A cluster that doesn't exist is ClusterNotFoundException; a task definition that doesn't is ClientException")
    void refusesUnknownClusterAndTaskDefinition() {
        assertThatThrownBy(() -> create(ecs, "nope", "web", web, 1, r -> { })).isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> create(ecs, CLUSTER, "web", "nope", 1, r -> { }))
                .isInstanceOf(ClientException.class).hasMessageStartingWith("TaskDefinition not found.");
    }

    @Test
    @DisplayName("An INACTIVE task definition can't start a service")
    void refusesAnInactiveTaskDefinition() {
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(web));

        assertThatThrownBy(() -> create(ecs, CLUSTER, "web", web, 1, r -> { }))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("TaskDefinition is inactive.");
    }

    @Test
    @DisplayName("Each of CreateService's rules refuses with AWS's error, and a refused request creates nothing")
    void refusesBadRequests() {
        String targetGroup = targetGroup();
        refused(r -> r.networkConfiguration((software.amazon.awssdk.services.ecs.model.NetworkConfiguration) null),
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        refused(r -> r.schedulingStrategy("DAEMON"), "The DAEMON scheduling strategy is not supported on Fargate");
        refused(r -> r.capacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1)),
                "Specifying both a launch type and capacity provider strategy is not supported.");
        refused(r -> r.desiredCount(null), "desiredCount is required");
        refused(r -> r.serviceName("web service"), "Invalid service name 'web service'");
        refused(r -> r.deploymentController(c -> c.type("CODE_DEPLOY")), "The CODE_DEPLOY deployment controller is not supported");
        refused(r -> r.deploymentConfiguration(d -> d.minimumHealthyPercent(150)), "minimumHealthyPercent must be between 0 and 100");
        refused(r -> r.loadBalancers(lb -> lb.targetGroupArn(targetGroup).containerName("api").containerPort(80)),
                "The container api does not exist in the task definition");
        refused(r -> r.loadBalancers(lb -> lb.targetGroupArn(targetGroup).containerName("web").containerPort(8080)),
                "The container web did not have a container port 8080 defined.");
        refused(r -> r.serviceRegistries(sr -> sr.registryArn(registry), sr -> sr.registryArn(registry)),
                "A service can have only one service registry");
        refused(r -> r.placementConstraints(c -> c.type("distinctInstance")), "Task placement constraints and strategies are not supported");
        refused(r -> r.role("arn:aws:iam::123456789012:role/ecsService"), "You cannot specify an IAM role for services that require a service linked role.");
        refused(r -> r.tags(t -> t.key("aws:owner").value("x")), "Tag keys that start with 'aws:' are reserved");
        assertThatThrownBy(() -> create(ecs, CLUSTER, "web", web, 1, r -> r.platformVersion("9.9.9")))
                .isInstanceOf(PlatformUnknownException.class);

        assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).isEmpty();
        assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).activeServicesCount()).isZero();
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    private void refused(Consumer<CreateServiceRequest.Builder> change, String message) {
        CreateServiceRequest.Builder request = fargate(CLUSTER, "web", web, 1);
        change.accept(request);
        assertThatThrownBy(() -> ecs.createService(request.build())).as(message)
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
    }
}
