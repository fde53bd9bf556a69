package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.logs.StreamFollower;
import dev.ecslabs.dashboard.logs.TaskLogs;
import dev.ecslabs.dashboard.resources.BackendConnection;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LabSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code ./lab logs <task>}: follows a task's awslogs streams in the terminal, as GetLogEvents with
 * its {@code nextForwardToken} reads them, until the task has stopped and every line is shown
 * ({@code --no-follow}: what is there now). It reads the running {@code ./lab start}'s endpoint, or
 * the endpoint the learner configured; with neither, the emulator's saved state in {@code .labs/emulator}.
 */
@Command(name = "logs", description = "Show a task's log streams (awslogs) and follow them until the task stops, "
        + "for example ./lab logs 4f1c2e6a8b9d4c3e (a task id or ARN).")
public final class LogsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TASK", description = "The task: its id or its ARN.")
    String task;

    @Option(names = "--no-follow", description = "Print the lines there are now, and stop.")
    boolean noFollow;

    @Option(names = "--every", description = "How often to look for new lines while following (default: ${DEFAULT-VALUE}).",
            defaultValue = "PT1S", hidden = true)
    Duration every;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Course course = Course.current();
        Optional<URI> endpoint = RunningCourse.find(course).map(RunningCourse::endpoint)
                .or(() -> LabSettings.backendKind() == Backend.Kind.ENDPOINT ? LabSettings.endpoint().map(URI::create)
                        : Optional.empty());
        if (endpoint.isPresent()) {
            return follow(BackendConnection.learnerAccount("the course's endpoint", endpoint.get()), !noFollow);
        }
        // No emulator runs: what the saved state holds, read once (nothing runs to follow).
        try (CourseBackend saved = CourseBackend.emulator("127.0.0.1", 0, -1, course.emulatorData())) {
            return follow(saved.connection(), false);
        }
    }

    private int follow(BackendConnection backend, boolean following) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (EcsClient ecs = backend.ecs(); CloudWatchLogsClient logs = backend.logs()) {
            TaskLogs found = TaskLogs.find(ecs, task).orElseThrow(() -> new IllegalArgumentException("No cluster of "
                    + backend.describe() + " has a task " + task + ". Give its id or ARN as DescribeTasks shows it "
                    + "(ECS describes a stopped task for about an hour)."));
            if (found.streams().isEmpty()) {
                throw new IllegalArgumentException("No container of task " + found.taskId() + " uses the awslogs log driver, so its "
                        + "output is in no log stream: give the container definition a logConfiguration with logDriver awslogs.");
            }
            List<StreamFollower> followers = new ArrayList<>();
            for (TaskLogs.ContainerStream stream : found.streams()) {
                out.println("# " + stream.container() + ": " + stream.group() + " › " + stream.stream());
                followers.add(new StreamFollower(logs, stream));
            }
            boolean several = followers.size() > 1;
            while (true) {
                // looked at before reading, so that the lines a stopped task wrote last are read after it
                boolean stoppedBefore = following && "STOPPED".equals(describe(ecs, found).lastStatus());
                for (StreamFollower follower : followers) {
                    for (OutputLogEvent event : follower.next()) {
                        out.println(Instant.ofEpochMilli(event.timestamp()) + " " + (several ? follower.stream().container() + " | " : "")
                                + event.message());
                    }
                }
                out.flush();
                if (!following || stoppedBefore) {
                    break;
                }
                Thread.sleep(every.toMillis());
            }
            if (following) {
                Task stopped = describe(ecs, found);
                out.println("# task " + found.taskId() + " stopped" + (stopped.stoppedReason() == null ? "" : ": " + stopped.stoppedReason()));
                out.flush();
            }
            return 0;
        }
    }

    private static Task describe(EcsClient ecs, TaskLogs found) {
        return ecs.describeTasks(b -> b.cluster(found.task().clusterArn()).tasks(found.task().taskArn())).tasks().get(0);
    }
}
