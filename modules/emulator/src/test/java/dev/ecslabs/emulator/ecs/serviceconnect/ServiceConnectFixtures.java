package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;

/**
 * On an emulator with a manual clock: a cluster whose default Service Connect namespace exists,
 * and the backend and frontend the Service Connect tests run: nginx as the backend on port 80
 * named "http", and a frontend whose health check asks {@code http://backend:8080/}.
 */
class ServiceConnectFixtures {
    static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";
    static final String CLUSTER = "connect";
    static final String NAMESPACE = "lab";
    static final String FRONTEND_CHECK = "curl -f http://backend:8080/ || exit 1";

    final ManualClock clock;
    final Emulator emulator;
    final EcsClient ecs;
    final ServiceDiscoveryClient cloudMap;
    final String namespaceArn;

    /** On the emulator an {@code @EmulatorTest(scope = EACH_TEST)} test was given (a manual clock), with its clients. */
    ServiceConnectFixtures(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        this.emulator = emulator;
        this.clock = (ManualClock) emulator.clock();
        this.ecs = ecs;
        this.cloudMap = cloudMap;
        namespaceArn = ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace(NAMESPACE)))
                .cluster().serviceConnectDefaults().namespace();
        advance(Duration.ofSeconds(10)); // ECS's CREATE_NAMESPACE operation succeeds
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** nginx answering on port 80, its port mapping named "http". */
    String registerBackend(String family) {
        return register(family, ContainerDefinition.builder().name("api").image(NGINX).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").build()).build());
    }

    /** A client whose health depends on reaching the backend by its alias. */
    String registerFrontend(String family) {
        return register(family, ContainerDefinition.builder().name("web").image(NGINX).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("web").build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", FRONTEND_CHECK).interval(10).retries(2).build())
                .build());
    }

    String register(String family, ContainerDefinition... containers) {
        return register(RegisterTaskDefinitionRequest.builder().family(family).cpu("256").memory("512")
                .containerDefinitions(containers));
    }

    String register(RegisterTaskDefinitionRequest.Builder request) {
        return ecs.registerTaskDefinition(request.requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .build()).taskDefinition().taskDefinitionArn();
    }

    CreateServiceRequest.Builder fargate(String name, String taskDefinition, int desiredCount) {
        return CreateServiceRequest.builder().cluster(CLUSTER).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)));
    }

    /** The backend, reachable as backend:8080 in the cluster's namespace. */
    Service createBackend(String name, String taskDefinition, int desiredCount) {
        return create(name, taskDefinition, desiredCount, r -> r.serviceConnectConfiguration(backendConnect()));
    }

    static ServiceConnectConfiguration backendConnect() {
        return ServiceConnectConfiguration.builder().enabled(true).services(s -> s.portName("http")
                .discoveryName("backend").clientAliases(a -> a.dnsName("backend").port(8080))).build();
    }

    /** A client-only service in the cluster's default namespace. */
    Service createFrontend(String name, String taskDefinition, int desiredCount) {
        return create(name, taskDefinition, desiredCount, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)));
    }

    Service create(String name, String taskDefinition, int desiredCount, Consumer<CreateServiceRequest.Builder> more) {
        CreateServiceRequest.Builder request = fargate(name, taskDefinition, desiredCount);
        more.accept(request);
        return ecs.createService(request.build()).service();
    }

    Service describe(String service) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0);
    }

    static Deployment primary(Service service) {
        return service.deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    List<Task> tasks(String service, String desiredStatus) {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(service).desiredStatus(desiredStatus)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
    }

    /** The Cloud Map service ECS created for a discovery name, by the ARN DescribeServices reports. */
    String discoveryArn(String service, String discoveryName) {
        return primary(describe(service)).serviceConnectResources().stream()
                .filter(r -> r.discoveryName().equals(discoveryName)).findFirst().orElseThrow().discoveryArn();
    }

    List<InstanceSummary> instances(String cloudMapServiceArn) {
        String id = cloudMapServiceArn.substring(cloudMapServiceArn.lastIndexOf('/') + 1);
        return cloudMap.listInstances(r -> r.serviceId(id)).instances();
    }

    static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
