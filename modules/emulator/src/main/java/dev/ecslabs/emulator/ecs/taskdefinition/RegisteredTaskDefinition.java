package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * A checked RegisterTaskDefinition request turned into the task definition ECS stores and
 * answers: what the caller sent, with cpu and memory in units and MiB, the defaults ECS fills in
 * (essential, cpu 0, tcp, the host port of awsvpc and host mode, health check timings, empty
 * lists), and what ECS adds (ARN, revision, status, compatibilities, requiresAttributes,
 * registeredAt, registeredBy).
 */
final class RegisteredTaskDefinition {

    private RegisteredTaskDefinition() {
    }

    static TaskDefinition of(RequestContext context, RegisterTaskDefinitionRequest request, TaskSize size, String arn,
                             int revision) {
        NetworkMode networkMode = TaskDefinitionRules.networkMode(request);
        List<ContainerDefinition> containers = new ArrayList<>();
        request.containerDefinitions().forEach(container -> containers.add(withDefaults(container, networkMode)));
        TaskDefinition.Builder definition = TaskDefinition.builder()
                .taskDefinitionArn(arn)
                .family(request.family())
                .revision(revision)
                .status(TaskDefinitionStatus.ACTIVE)
                .containerDefinitions(containers)
                .taskRoleArn(request.taskRoleArn())
                .executionRoleArn(request.executionRoleArn())
                .networkMode(request.networkMode())
                .volumes(List.copyOf(request.volumes()))
                .placementConstraints(List.copyOf(request.placementConstraints()))
                .compatibilities(compatibilities(request, size))
                .requiresAttributes(RequiredAttributes.of(request))
                .cpu(size.cpuText())
                .memory(size.memoryText())
                .pidMode(request.pidMode())
                .ipcMode(request.ipcMode())
                .proxyConfiguration(request.proxyConfiguration())
                .ephemeralStorage(request.ephemeralStorage())
                .runtimePlatform(request.runtimePlatform())
                .enableFaultInjection(request.enableFaultInjection())
                .registeredAt(context.now())
                .registeredBy(registeredBy(context));
        if (request.hasRequiresCompatibilities()) {
            // "If no value is specified, the parameter is omitted from the response."
            definition.requiresCompatibilities(request.requiresCompatibilities());
        }
        if (request.hasInferenceAccelerators()) {
            definition.inferenceAccelerators(request.inferenceAccelerators());
        }
        return definition.build();
    }

    /** The principal that registered it: the emulator knows the caller's account, not an IAM user or role. */
    private static String registeredBy(RequestContext context) {
        return "arn:" + Arns.partition(context.region()) + ":iam::" + context.accountId() + ":root";
    }

    /**
     * The launch types the task definition validates against: EC2 always; EXTERNAL for the
     * network modes external instances have (not awsvpc); FARGATE when Fargate's rules hold.
     */
    private static List<Compatibility> compatibilities(RegisterTaskDefinitionRequest request, TaskSize size) {
        List<Compatibility> compatibilities = new ArrayList<>();
        if (TaskDefinitionRules.networkMode(request) != NetworkMode.AWSVPC) {
            compatibilities.add(Compatibility.EXTERNAL);
        }
        compatibilities.add(Compatibility.EC2);
        if (FargateRules.problem(request, size).isEmpty()) {
            compatibilities.add(Compatibility.FARGATE);
        }
        return compatibilities;
    }

    private static ContainerDefinition withDefaults(ContainerDefinition container, NetworkMode networkMode) {
        ContainerDefinition.Builder filled = container.toBuilder()
                .cpu(container.cpu() == null ? 0 : container.cpu())
                .essential(container.essential() == null || container.essential())
                .portMappings(container.portMappings().stream().map(m -> withDefaults(m, networkMode)).toList())
                .environment(List.copyOf(container.environment()))
                .mountPoints(List.copyOf(container.mountPoints()))
                .volumesFrom(List.copyOf(container.volumesFrom()));
        if (container.healthCheck() != null) {
            filled.healthCheck(HealthCheckRules.withDefaults(container.healthCheck()));
        }
        return filled.build();
    }

    /** "For task definitions that use the awsvpc network mode, only specify the containerPort": ECS sets hostPort to it. */
    private static PortMapping withDefaults(PortMapping mapping, NetworkMode networkMode) {
        PortMapping.Builder filled = mapping.toBuilder();
        if (mapping.protocol() == null) {
            filled.protocol(TransportProtocol.TCP);
        }
        boolean sameHostPort = networkMode == NetworkMode.AWSVPC || networkMode == NetworkMode.HOST;
        if (mapping.hostPort() == null && mapping.containerPort() != null && sameHostPort) {
            filled.hostPort(mapping.containerPort());
        }
        return filled.build();
    }
}
