package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

/**
 * Task scale-in protection: UpdateTaskProtection and GetTaskProtection, for tasks of a service
 * (a standalone task is a {@code TASK_NOT_VALID} failure, an unknown one {@code MISSING}), as the
 * ECS API reference describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateTaskProtection.html). A
 * protected task is left alone by the service scheduler's scale-in and deployments until its
 * protection is cleared or expires; either makes the scheduler look at the service again.
 */
public final class TaskProtectionActions implements ActionGroup {
    /** "Task-protection, by default, expires after 2 hours". */
    static final int DEFAULT_EXPIRES_IN_MINUTES = 120;
    /** "from 1 minute to up to 2,880 minutes (48 hours)". */
    static final int MAX_EXPIRES_IN_MINUTES = 2880;
    static final int MAX_UPDATE = 10;
    static final int MAX_GET = 100;

    private final ServiceScheduler scheduler;

    public TaskProtectionActions(ServiceScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "UpdateTaskProtection", UpdateTaskProtectionRequest::builder, this::updateTaskProtection)
                .add(AwsService.ECS, "GetTaskProtection", GetTaskProtectionRequest::builder, this::getTaskProtection);
    }

    UpdateTaskProtectionResponse updateTaskProtection(RequestContext context, UpdateTaskProtectionRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        checkCount(request.tasks(), MAX_UPDATE, "UpdateTaskProtection");
        boolean enable = Boolean.TRUE.equals(request.protectionEnabled());
        int minutes = request.expiresInMinutes() == null ? DEFAULT_EXPIRES_IN_MINUTES : request.expiresInMinutes();
        if (enable && (minutes < 1 || minutes > MAX_EXPIRES_IN_MINUTES)) {
            throw EcsErrors.invalidParameter("expiresInMinutes must be between 1 and " + MAX_EXPIRES_IN_MINUTES
                    + " (48 hours), not " + minutes + ".");
        }
        TaskProtections protections = TaskProtections.of(context.state());
        List<ProtectedTask> changed = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String named : request.tasks()) {
            Optional<TaskRun> task = serviceTask(context, cluster, named, failures);
            if (task.isEmpty()) {
                continue;
            }
            String arn = task.get().taskArn();
            changed.add(enable ? protections.protect(arn, context.now().plus(Duration.ofMinutes(minutes)))
                    : protections.unprotect(arn));
            // The scheduler may now stop what it kept, or must wake up when the protection ends.
            Services.of(context.state()).tracking(task.get().task()).ifPresent(record -> scheduler.reconcileSoon(context.state(), record));
        }
        return UpdateTaskProtectionResponse.builder().protectedTasks(changed).failures(failures).build();
    }

    GetTaskProtectionResponse getTaskProtection(RequestContext context, GetTaskProtectionRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        checkCount(request.tasks(), MAX_GET, "GetTaskProtection");
        TaskProtections protections = TaskProtections.of(context.state());
        List<ProtectedTask> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String named : request.tasks()) {
            serviceTask(context, cluster, named, failures)
                    .ifPresent(task -> found.add(protections.at(task.taskArn(), context.now())));
        }
        return GetTaskProtectionResponse.builder().protectedTasks(found).failures(failures).build();
    }

    /**
     * The running service task a request names in the cluster; else a failure as ECS reports it
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/api_failures_messages.html).
     */
    private static Optional<TaskRun> serviceTask(RequestContext context, Cluster cluster, String named, List<Failure> failures) {
        Optional<TaskRun> task = Tasks.of(context.state()).find(named)
                .filter(run -> run.task().clusterArn().equals(cluster.clusterArn()))
                .filter(run -> !Arns.looksLikeArn(named) || run.taskArn().equals(named));
        String arn = task.map(TaskRun::taskArn).orElseGet(() -> Arns.looksLikeArn(named) ? named
                : Arns.of(context, "ecs", "task/" + cluster.clusterName() + "/" + named));
        if (task.isEmpty() || "STOPPED".equals(task.get().task().desiredStatus())) {
            failures.add(Failure.builder().arn(arn).reason("MISSING")
                    .detail("No running task " + named + " in the cluster " + cluster.clusterName() + ".").build());
            return Optional.empty();
        }
        if (Services.of(context.state()).tracking(task.get().task()).isEmpty()) {
            failures.add(Failure.builder().arn(arn).reason("TASK_NOT_VALID")
                    .detail("The task is not part of a service: only tasks of a service can be protected from scale-in.")
                    .build());
            return Optional.empty();
        }
        return task;
    }

    private static void checkCount(List<String> tasks, int max, String action) {
        if (tasks.isEmpty() || tasks.size() > max) {
            throw EcsErrors.invalidParameter(action + " takes 1 to " + max + " tasks, by id or ARN, not " + tasks.size() + ".");
        }
    }
}
