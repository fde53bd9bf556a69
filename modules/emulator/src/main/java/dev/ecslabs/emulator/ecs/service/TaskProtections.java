package dev.ecslabs.emulator.ecs.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;

/**
 * The scale-in protection of service tasks in one account and region, by task ARN: a task is
 * protected until its {@code expirationDate}, after which ECS clears the protection by itself, so
 * a protection is read against the clock and never needs a step of its own
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection.html).
 */
public final class TaskProtections implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, ProtectedTask> byTaskArn = new TreeMap<>();

    private TaskProtections(AccountRegion region) {
        this.region = region;
    }

    public static TaskProtections of(AccountRegion region) {
        return region.area(TaskProtections.class, TaskProtections::new);
    }

    /** The task's protection as GetTaskProtection shows it at {@code now}: disabled once it expired. */
    public ProtectedTask at(String taskArn, Instant now) {
        ProtectedTask saved = byTaskArn.get(taskArn);
        if (saved == null || !saved.expirationDate().isAfter(now)) {
            return ProtectedTask.builder().taskArn(taskArn).protectionEnabled(false).build();
        }
        return saved;
    }

    public boolean isProtected(String taskArn, Instant now) {
        return Boolean.TRUE.equals(at(taskArn, now).protectionEnabled());
    }

    /** When the task's protection ends, if it is protected at {@code now}. */
    public Optional<Instant> expiresAt(String taskArn, Instant now) {
        return isProtected(taskArn, now) ? Optional.of(byTaskArn.get(taskArn).expirationDate()) : Optional.empty();
    }

    ProtectedTask protect(String taskArn, Instant until) {
        ProtectedTask task = ProtectedTask.builder().taskArn(taskArn).protectionEnabled(true).expirationDate(until).build();
        byTaskArn.put(taskArn, task);
        region.changed(TaskProtections.class, taskArn);
        return task;
    }

    ProtectedTask unprotect(String taskArn) {
        if (byTaskArn.remove(taskArn) != null) {
            region.changed(TaskProtections.class, taskArn);
        }
        return ProtectedTask.builder().taskArn(taskArn).protectionEnabled(false).build();
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byTaskArn.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (ProtectedTask task : SavedStateJson.read(snapshot, new TypeReference<List<ProtectedTask>>() { })) {
            byTaskArn.put(task.taskArn(), task);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String taskArn) {
        return Optional.ofNullable(byTaskArn.get(taskArn)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String taskArn, JsonNode json) {
        if (json == null) {
            byTaskArn.remove(taskArn);
            return;
        }
        ProtectedTask task = SavedStateJson.read(json, ProtectedTask.class);
        if (task == null || !taskArn.equals(task.taskArn()) || task.expirationDate() == null) {
            throw new IllegalArgumentException("the task protection saved as '" + taskArn + "' is " + task);
        }
        byTaskArn.put(taskArn, task);
    }
}
