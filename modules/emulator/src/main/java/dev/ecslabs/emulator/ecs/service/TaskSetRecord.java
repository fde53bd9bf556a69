package dev.ecslabs.emulator.ecs.service;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * One task set of a service with the EXTERNAL deployment controller: its configuration as the
 * SDK's {@link TaskSet} (without the counts, which come from its tasks), and the service revision
 * its tasks run, driven by a {@link DeploymentRecord} of the task set's id so that the scheduler
 * starts them as it starts a deployment's: their {@code startedBy} is the task set's id
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html).
 */
final class TaskSetRecord {
    static final String PRIMARY = "PRIMARY";
    static final String ACTIVE = "ACTIVE";
    static final String DRAINING = "DRAINING";

    private TaskSet taskSet;
    private final DeploymentRecord launcher;

    TaskSetRecord(TaskSet taskSet, ServiceRevision revision) {
        this.taskSet = taskSet;
        this.launcher = new DeploymentRecord(taskSet.id(), revision, taskSet.createdAt(), 0, null);
    }

    TaskSet taskSet() {
        return taskSet;
    }

    String id() {
        return taskSet.id();
    }

    String arn() {
        return taskSet.taskSetArn();
    }

    String status() {
        return taskSet.status();
    }

    boolean isPrimary() {
        return PRIMARY.equals(taskSet.status());
    }

    boolean isDraining() {
        return DRAINING.equals(taskSet.status());
    }

    /** Named by the request as its id or its ARN. */
    boolean named(String idOrArn) {
        return taskSet.id().equals(idOrArn) || taskSet.taskSetArn().equals(idOrArn);
    }

    /** What starts the task set's tasks: a deployment of the task set's id and revision. */
    DeploymentRecord launcher() {
        return launcher;
    }

    ServiceRevision revision() {
        return launcher.revision();
    }

    /**
     * "The computed desired count for the task set. This is calculated by multiplying the service's
     * desiredCount by the task set's scale percentage. The result is always rounded up." A DRAINING
     * task set wants none (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskSet.html).
     */
    int computedDesiredCount(int serviceDesiredCount) {
        if (isDraining()) {
            return 0;
        }
        Double percent = taskSet.scale().value();
        return (int) Math.ceil(serviceDesiredCount * (percent == null ? 0 : percent) / 100.0 - 1e-9);
    }

    void status(String status, Instant at) {
        taskSet = taskSet.toBuilder().status(status).updatedAt(at).build();
    }

    void scale(Scale scale, Instant at) {
        taskSet = taskSet.toBuilder().scale(scale).updatedAt(at).build();
    }

    /** Records the stability the scheduler found; {@code stabilityStatusAt} moves only when it changes. */
    void stability(StabilityStatus status, Instant at) {
        if (taskSet.stabilityStatus() != status) {
            taskSet = taskSet.toBuilder().stabilityStatus(status).stabilityStatusAt(at).build();
        }
    }

    void tags(List<Tag> tags) {
        taskSet = taskSet.toBuilder().tags(tags).build();
    }

    /** The task set as the task set actions and DescribeServices answer it, with its tasks counted. */
    TaskSet view(int serviceDesiredCount, int pendingCount, int runningCount, boolean withTags) {
        TaskSet.Builder view = taskSet.toBuilder()
                .computedDesiredCount(computedDesiredCount(serviceDesiredCount))
                .pendingCount(pendingCount)
                .runningCount(runningCount);
        if (!withTags) {
            view.tags((List<Tag>) null);
        }
        return view.build();
    }
}
