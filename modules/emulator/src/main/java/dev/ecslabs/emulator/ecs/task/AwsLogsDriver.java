package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.cloudwatch.logs.LogIngestion;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * The {@code awslogs} log driver of a task's container
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html): when the
 * container starts it creates its log stream {@code <awslogs-stream-prefix>/<container-name>/<task-id>}
 * in {@code awslogs-group} (creating the group first with {@code awslogs-create-group=true}), and
 * every line the container then writes goes there, stamped with the emulator's clock. A missing
 * group stops the task before the container starts, with the Fargate agent's reason.
 */
final class AwsLogsDriver {
    static final String GROUP = "awslogs-group";
    static final String REGION = "awslogs-region";
    static final String STREAM_PREFIX = "awslogs-stream-prefix";
    static final String CREATE_GROUP = "awslogs-create-group";
    /**
     * How the Fargate agent reports a log group that does not exist: a ResourceInitializationError
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html, "failed to
     * initialize logging driver") in the words platform version 1.4 writes it with.
     */
    static final String GROUP_MISSING = "ResourceInitializationError: failed to validate logger args: create stream has been "
            + "retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group "
            + "does not exist. : exit status 1";

    private static final Logger LOG = LoggerFactory.getLogger(AwsLogsDriver.class);

    private AwsLogsDriver() {
    }

    /** A container's log stream. */
    record Stream(AccountRegion region, String group, String name) {
        /** Appends one line the container wrote now; safe from any thread. */
        void write(String line) {
            region.locked(() -> LogIngestion.append(region, group, name, region.now().toEpochMilli(), line));
        }

        /**
         * Schedules a simulated container's lines at their times after its start (those at 0 at once);
         * a line is not written when the task's stop signal came before it was due ({@code signalledBefore}).
         * Lines still due when the emulator stops are not saved.
         */
        void play(ContainerBehaviour behaviour, Instant startedAt, Predicate<Instant> signalledBefore) {
            for (ContainerBehaviour.OutputLine line : behaviour.output()) {
                Instant written = startedAt.plus(line.after());
                Duration delay = Duration.between(region.now(), written);
                if (delay.isNegative() || delay.isZero()) {
                    LogIngestion.append(region, group, name, written.toEpochMilli(), line.text());
                } else {
                    region.schedule(delay, () -> {
                        if (!signalledBefore.test(written)) {
                            LogIngestion.append(region, group, name, written.toEpochMilli(), line.text());
                        }
                    });
                }
            }
        }
    }

    /** Thrown when the container cannot start because of its log configuration; the message is the stopped reason. */
    static final class LogDriverFailure extends Exception {
        LogDriverFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Opens the container's log stream when it uses {@code awslogs}: empty when it does not (or logs to
     * another Region, which the emulator does not deliver to). Runs under the account-region's lock.
     */
    static Optional<Stream> open(AccountRegion region, TaskRun run, String containerName) throws LogDriverFailure {
        Optional<ContainerDefinition> definition = TaskDefinitions.of(region).find(run.task().taskDefinitionArn())
                .flatMap(d -> d.containerDefinitions().stream().filter(c -> c.name().equals(containerName)).findFirst());
        if (definition.isEmpty() || definition.get().logConfiguration() == null
                || definition.get().logConfiguration().logDriver() != LogDriver.AWSLOGS) {
            return Optional.empty();
        }
        Map<String, String> options = definition.get().logConfiguration().options();
        String group = options.get(GROUP);
        String logRegion = options.getOrDefault(REGION, region.region());
        if (group == null || !logRegion.equals(region.region())) {
            LOG.warn("Container {} of task {} logs to {} in {}: the emulator delivers awslogs output only within the task's "
                    + "Region ({}), so its output is not kept", containerName, run.taskArn(), group, logRegion, region.region());
            return Optional.empty();
        }
        if (!LogIngestion.groupExists(region, group)) {
            if (!"true".equalsIgnoreCase(options.get(CREATE_GROUP))) {
                throw new LogDriverFailure(GROUP_MISSING);
            }
            LogIngestion.createGroupIfMissing(region, group);
        }
        String prefix = options.get(STREAM_PREFIX);
        String stream = (prefix == null || prefix.isBlank() ? "" : prefix + "/") + containerName + "/" + run.taskId();
        LogIngestion.createStreamIfMissing(region, group, stream);
        return Optional.of(new Stream(region, group, stream));
    }
}
