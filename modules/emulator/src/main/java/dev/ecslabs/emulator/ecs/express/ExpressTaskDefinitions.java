package dev.ecslabs.emulator.ecs.express;

import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.RequestContext;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;

/**
 * The task definition an Express service's configuration describes ("A task definition with
 * container, logging, and networking configurations"): Fargate, awsvpc, its CPU and memory and
 * roles, one essential container with the image, port, command, environment, secrets and
 * awslogs configuration given; one family per service, a new revision per configuration.
 */
final class ExpressTaskDefinitions {
    private ExpressTaskDefinitions() {
    }

    static String register(OnBehalf calls, RequestContext context, String serviceName,
                           ExpressGatewayServiceConfiguration configuration) {
        ExpressGatewayContainer container = configuration.primaryContainer();
        ContainerDefinition.Builder definition = ContainerDefinition.builder().name(ExpressDefaults.CONTAINER_NAME)
                .image(container.image()).essential(true)
                .portMappings(p -> p.containerPort(container.containerPort()).protocol("tcp"))
                .environment(container.environment()).secrets(container.secrets());
        if (container.hasCommand()) {
            definition.command(container.command());
        }
        if (container.repositoryCredentials() != null) {
            definition.repositoryCredentials(r -> r.credentialsParameter(container.repositoryCredentials().credentialsParameter()));
        }
        if (container.awsLogsConfiguration() != null) {
            definition.logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(java.util.Map.of(
                    "awslogs-group", container.awsLogsConfiguration().logGroup(),
                    "awslogs-stream-prefix", container.awsLogsConfiguration().logStreamPrefix(),
                    "awslogs-region", context.region())));
        }
        RegisterTaskDefinitionResponse registered = calls.call(context, AwsService.ECS, "RegisterTaskDefinition",
                RegisterTaskDefinitionRequest.builder().family(serviceName).requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC).cpu(configuration.cpu()).memory(configuration.memory())
                        .executionRoleArn(configuration.executionRoleArn()).taskRoleArn(configuration.taskRoleArn())
                        .containerDefinitions(definition.build()).build());
        return registered.taskDefinition().taskDefinitionArn();
    }
}
