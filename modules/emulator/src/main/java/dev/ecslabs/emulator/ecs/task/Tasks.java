package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.network.NetworkInterfaces;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

/**
 * The tasks of one account and region, by task id, from RunTask until an hour after they
 * stopped; the client tokens RunTask has seen; and which subnet the next task goes to. The
 * scheduled next step of each task is kept here too, but is not state: it is not in the snapshot
 * and is worked out again from the task ({@link Fargate#resume}). Journaled resource by resource:
 * a task as {@code task/<id>}, a client token as {@code clientToken/<token>}, and the subnet turn as
 * {@code placements}.
 */
public final class Tasks implements ResourceArea {
    private static final String TASK = "task/";
    private static final String CLIENT_TOKEN = "clientToken/";
    private static final String PLACEMENTS = "placements";

    /** A RunTask request already answered for a client token, and the tasks it started. */
    record ClientTokenUse(RunTaskRequest request, List<String> taskArns) {
    }

    private final Map<String, TaskRun> byId = new LinkedHashMap<>();
    private final Map<String, ClientTokenUse> clientTokens = new HashMap<>();
    private final Map<String, EmulatorClock.Scheduled> nextSteps = new HashMap<>();
    private final AccountRegion region;
    private long placements;

    private Tasks(AccountRegion region) {
        this.region = region;
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
        region.changed(Tasks.class, TASK + run.taskId());
        // the task names its network interface and IP, which the clock may have attached since the last checkpoint:
        // journaled with it, a restart can't hand its address to another task
        TaskNetworking.eniAttachment(run.task()).ifPresent(attachment -> attachment.details().forEach(detail -> {
            if ("networkInterfaceId".equals(detail.name()) || "subnetId".equals(detail.name())) {
                region.changed(NetworkInterfaces.class, detail.value());
            }
        }));
    }

    void remove(String taskId) {
        byId.remove(taskId);
        region.changed(Tasks.class, TASK + taskId);
        cancelNextStep(taskId);
    }

    /** The subnet for the next task among those it may use: in turn, so that tasks spread over Availability Zones. */
    Subnet nextSubnet(List<Subnet> subnets) {
        region.changed(Tasks.class, PLACEMENTS);
        return subnets.get((int) (placements++ % subnets.size()));
    }

    Optional<ClientTokenUse> clientToken(String token) {
        return Optional.ofNullable(clientTokens.get(token));
    }

    void rememberClientToken(String token, ClientTokenUse use) {
        clientTokens.put(token, use);
        region.changed(Tasks.class, CLIENT_TOKEN + token);
    }

    /** What the snapshot keeps: every task, the client tokens RunTask has seen, and the subnet turn. */
    record Saved(List<TaskRun> tasks, SortedMap<String, ClientTokenUse> clientTokens, long placements) {
    }

    /** {@code {"tasks": [TaskRun…], "clientTokens": {"<token>": {"request": RunTaskRequest, "taskArns": […]}}, "placements": n}}. */
    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(new Saved(List.copyOf(byId.values()), new TreeMap<>(clientTokens), placements));
    }

    @Override
    public void restore(JsonNode snapshot) {
        Saved saved = SavedStateJson.read(snapshot, Saved.class);
        for (TaskRun run : saved.tasks() == null ? List.<TaskRun>of() : saved.tasks()) {
            TaskSnapshots.checked(run);
            byId.put(run.taskId(), run);
        }
        if (saved.clientTokens() != null) {
            saved.clientTokens().forEach((token, use) -> clientTokens.put(token, checked(use)));
        }
        placements = saved.placements();
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        if (key.startsWith(TASK)) {
            return Optional.ofNullable(byId.get(key.substring(TASK.length()))).map(TaskSnapshots::write);
        }
        if (key.startsWith(CLIENT_TOKEN)) {
            return Optional.ofNullable(clientTokens.get(key.substring(CLIENT_TOKEN.length()))).map(SavedStateJson::write);
        }
        if (key.equals(PLACEMENTS)) {
            return Optional.of(AwsJsonCodec.MAPPER.getNodeFactory().numberNode(placements));
        }
        throw new IllegalArgumentException("no task resource is kept as '" + key + "'");
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (key.startsWith(TASK)) {
            String id = key.substring(TASK.length());
            if (json == null) {
                byId.remove(id);
                return;
            }
            TaskRun run = TaskSnapshots.read(json);
            if (!run.taskId().equals(id)) {
                throw new IllegalArgumentException("the task saved as '" + id + "' is " + run.taskArn());
            }
            byId.put(id, run);
        } else if (key.startsWith(CLIENT_TOKEN)) {
            String token = key.substring(CLIENT_TOKEN.length());
            if (json == null) {
                clientTokens.remove(token);
            } else {
                clientTokens.put(token, checked(SavedStateJson.read(json, ClientTokenUse.class)));
            }
        } else if (key.equals(PLACEMENTS) && json != null && json.canConvertToLong()) {
            placements = json.asLong();
        } else {
            throw new IllegalArgumentException("no task resource is kept as '" + key + "': " + json);
        }
    }

    private static ClientTokenUse checked(ClientTokenUse use) {
        if (use == null || use.request() == null || use.taskArns() == null) {
            throw new IllegalArgumentException("a client token's use lacks its request or task ARNs: " + use);
        }
        return use;
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
