package dev.ecslabs.emulator.ecs.taskdefinition;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** A valid Fargate task definition for a web app, and small edits of it that tests break one rule with. */
final class TaskDefinitionRequests {
    static final String ACCOUNT = "111111111111";
    static final String IMAGE = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/web:1.0";
    static final String EXECUTION_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/ecsTaskExecutionRole";

    private TaskDefinitionRequests() {
    }

    /** Family web: one essential container with a named port, awslogs and a health check, 0.25 vCPU and 512 MiB. */
    static RegisterTaskDefinitionRequest.Builder fargateWeb() {
        return RegisterTaskDefinitionRequest.builder()
                .family("web")
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn(EXECUTION_ROLE)
                .containerDefinitions(webContainer().build());
    }

    static ContainerDefinition.Builder webContainer() {
        return ContainerDefinition.builder()
                .name("web")
                .image(IMAGE)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(8080).name("http").appProtocol(ApplicationProtocol.HTTP)
                        .build())
                .logConfiguration(awslogs("web"))
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1")
                        .build());
    }

    static LogConfiguration awslogs(String prefix) {
        return LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                "awslogs-group", "/ecs/web", "awslogs-region", "us-east-1", "awslogs-stream-prefix", prefix)).build();
    }

    /** An edit of the web container, as a request edit. */
    static Consumer<RegisterTaskDefinitionRequest.Builder> web(UnaryOperator<ContainerDefinition.Builder> edit) {
        return request -> request.containerDefinitions(edit.apply(webContainer()).build());
    }

    /** The web container, edited, and a second container named {@code name} (public image, no logs). */
    static Consumer<RegisterTaskDefinitionRequest.Builder> webAnd(UnaryOperator<ContainerDefinition.Builder> editWeb,
                                                                  String name,
                                                                  UnaryOperator<ContainerDefinition.Builder> editOther) {
        return request -> request.containerDefinitions(editWeb.apply(webContainer()).build(),
                editOther.apply(ContainerDefinition.builder().name(name).image("public.ecr.aws/docker/library/busybox:1.36")
                        .essential(false)).build());
    }
}
