package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
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
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/** Task definitions and services that the service tests set up for themselves. */
final class ServiceFixtures {
    static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";
    static final String MISSING_IMAGE = "public.ecr.aws/nginx/nginx:does-not-exist";

    private ServiceFixtures() {
    }

    /** nginx on port 80 ("http"), without a health check: RUNNING counts as healthy after 40 s. */
    static String registerWeb(EcsClient ecs, String family) {
        return register(ecs, family, web(NGINX).build());
    }

    /** nginx on port 80 with a curl health check every 10 s: HEALTHY 10 s after its container starts. */
    static String registerCheckedWeb(EcsClient ecs, String family) {
        return register(ecs, family, web(NGINX).healthCheck(HealthCheck.builder()
                .command("CMD-SHELL", "curl -f http://localhost/ || exit 1").interval(10).retries(2).build()).build());
    }

    /** A health check that never passes: UNHEALTHY after two checks 10 s apart. */
    static String registerFailingHealthCheck(EcsClient ecs, String family) {
        return register(ecs, family, web(NGINX).healthCheck(HealthCheck.builder()
                .command("CMD-SHELL", "exit 1").interval(10).retries(2).build()).build());
    }

    /** An image that does not exist: its tasks stop with TaskFailedToStart. */
    static String registerMissingImage(EcsClient ecs, String family) {
        return register(ecs, family, web(MISSING_IMAGE).build());
    }

    static ContainerDefinition.Builder web(String image) {
        return ContainerDefinition.builder().name("web").image(image).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").build());
    }

    static String register(EcsClient ecs, String family, ContainerDefinition... containers) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder().family(family)
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(containers).build()).taskDefinition().taskDefinitionArn();
    }

    /**
     * The ARN of a new Cloud Map service (in a new HTTP namespace) of the account, for a service
     * registry: CreateService checks that the registry exists.
     */
    static String cloudMapService(Emulator emulator, ManualClock clock, String accessKeyId) {
        try (ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator, accessKeyId)) {
            String operationId = cloudMap.createHttpNamespace(b -> b.name("registry-" + System.nanoTime())).operationId();
            clock.advance(Duration.ofMinutes(1));
            String namespaceId = cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings()
                    .get("NAMESPACE");
            return cloudMap.createService(b -> b.name("web").namespaceId(namespaceId)).service().arn();
        }
    }

    static NetworkConfiguration defaultVpc() {
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                .securityGroups(DefaultVpc.SECURITY_GROUP_ID)).build();
    }

    /** A Fargate service of the task definition in the default VPC. */
    static CreateServiceRequest.Builder fargate(String cluster, String name, String taskDefinition, int desiredCount) {
        return CreateServiceRequest.builder().cluster(cluster).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE).networkConfiguration(defaultVpc());
    }

    static Service create(EcsClient ecs, String cluster, String name, String taskDefinition, int desiredCount,
                          Consumer<CreateServiceRequest.Builder> more) {
        CreateServiceRequest.Builder request = fargate(cluster, name, taskDefinition, desiredCount);
        more.accept(request);
        return ecs.createService(request.build()).service();
    }

    static Service describe(EcsClient ecs, String cluster, String service) {
        return ecs.describeServices(r -> r.cluster(cluster).services(service)).services().get(0);
    }

    static Deployment primary(Service service) {
        return service.deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    /** The messages of the service's events, oldest first (DescribeServices lists them newest first). */
    static List<String> messagesOldestFirst(Service service) {
        List<String> messages = new java.util.ArrayList<>(service.events().stream().map(ServiceEvent::message).toList());
        java.util.Collections.reverse(messages);
        return messages;
    }

    /** The service's tasks with this desired status, described. */
    static List<Task> tasks(EcsClient ecs, String cluster, String service, String desiredStatus) {
        List<String> arns = ecs.listTasks(r -> r.cluster(cluster).serviceName(service).desiredStatus(desiredStatus))
                .taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
    }

    static Task describeTask(EcsClient ecs, String cluster, String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    static String idOf(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
