package dev.ecslabs.emulator.ecs.taskdefinition;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.PidMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * What Fargate asks of a task definition beyond the general rules: the awsvpc network mode, a
 * task-level cpu and memory that form one of Fargate's sizes, none of the parameters Fargate
 * doesn't support, and an execution role where Fargate acts for the task
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html).
 * Each check answers AWS's message, or empty; ECS uses the same checks to decide whether a task
 * definition that didn't ask for FARGATE is still compatible with it.
 */
final class FargateRules {
    /** "For tasks on Fargate, the supported log drivers are awslogs, splunk, and awsfirelens." */
    private static final Set<LogDriver> LOG_DRIVERS = Set.of(LogDriver.AWSLOGS, LogDriver.SPLUNK, LogDriver.AWSFIRELENS);
    /** "The valid values for Fargate are 2-120 seconds" for startTimeout and stopTimeout. */
    private static final int MIN_TIMEOUT = 2;
    private static final int MAX_TIMEOUT = 120;

    private FargateRules() {
    }

    /** The first reason Fargate can't run this task definition, or empty when it can. */
    static Optional<String> problem(RegisterTaskDefinitionRequest request, TaskSize size) {
        return taskProblem(request, size).or(() -> containerProblem(request));
    }

    /** Task-level reasons: network mode, size, platform and the task parameters Fargate lacks. */
    static Optional<String> taskProblem(RegisterTaskDefinitionRequest request, TaskSize size) {
        if (request.networkMode() != NetworkMode.AWSVPC) {
            return Optional.of("Fargate only supports network mode \u2018awsvpc\u2019. Set networkMode to awsvpc: each "
                    + "Fargate task gets an elastic network interface of its own.");
        }
        if (!size.hasCpu()) {
            return Optional.of("Fargate requires that 'cpu' be defined at the task level.");
        }
        if (!size.hasMemory()) {
            return Optional.of("Fargate requires that 'memory' be defined at the task level.");
        }
        if (!FargateSizes.supports(size.cpu(), size.memory())) {
            return Optional.of("No Fargate configuration exists for given values: " + size.cpu() + " CPU, " + size.memory()
                    + " memory. See the Amazon ECS documentation for the valid values. " + FargateSizes.allowedFor(size.cpu()));
        }
        OSFamily os = request.runtimePlatform() == null ? null : request.runtimePlatform().operatingSystemFamily();
        boolean windows = os != null && os != OSFamily.LINUX;
        if (windows && size.cpu() < 1024) {
            return Optional.of("The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate.");
        }
        if (windows && FargateSizes.linuxOnly(size.cpu())) {
            return Optional.of("Fargate offers " + size.cpu() + " CPU units for Linux only; Windows tasks use 1024, 2048 "
                    + "or 4096.");
        }
        if (request.ipcMode() != null) {
            return Optional.of("Tasks using the Fargate launch type do not support ipcMode.");
        }
        if (request.pidMode() == PidMode.HOST) {
            return Optional.of("Tasks using the Fargate launch type support pidMode 'task' only, not 'host'.");
        }
        if (request.hasPlacementConstraints() && !request.placementConstraints().isEmpty()) {
            return Optional.of("Task placement constraints aren't supported for tasks run on Fargate: Fargate spreads "
                    + "tasks across Availability Zones itself.");
        }
        return volumeProblem(request.volumes());
    }

    private static Optional<String> volumeProblem(List<Volume> volumes) {
        for (Volume volume : volumes) {
            if (volume.host() != null && volume.host().sourcePath() != null) {
                return Optional.of("The host sourcePath parameter isn't supported for tasks run on Fargate (volume '"
                        + volume.name() + "'). Leave host out to get a bind mount volume in the task's ephemeral storage.");
            }
            if (volume.dockerVolumeConfiguration() != null) {
                return Optional.of("Docker volumes aren't supported by tasks run on Fargate (volume '" + volume.name()
                        + "'). Use a bind mount or an Amazon EFS volume.");
            }
        }
        return Optional.empty();
    }

    /** Container-level reasons: log drivers and their options, privileged mode, timeouts, the execution role. */
    static Optional<String> containerProblem(RegisterTaskDefinitionRequest request) {
        List<ContainerDefinition> containers = request.containerDefinitions();
        for (ContainerDefinition container : containers) {
            Optional<String> problem = containerProblem(container);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return ExecutionRoleRules.problem(request.executionRoleArn(), containers);
    }

    private static Optional<String> containerProblem(ContainerDefinition container) {
        String name = container.name();
        if (container.logConfiguration() != null && !LOG_DRIVERS.contains(container.logConfiguration().logDriver())) {
            return Optional.of("For tasks on Fargate, the supported log drivers are awslogs, splunk, and awsfirelens. "
                    + "Container '" + name + "' uses " + container.logConfiguration().logDriverAsString() + ".");
        }
        if (LogConfigurationRules.usesAwslogs(container)) {
            List<String> missing = LogConfigurationRules.missing(container.logConfiguration().options(),
                    LogConfigurationRules.STREAM_PREFIX);
            if (!missing.isEmpty()) {
                return Optional.of("Log driver awslogs requires options: " + String.join(", ", missing) + " on Fargate. "
                        + "Container '" + name + "' is missing it: its log streams are named prefix/container/task-id.");
            }
        }
        if (Boolean.TRUE.equals(container.privileged())) {
            return Optional.of("privileged isn't supported for tasks run on Fargate. Remove it from container '" + name
                    + "'.");
        }
        return timeoutProblem(name, "startTimeout", container.startTimeout())
                .or(() -> timeoutProblem(name, "stopTimeout", container.stopTimeout()));
    }

    private static Optional<String> timeoutProblem(String container, String member, Integer seconds) {
        if (seconds != null && (seconds < MIN_TIMEOUT || seconds > MAX_TIMEOUT)) {
            return Optional.of("The valid values of " + member + " for Fargate are " + MIN_TIMEOUT + "-" + MAX_TIMEOUT
                    + " seconds; container '" + container + "' has " + seconds + ".");
        }
        return Optional.empty();
    }
}
