package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The task metadata endpoint version 4's answers, in AWS's shape: {@code ${ECS_CONTAINER_METADATA_URI_V4}}
 * is the asking container's metadata, {@code …/task} the task's with every container
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html,
 * fields as https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate-response.html
 * lists them: Cluster, TaskARN, Family, Revision, DesiredStatus, KnownStatus, Limits in vCPUs and MiB,
 * PullStartedAt/PullStoppedAt, AvailabilityZone, LaunchType, Containers with DockerId, Name, Image,
 * Labels, Networks). Stats ({@code /stats}) are not served.
 */
final class TaskMetadata {
    private TaskMetadata() {
    }

    static ObjectNode task(Task task) {
        ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
        answer.put("Cluster", task.clusterArn());
        answer.put("TaskARN", task.taskArn());
        answer.put("Family", family(task));
        answer.put("Revision", revision(task));
        answer.put("DesiredStatus", task.desiredStatus());
        answer.put("KnownStatus", task.lastStatus());
        ObjectNode limits = answer.putObject("Limits");
        parse(task.cpu()).ifPresent(cpu -> limits.put("CPU", cpu / 1024.0));
        parse(task.memory()).ifPresent(memory -> limits.put("Memory", memory));
        time(answer, "PullStartedAt", task.pullStartedAt());
        time(answer, "PullStoppedAt", task.pullStoppedAt());
        answer.put("AvailabilityZone", task.availabilityZone());
        answer.put("LaunchType", task.launchTypeAsString() == null ? "FARGATE" : task.launchTypeAsString());
        ArrayNode containers = answer.putArray("Containers");
        task.containers().forEach(container -> containers.add(container(task, container)));
        return answer;
    }

    static Optional<ObjectNode> container(Task task, String containerName) {
        return task.containers().stream().filter(c -> containerName.equals(c.name())).findFirst()
                .map(container -> container(task, container));
    }

    private static ObjectNode container(Task task, Container container) {
        ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
        // On Fargate the id is the task's 32 hex digits, a dash and a number.
        answer.put("DockerId", task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1) + "-"
                + Integer.toUnsignedString(container.name().hashCode()));
        answer.put("Name", container.name());
        answer.put("DockerName", container.name());
        answer.put("Image", container.image());
        answer.put("ImageID", container.imageDigest());
        ObjectNode labels = answer.putObject("Labels");
        labels.put("com.amazonaws.ecs.cluster", task.clusterArn());
        labels.put("com.amazonaws.ecs.container-name", container.name());
        labels.put("com.amazonaws.ecs.task-arn", task.taskArn());
        labels.put("com.amazonaws.ecs.task-definition-family", family(task));
        labels.put("com.amazonaws.ecs.task-definition-version", revision(task));
        answer.put("DesiredStatus", task.desiredStatus());
        answer.put("KnownStatus", container.lastStatus());
        ObjectNode limits = answer.putObject("Limits");
        parse(container.cpu()).ifPresent(cpu -> limits.put("CPU", cpu));
        parse(container.memory()).ifPresent(memory -> limits.put("Memory", memory));
        answer.put("Type", "NORMAL");
        answer.put("ContainerARN", container.containerArn());
        if (container.exitCode() != null) {
            answer.put("ExitCode", container.exitCode());
        }
        ArrayNode networks = answer.putArray("Networks");
        TaskNetworking.eniAttachment(task).ifPresent(eni -> {
            ObjectNode network = networks.addObject().put("NetworkMode", "awsvpc");
            TaskNetworking.privateIpv4Address(task).ifPresent(ip -> network.putArray("IPv4Addresses").add(ip));
            network.put("AttachmentIndex", 0);
            detail(eni, "macAddress").ifPresent(mac -> network.put("MACAddress", mac));
            detail(eni, "privateDnsName").ifPresent(dns -> network.put("PrivateDNSName", dns));
        });
        return answer;
    }

    private static String family(Task task) {
        String definition = task.taskDefinitionArn();
        String familyAndRevision = definition.substring(definition.lastIndexOf('/') + 1);
        return familyAndRevision.substring(0, familyAndRevision.lastIndexOf(':'));
    }

    private static String revision(Task task) {
        String definition = task.taskDefinitionArn();
        return definition.substring(definition.lastIndexOf(':') + 1);
    }

    private static Optional<String> detail(Attachment attachment, String name) {
        return attachment.details().stream().filter(d -> name.equals(d.name())).map(KeyValuePair::value).findFirst();
    }

    private static Optional<Integer> parse(String value) {
        try {
            return value == null || value.isBlank() ? Optional.empty()
                    : Optional.of(Integer.valueOf(value.trim().toLowerCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void time(ObjectNode answer, String field, Instant at) {
        if (at != null) {
            answer.put(field, at.toString());
        }
    }
}
