package dev.ecslabs.emulator.ecs.serviceconnect;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The Service Connect proxy that ECS adds to each task of a Service Connect service: "This
 * container isn't present in the task definition and you can't configure it"; it runs on the task
 * CPU and memory its containers leave over
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 * As on Fargate, DescribeTasks lists it first, named {@code ecs-service-connect-} and five random
 * letters, without an image (the platform provides it), essential, and with a health check; the
 * ECS agent makes the task's other containers wait until it is HEALTHY.
 */
public final class ServiceConnectProxy {
    public static final String NAME_PREFIX = "ecs-service-connect-";

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Its readiness check: quick, so the task's own containers start a few seconds after it. */
    static final HealthCheck HEALTH_CHECK = HealthCheck.builder()
            .command("CMD-SHELL", "/usr/bin/agent -healthcheck").interval(5).timeout(2).retries(3).startPeriod(0).build();

    private ServiceConnectProxy() {
    }

    /**
     * The task definition as ECS runs it for a deployment: with Service Connect enabled, the proxy
     * first and every other container waiting for it to be HEALTHY; otherwise unchanged.
     */
    public static TaskDefinition addTo(TaskDefinition definition, ServiceConnectConfiguration configuration) {
        if (configuration == null || !Boolean.TRUE.equals(configuration.enabled())) {
            return definition;
        }
        String proxy = newName();
        List<ContainerDefinition> containers = new ArrayList<>();
        containers.add(ContainerDefinition.builder().name(proxy).essential(true).healthCheck(HEALTH_CHECK).build());
        for (ContainerDefinition container : definition.containerDefinitions()) {
            List<ContainerDependency> dependsOn = new ArrayList<>(container.dependsOn());
            dependsOn.add(ContainerDependency.builder().containerName(proxy).condition(ContainerCondition.HEALTHY).build());
            containers.add(container.toBuilder().dependsOn(dependsOn).build());
        }
        return definition.toBuilder().containerDefinitions(containers).build();
    }

    public static boolean isProxy(String containerName) {
        return containerName != null && containerName.startsWith(NAME_PREFIX);
    }

    /** The proxy container of a task, as DescribeTasks reports it. */
    public static Optional<Container> of(Task task) {
        return task.containers().stream().filter(container -> isProxy(container.name())).findFirst();
    }

    /** Whether the task's proxy is RUNNING: only then does a client alias resolve inside it. */
    static boolean running(Task task) {
        return of(task).filter(container -> "RUNNING".equals(container.lastStatus())).isPresent();
    }

    private static String newName() {
        StringBuilder name = new StringBuilder(NAME_PREFIX);
        for (int i = 0; i < 5; i++) {
            name.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return name.toString();
    }
}
