package dev.ecslabs.dashboard.logs;

import dev.ecslabs.dashboard.html.Pages;
import dev.ecslabs.dashboard.resources.BackendConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A task's log page ({@code /tasks/<id>/logs}, templates {@code logs/taskLogs.jte} and
 * {@code logs/streams.jte}): the last lines of each container's awslogs stream, read again every
 * second by the page's {@code data-live} polling, so it follows the task while it runs.
 *
 * @param message what to say instead of streams (no such task, no awslogs), or {@code null}
 */
public record TaskLogsPage(String backend, String task, String status, String message, List<StreamView> streams,
                           List<String> withoutLogs) {
    /** How many of a stream's last lines the page shows. */
    public static final int LAST_LINES = 200;

    /** One container's stream and its last lines. */
    public record StreamView(String container, String group, String stream, List<Line> lines, boolean missing) {
    }

    /** One event: its timestamp (UTC, as CloudWatch Logs' console shows it) and message. */
    public record Line(String time, String message) {
    }

    /** Reads the task and its streams from the backend, through the SDK. */
    public static TaskLogsPage read(BackendConnection backend, String taskIdOrArn) {
        try (EcsClient ecs = backend.ecs(); CloudWatchLogsClient logs = backend.logs()) {
            TaskLogs found = TaskLogs.find(ecs, taskIdOrArn).orElse(null);
            if (found == null) {
                return new TaskLogsPage(backend.describe(), taskIdOrArn, null, "No cluster of this account has a task "
                        + taskIdOrArn + " (ECS describes a stopped task for about an hour).", List.of(), List.of());
            }
            List<StreamView> streams = new ArrayList<>();
            for (TaskLogs.ContainerStream stream : found.streams()) {
                streams.add(view(logs, stream));
            }
            String message = streams.isEmpty() ? "No container of this task uses the awslogs log driver, so its output is in no "
                    + "log stream: give the container definition a logConfiguration with logDriver awslogs." : null;
            return new TaskLogsPage(backend.describe(), found.taskId(), found.task().lastStatus(), message, streams, found.others());
        } catch (SdkException e) {
            return new TaskLogsPage(backend.describe(), taskIdOrArn, null, "The backend did not answer: " + e.getMessage(),
                    List.of(), List.of());
        }
    }

    private static StreamView view(CloudWatchLogsClient logs, TaskLogs.ContainerStream stream) {
        try {
            List<Line> lines = new ArrayList<>();
            for (OutputLogEvent event : logs.getLogEvents(b -> b.logGroupName(stream.group()).logStreamName(stream.stream())
                    .limit(LAST_LINES)).events()) {
                lines.add(new Line(Instant.ofEpochMilli(event.timestamp()).toString(), event.message()));
            }
            return new StreamView(stream.container(), stream.group(), stream.stream(), lines, false);
        } catch (ResourceNotFoundException notYet) {
            return new StreamView(stream.container(), stream.group(), stream.stream(), List.of(), true);
        }
    }

    public String page() {
        return Pages.render("logs/taskLogs.jte", this);
    }

    public String fragment() {
        return Pages.render("logs/streams.jte", this);
    }
}
