package dev.ecslabs.taskdefinitions;

import dev.ecslabs.labkit.Backend;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** The web app of the exercises, and a task definition of it that tests register for themselves. */
final class WebAppSamples {
    private WebAppSamples() {
    }

    /** The web app in the backend's account and Region, with its image in lab 01's repository. */
    static WebApp webApp(Backend backend, String family) {
        String region = backend.region().id();
        return new WebApp(family, backend.accountId() + ".dkr.ecr." + region + ".amazonaws.com/web:1.0",
                "arn:aws:iam::" + backend.accountId() + ":role/ecsTaskExecutionRole", region);
    }

    /** A Fargate task definition of the app (0.5 vCPU, 1 GB) with two environment variables, as a test sets one up. */
    static RegisterTaskDefinitionRequest request(WebApp app) {
        return RegisterTaskDefinitionRequest.builder()
                .family(app.family())
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("512")
                .memory("1024")
                .executionRoleArn(app.executionRoleArn())
                .containerDefinitions(ContainerDefinition.builder()
                        .name(WebApp.CONTAINER)
                        .image(app.image())
                        .essential(true)
                        .environment(variable("GREETING", "hello"), variable("LOG_LEVEL", "info"))
                        .portMappings(PortMapping.builder().containerPort(WebApp.PORT).name(WebApp.PORT_NAME).build())
                        .logConfiguration(awslogs(app, WebApp.LOG_STREAM_PREFIX))
                        .healthCheck(HealthCheck.builder().command("CMD-SHELL", WebApp.HEALTH_CHECK).build())
                        .build())
                .build();
    }

    static LogConfiguration awslogs(WebApp app, String streamPrefix) {
        return LogConfiguration.builder()
                .logDriver(LogDriver.AWSLOGS)
                .options(Map.of("awslogs-group", WebApp.LOG_GROUP, "awslogs-region", app.region(),
                        "awslogs-stream-prefix", streamPrefix))
                .build();
    }

    static KeyValuePair variable(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }
}
