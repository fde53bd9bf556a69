package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.PersistentArea;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

/**
 * The tasks of one account and region, by task id, from RunTask until an hour after they
 * stopped; the client tokens RunTask has seen; and which subnet the next task goes to. The
 * scheduled next step of each task is kept here too, but is not state: it is not in the snapshot
 * and is worked out again from the task ({@link Fargate#resume}).
 */
public final class Tasks implements PersistentArea {
    /** A RunTask request already answered for a client token, and the tasks it started. */
    record ClientTokenUse(RunTaskRequest request, List<String> taskArns) {
    }

    private final Map<String, TaskRun> byId = new LinkedHashMap<>();
    private final Map<String, ClientTokenUse> clientTokens = new HashMap<>();
    private final Map<String, EmulatorClock.Scheduled> nextSteps = new HashMap<>();
    private long placements;

    private Tasks(AccountRegion region) {
    }

    public static Tasks of(AccountRegion region) {
        return region.area(Tasks.class, Tasks::new);
    }

    /** The task with this id, or with this ARN ({@code …:task/<cluster>/<id>} or the older {@code …:task/<id>}). */
    public Optional<TaskRun> find(String idOrArn) {
        return idOrArn == null ? Optional.empty() : Optional.ofNullable(byId.get(TaskRun.idOf(idOrArn)));
    }

    /** Every task, sorted by ARN. */
    public List<TaskRun> all() {
        List<TaskRun> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(TaskRun::taskArn));
        return all;
    }

    /** The tasks of one cluster, sorted by ARN. */
    public List<TaskRun> inCluster(String clusterArn) {
        return all().stream().filter(run -> run.task().clusterArn().equals(clusterArn)).toList();
    }

    void put(TaskRun run) {
        byId.put(run.taskId(), run);
    }

    void remove(String taskId) {
        byId.remove(taskId);
        cancelNextStep(taskId);
    }

    /** The subnet for the next task among those it may use: in turn, so that tasks spread over Availability Zones. */
    Subnet nextSubnet(List<Subnet> subnets) {
        return subnets.get((int) (placements++ % subnets.size()));
    }

    Optional<ClientTokenUse> clientToken(String token) {
        return Optional.ofNullable(clientTokens.get(token));
    }

    void rememberClientToken(String token, ClientTokenUse use) {
        clientTokens.put(token, use);
    }

    /**
     * {@code {"tasks": [TaskSnapshots…], "clientTokens": {"<token>": {"request": RunTaskRequest, "taskArns": […]}},
     * "placements": n}}.
     */
    @Override
    public JsonNode snapshot() {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        ArrayNode tasks = json.putArray("tasks");
        byId.values().forEach(run -> tasks.add(TaskSnapshots.write(run)));
        ObjectNode tokens = json.putObject("clientTokens");
        new TreeMap<>(clientTokens).forEach((token, use) -> {
            ObjectNode entry = tokens.putObject(token);
            entry.set("request", AwsJsonCodec.write(use.request()));
            ArrayNode arns = entry.putArray("taskArns");
            use.taskArns().forEach(arns::add);
        });
        json.put("placements", placements);
        return json;
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode task : snapshot.path("tasks")) {
            put(TaskSnapshots.read(task));
        }
        for (Map.Entry<String, JsonNode> token : snapshot.path("clientTokens").properties()) {
            List<String> arns = new ArrayList<>();
            token.getValue().path("taskArns").forEach(arn -> arns.add(arn.asText()));
            clientTokens.put(token.getKey(), new ClientTokenUse(
                    AwsJsonCodec.read(token.getValue().path("request"), RunTaskRequest.builder()), List.copyOf(arns)));
        }
        placements = snapshot.path("placements").asLong();
    }

    void nextStep(String taskId, EmulatorClock.Scheduled scheduled) {
        cancelNextStep(taskId);
        nextSteps.put(taskId, scheduled);
    }

    void cancelNextStep(String taskId) {
        EmulatorClock.Scheduled previous = nextSteps.remove(taskId);
        if (previous != null) {
            previous.cancel();
        }
    }
}
