package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.runtime.StopSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The snapshot format of one task: the SDK's {@link Task} as DescribeTasks answers it, the two
 * instants ECS doesn't report, and each container's simulation state (instants as ISO-8601,
 * durations as {@code PT5S}). That is all {@link TaskLifecycle} needs to work out the next step.
 */
final class TaskSnapshots {
    private TaskSnapshots() {
    }

    static ObjectNode write(TaskRun run) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.set("task", AwsJsonCodec.write(run.task()));
        putInstant(json, "activatingAt", run.activatingAt());
        putInstant(json, "stopSignalAt", run.stopSignalAt());
        ArrayNode containers = json.putArray("containers");
        run.containers().forEach(container -> containers.add(write(container)));
        return json;
    }

    static TaskRun read(JsonNode json) {
        Task task = AwsJsonCodec.read(required(json, "task"), Task.builder());
        if (task.taskArn() == null || task.clusterArn() == null || task.lastStatus() == null) {
            throw new IllegalArgumentException("a task lacks its taskArn, clusterArn or lastStatus");
        }
        TaskStatus.of(task.lastStatus());
        List<ContainerRun> containers = new ArrayList<>();
        json.path("containers").forEach(container -> containers.add(readContainer(container)));
        return new TaskRun(task, containers, instant(json, "activatingAt"), instant(json, "stopSignalAt"));
    }

    private static ObjectNode write(ContainerRun run) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.put("name", run.name());
        json.put("essential", run.essential());
        json.set("entryPoint", strings(run.entryPoint()));
        json.set("command", strings(run.command()));
        ArrayNode dependsOn = json.putArray("dependsOn");
        run.dependsOn().forEach(dependency -> dependsOn.add(AwsJsonCodec.write(dependency)));
        if (run.healthCheck() != null) {
            json.set("healthCheck", AwsJsonCodec.write(run.healthCheck()));
        }
        if (run.startTimeout() != null) {
            json.put("startTimeout", run.startTimeout());
        }
        if (run.stopTimeout() != null) {
            json.put("stopTimeout", run.stopTimeout());
        }
        json.set("declaredPorts", integers(run.declaredPorts()));
        if (run.argv() != null) {
            json.set("argv", strings(run.argv()));
        }
        if (run.listeningPorts() != null) {
            json.set("listeningPorts", integers(run.listeningPorts()));
        }
        if (run.behaviour() != null) {
            ObjectNode behaviour = json.putObject("behaviour").put("exitCode", run.behaviour().exitCode());
            run.behaviour().exitsAfter().ifPresent(after -> behaviour.put("exitsAfter", after.toString()));
        }
        if (run.onStop() != null) {
            ObjectNode onStop = json.putObject("onStop").put("exitCode", run.onStop().exitCode());
            if (run.onStop().exitsAfter() != null) {
                onStop.put("exitsAfter", run.onStop().exitsAfter().toString());
            }
        }
        putInstant(json, "startedAt", run.startedAt());
        json.put("healthChecksRun", run.healthChecksRun());
        json.put("consecutiveFailures", run.consecutiveFailures());
        return json;
    }

    private static ContainerRun readContainer(JsonNode json) {
        List<ContainerDependency> dependsOn = new ArrayList<>();
        json.path("dependsOn").forEach(dependency -> dependsOn.add(AwsJsonCodec.read(dependency, ContainerDependency.builder())));
        HealthCheck healthCheck = json.hasNonNull("healthCheck")
                ? AwsJsonCodec.read(json.get("healthCheck"), HealthCheck.builder()) : null;
        ContainerBehaviour behaviour = null;
        if (json.hasNonNull("behaviour")) {
            JsonNode node = json.get("behaviour");
            behaviour = new ContainerBehaviour(Optional.ofNullable(duration(node, "exitsAfter")), node.path("exitCode").asInt());
        }
        StopSignals.StopResponse onStop = null;
        if (json.hasNonNull("onStop")) {
            JsonNode node = json.get("onStop");
            onStop = new StopSignals.StopResponse(duration(node, "exitsAfter"), node.path("exitCode").asInt());
        }
        return new ContainerRun(required(json, "name").asText(), json.path("essential").asBoolean(true),
                stringList(json.path("entryPoint")), stringList(json.path("command")), dependsOn, healthCheck,
                json.hasNonNull("startTimeout") ? json.get("startTimeout").asInt() : null,
                json.hasNonNull("stopTimeout") ? json.get("stopTimeout").asInt() : null,
                integerList(json.path("declaredPorts")),
                json.hasNonNull("argv") ? stringList(json.get("argv")) : null,
                json.hasNonNull("listeningPorts") ? integerList(json.get("listeningPorts")) : null,
                behaviour, onStop, instant(json, "startedAt"), json.path("healthChecksRun").asInt(),
                json.path("consecutiveFailures").asInt());
    }

    private static void putInstant(ObjectNode json, String member, Instant value) {
        if (value != null) {
            json.put(member, value.toString());
        }
    }

    private static Instant instant(JsonNode json, String member) {
        return json.hasNonNull(member) ? Instant.parse(json.get(member).asText()) : null;
    }

    private static Duration duration(JsonNode json, String member) {
        return json.hasNonNull(member) ? Duration.parse(json.get(member).asText()) : null;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = AwsJsonCodec.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode integers(List<Integer> values) {
        ArrayNode array = AwsJsonCodec.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> stringList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<Integer> integerList(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }

    private static JsonNode required(JsonNode json, String member) {
        JsonNode value = json.get(member);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a task's snapshot lacks '" + member + "'");
        }
        return value;
    }
}
