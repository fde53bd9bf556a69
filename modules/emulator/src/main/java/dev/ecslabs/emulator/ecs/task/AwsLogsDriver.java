package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.cloudwatch.logs.LogIngestion;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import software.amazon.awssdk.regions.Region;
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

    /**
     * A container's log stream, in {@code region}'s CloudWatch Logs; {@code taskRegion} is where its task
     * runs, whose lock a scheduled line is written under (then the stream's, as when it was opened).
     */
    record Stream(AccountRegion region, String group, String name, AccountRegion taskRegion) {
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
                    region.locked(() -> LogIngestion.append(region, group, name, written.toEpochMilli(), line.text()));
                } else {
                    taskRegion.schedule(delay, () -> {
                        if (!signalledBefore.test(written)) {
                            region.locked(() -> LogIngestion.append(region, group, name, written.toEpochMilli(), line.text()));
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
     * Opens the container's log stream when it uses {@code awslogs}: empty when it does not. The stream
     * is in the account's CloudWatch Logs of {@code awslogs-region}, which may be another Region than
     * the task's, as on AWS ("you can send logs to a log group in a different Region", using_awslogs.html);
     * a Region that does not exist fails the container's start as the agent's log driver fails it.
     * Runs under the task's account-region's lock; the other Region's lock is taken inside it, which
     * never meets the reverse order because the clock runs container starts one at a time.
     */
    static Optional<Stream> open(StateStore store, AccountRegion region, TaskRun run, String containerName)
            throws LogDriverFailure {
        Optional<ContainerDefinition> definition = TaskDefinitions.of(region).find(run.task().taskDefinitionArn())
                .flatMap(d -> d.containerDefinitions().stream().filter(c -> c.name().equals(containerName)).findFirst());
        if (definition.isEmpty() || definition.get().logConfiguration() == null
                || definition.get().logConfiguration().logDriver() != LogDriver.AWSLOGS) {
            return Optional.empty();
        }
        Map<String, String> options = definition.get().logConfiguration().options();
        String group = options.get(GROUP);
        if (group == null) {
            return Optional.empty(); // RegisterTaskDefinition refuses awslogs without a group; an old saved one may lack it
        }
        String regionName = options.getOrDefault(REGION, region.region());
        if (!isRegion(regionName)) {
            throw new LogDriverFailure(regionMissing(regionName));
        }
        AccountRegion logRegion = regionName.equals(region.region()) ? region : store.get(region.accountId(), regionName);
        String prefix = options.get(STREAM_PREFIX);
        String stream = (prefix == null || prefix.isBlank() ? "" : prefix + "/") + containerName + "/" + run.taskId();
        boolean createGroup = "true".equalsIgnoreCase(options.get(CREATE_GROUP));
        boolean opened = logRegion.locked(() -> {
            if (!LogIngestion.groupExists(logRegion, group)) {
                if (!createGroup) {
                    return false;
                }
                LogIngestion.createGroupIfMissing(logRegion, group);
            }
            LogIngestion.createStreamIfMissing(logRegion, group, stream);
            return true;
        });
        if (!opened) {
            throw new LogDriverFailure(GROUP_MISSING);
        }
        if (logRegion != region) {
            LOG.debug("Container {} of task {} logs to {} in {}", containerName, run.taskArn(), group, regionName);
        }
        return Optional.of(new Stream(logRegion, group, stream, region));
    }

    /** Whether AWS has a Region of this name (the SDK's list of them: its partitions' metadata). */
    static boolean isRegion(String name) {
        return Region.regions().stream().anyMatch(r -> !r.isGlobalRegion() && r.id().equals(name));
    }

    /**
     * The agent's reason when {@code awslogs-region} names no Region: its log driver cannot reach
     * {@code logs.<region>.amazonaws.com}, which no DNS server knows. Not a sentence AWS documents; the
     * shape of {@link #GROUP_MISSING} with the error of a name that does not resolve.
     */
    static String regionMissing(String regionName) {
        String host = "logs." + regionName + ".amazonaws.com";
        return "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                + "failed to create Cloudwatch log stream: RequestError: send request failed caused by: Post \"https://"
                + host + "/\": dial tcp: lookup " + host + ": no such host : exit status 1";
    }
}
