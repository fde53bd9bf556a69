package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ManagedAgent;
import software.amazon.awssdk.services.ecs.model.ManagedAgentName;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskEphemeralStorage;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * A new task as RunTask answers it: PROVISIONING with desired status RUNNING, its containers
 * PENDING, its network interface PRECREATED in the chosen subnet, its overrides as ECS echoes
 * them (one entry per container), and what Fargate adds (platform version and family, 20 GiB of
 * ephemeral storage, the CPU architecture attribute).
 */
final class NewTasks {
    static final String PLATFORM_FAMILY = "Linux";
    /** "Fargate tasks by default receive a minimum of 20 GiB of ephemeral storage." */
    static final int DEFAULT_EPHEMERAL_STORAGE_GIB = 20;

    private NewTasks() {
    }

    static TaskRun create(AccountRegion region, TaskLaunch launch, Subnet subnet, Instant now) {
        TaskDefinition definition = launch.taskDefinition();
        String clusterName = launch.cluster().clusterName();
        String taskId = HexFormat.of().formatHex(randomBytes(16));
        String taskArn = Arns.of("ecs", region.region(), region.accountId(), "task/" + clusterName + "/" + taskId);
        TaskOverride overrides = echoed(definition, launch.overrides());
        List<Container> containers = new ArrayList<>();
        List<ContainerRun> runs = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            ContainerOverride override = overrideOf(overrides, container.name());
            containers.add(container(region, clusterName, taskId, taskArn, container, override, launch.enableExecuteCommand()));
            runs.add(run(container, override));
        }
        int storage = definition.ephemeralStorage() == null ? DEFAULT_EPHEMERAL_STORAGE_GIB
                : definition.ephemeralStorage().sizeInGiB();
        if (launch.instance() != null) {
            return new TaskRun(Ec2Tasks.onInstance(Task.builder()
                    .taskArn(taskArn)
                    .clusterArn(launch.cluster().clusterArn())
                    .taskDefinitionArn(definition.taskDefinitionArn())
                    .overrides(overrides)
                    .lastStatus(TaskStatus.PROVISIONING.name())
                    .desiredStatus(TaskStatus.RUNNING.name())
                    .containers(containers)
                    .startedBy(launch.startedBy())
                    .group(launch.group())
                    .version(1L)
                    .createdAt(now)
                    .attributes(Attribute.builder().name("ecs.cpu-architecture").value(architecture(definition)).build())
                    .healthStatus(HealthStatus.UNKNOWN)
                    .enableExecuteCommand(launch.enableExecuteCommand())
                    .capacityProviderName(launch.capacityProviderName())
                    .tags(launch.tags()), launch.instance(), subnet).build(), runs, null, null);
        }
        Task task = Task.builder()
                .taskArn(taskArn)
                .clusterArn(launch.cluster().clusterArn())
                .taskDefinitionArn(definition.taskDefinitionArn())
                .overrides(overrides)
                .lastStatus(TaskStatus.PROVISIONING.name())
                .desiredStatus(TaskStatus.RUNNING.name())
                .cpu(overrides.cpu() != null ? overrides.cpu() : definition.cpu())
                .memory(overrides.memory() != null ? overrides.memory() : definition.memory())
                .containers(containers)
                .startedBy(launch.startedBy())
                .group(launch.group())
                .version(1L)
                .createdAt(now)
                .launchType(LaunchType.FARGATE)
                .capacityProviderName(launch.capacityProviderName())
                .platformVersion(launch.platformVersion())
                .platformFamily(PLATFORM_FAMILY)
                .availabilityZone(subnet.availabilityZone())
                .attachments(TaskNetworking.precreated(subnet))
                .attributes(Attribute.builder().name("ecs.cpu-architecture").value(architecture(definition)).build())
                .healthStatus(HealthStatus.UNKNOWN)
                .enableExecuteCommand(launch.enableExecuteCommand())
                .ephemeralStorage(EphemeralStorage.builder().sizeInGiB(storage).build())
                .fargateEphemeralStorage(TaskEphemeralStorage.builder().sizeInGiB(storage).build())
                .tags(launch.tags())
                .build();
        return new TaskRun(task, runs, null, null);
    }

    private static Container container(AccountRegion region, String clusterName, String taskId, String taskArn,
                                       ContainerDefinition definition, ContainerOverride override, boolean execute) {
        Integer cpu = override.cpu() != null ? override.cpu() : definition.cpu();
        Integer memory = override.memory() != null ? override.memory() : definition.memory();
        Integer reservation = override.memoryReservation() != null ? override.memoryReservation()
                : definition.memoryReservation();
        Container.Builder container = Container.builder()
                .containerArn(Arns.of("ecs", region.region(), region.accountId(),
                        "container/" + clusterName + "/" + taskId + "/" + UUID.randomUUID()))
                .taskArn(taskArn)
                .name(definition.name())
                .image(definition.image())
                .lastStatus(TaskStatus.PENDING.name())
                .networkInterfaces(List.of())
                .healthStatus(HealthStatus.UNKNOWN)
                .cpu(String.valueOf(cpu == null ? 0 : cpu))
                .memory(memory == null ? null : String.valueOf(memory))
                .memoryReservation(reservation == null ? null : String.valueOf(reservation));
        if (execute) {
            container.managedAgents(ManagedAgent.builder().name(ManagedAgentName.EXECUTE_COMMAND_AGENT)
                    .lastStatus(TaskStatus.PENDING.name()).build());
        }
        return container.build();
    }

    private static ContainerRun run(ContainerDefinition definition, ContainerOverride override) {
        List<String> command = override.hasCommand() && !override.command().isEmpty() ? override.command()
                : definition.command();
        List<Integer> ports = definition.portMappings().stream().map(PortMapping::containerPort)
                .filter(port -> port != null).toList();
        return new ContainerRun(definition.name(), !Boolean.FALSE.equals(definition.essential()), definition.entryPoint(),
                command, definition.dependsOn(), definition.healthCheck(), definition.startTimeout(),
                definition.stopTimeout(), ports, null, null, null, null, null, 0, 0);
    }

    /**
     * The overrides as ECS reports them on the task: an entry for every container, with what the
     * request overrode for it, and the task-level overrides as they were given.
     */
    private static TaskOverride echoed(TaskDefinition definition, TaskOverride requested) {
        TaskOverride given = requested == null ? TaskOverride.builder().build() : requested;
        List<ContainerOverride> containers = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            containers.add(given.containerOverrides().stream().filter(o -> container.name().equals(o.name())).findFirst()
                    .orElseGet(() -> ContainerOverride.builder().name(container.name()).build()));
        }
        return given.toBuilder().containerOverrides(containers).inferenceAcceleratorOverrides(List.of()).build();
    }

    private static ContainerOverride overrideOf(TaskOverride overrides, String container) {
        Optional<ContainerOverride> override = overrides.containerOverrides().stream()
                .filter(o -> container.equals(o.name())).findFirst();
        return override.orElseGet(() -> ContainerOverride.builder().name(container).build());
    }

    private static String architecture(TaskDefinition definition) {
        boolean arm = definition.runtimePlatform() != null
                && definition.runtimePlatform().cpuArchitecture() == CPUArchitecture.ARM64;
        return arm ? "arm64" : "x86_64";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
