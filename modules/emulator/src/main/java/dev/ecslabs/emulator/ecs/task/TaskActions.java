package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTagging;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.instance.ContainerInstances;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * ECS's task actions, as the ECS API reference describes them: RunTask (on Fargate, through
 * {@link RunTaskLaunches} and {@link Fargate}), StopTask, DescribeTasks (with {@code include} TAGS
 * and MISSING failures; stopped tasks for an hour) and ListTasks with its filters and pagination.
 * Tasks are taggable as {@code task}.
 */
public final class TaskActions implements ActionGroup, EcsTagging.Taggable {
    static final int MAX_DESCRIBE = 100;
    static final int MAX_RESULTS = 100;
    /** ECS's stoppedReason when StopTask is given none. */
    static final String STOPPED_BY_USER = "Task stopped by user";
    private static final int MAX_REASON_LENGTH = 255;

    /** Whether a service of that name belongs to the cluster, in any status: ListTasks' serviceName must name one. */
    @FunctionalInterface
    public interface ServiceNames {
        boolean exists(AccountRegion region, String clusterArn, String serviceName);
    }

    private final Fargate fargate;
    private final ServiceNames services;

    public TaskActions(Fargate fargate, ServiceNames services) {
        this.fargate = fargate;
        this.services = services;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "RunTask", RunTaskRequest::builder, this::runTask)
                .add(AwsService.ECS, "StartTask", StartTaskRequest::builder, this::startTask)
                .add(AwsService.ECS, "StopTask", StopTaskRequest::builder, this::stopTask)
                .add(AwsService.ECS, "DescribeTasks", DescribeTasksRequest::builder, this::describeTasks)
                .add(AwsService.ECS, "ListTasks", ListTasksRequest::builder, this::listTasks);
    }

    RunTaskResponse runTask(RequestContext context, RunTaskRequest request) {
        Tasks tasks = Tasks.of(context.state());
        String token = request.clientToken();
        if (token != null) {
            Optional<Tasks.ClientTokenUse> used = tasks.clientToken(token);
            if (used.isPresent()) {
                return answerAgain(tasks, request, used.get());
            }
        }
        RunTaskLaunches.Plan plan = RunTaskLaunches.plan(context, request);
        List<Task> started = new ArrayList<>();
        for (TaskLaunch launch : plan.launches()) {
            started.add(fargate.start(context.state(), launch));
        }
        if (token != null) {
            tasks.rememberClientToken(token, new Tasks.ClientTokenUse(request, started.stream().map(Task::taskArn).toList()));
        }
        return RunTaskResponse.builder().tasks(started).failures(plan.failures()).build();
    }

    /**
     * StartTask: one task on each container instance named (up to 10), placed there as RunTask
     * would place it, with the instance's reasons when it can't take it
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StartTask.html).
     */
    StartTaskResponse startTask(RequestContext context, StartTaskRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        if (request.containerInstances().isEmpty() || request.containerInstances().size() > RunTaskLaunches.MAX_COUNT) {
            throw EcsErrors.invalidParameter("StartTask places one task on each of 1 to " + RunTaskLaunches.MAX_COUNT
                    + " container instances; containerInstances has " + request.containerInstances().size() + ".");
        }
        TaskDefinitions.Revision revision = RunTaskLaunches.taskDefinition(context, request.taskDefinition());
        RunTaskRequest asRun = RunTaskRequest.builder().cluster(request.cluster()).taskDefinition(request.taskDefinition())
                .overrides(request.overrides()).networkConfiguration(request.networkConfiguration()).group(request.group())
                .startedBy(request.startedBy()).tags(request.tags()).propagateTags(request.propagateTags())
                .enableExecuteCommand(request.enableExecuteCommand()).build();
        List<Task> started = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String named : request.containerInstances()) {
            Optional<ContainerInstance> instance = ContainerInstances.of(context.state()).find(cluster.clusterName(), named)
                    .filter(i -> !ContainerInstances.INACTIVE.equals(i.status()));
            if (instance.isEmpty()) {
                failures.add(Failure.builder().arn(named).reason("MISSING").build());
                continue;
            }
            RunTaskLaunches.Plan plan = Ec2Launches.plan(context, asRun, cluster, revision, 1,
                    List.of(instance.get().containerInstanceArn()), List.of());
            plan.launches().forEach(launch -> started.add(fargate.start(context.state(), launch)));
            failures.addAll(plan.failures());
        }
        return StartTaskResponse.builder().tasks(started).failures(failures).build();
    }

    StopTaskResponse stopTask(RequestContext context, StopTaskRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        String reason = request.reason() == null || request.reason().isEmpty() ? STOPPED_BY_USER : request.reason();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw EcsErrors.invalidParameter("reason can be up to " + MAX_REASON_LENGTH + " characters long, not "
                    + reason.length() + ".");
        }
        TaskRun run = inCluster(context, cluster, request.task()).orElseThrow(() -> EcsErrors.invalidParameter(
                "The referenced task was not found. No task '" + request.task() + "' runs in the cluster "
                        + cluster.clusterName() + "; name it by the task ARN RunTask answered, or its id."));
        Task stopped = fargate.stop(context.state(), run.taskArn(), TaskStopCode.USER_INITIATED, reason).orElseThrow();
        // "Stops a running task. Any tags associated with the task will be deleted." (StopTask, ECS API reference)
        Tasks.of(context.state()).find(run.taskId()).ifPresent(current ->
                Tasks.of(context.state()).put(current.withTask(t -> t.tags(List.of()))));
        return StopTaskResponse.builder().task(stopped.toBuilder().tags((List<Tag>) null).build()).build();
    }

    DescribeTasksResponse describeTasks(RequestContext context, DescribeTasksRequest request) {
        // A deleted cluster's stopped tasks stay describable, so an INACTIVE cluster is looked in too.
        Cluster cluster = Clusters.of(context.state()).find(request.cluster()).orElseThrow(EcsErrors::clusterNotFound);
        if (request.tasks().isEmpty()) {
            throw EcsErrors.invalidParameter("Tasks cannot be empty. Name 1 to " + MAX_DESCRIBE + " tasks by ARN or id.");
        }
        if (request.tasks().size() > MAX_DESCRIBE) {
            throw EcsErrors.invalidParameter("DescribeTasks takes at most " + MAX_DESCRIBE + " tasks per call, not "
                    + request.tasks().size() + ".");
        }
        boolean withTags = request.include().contains(TaskField.TAGS);
        List<Task> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String named : request.tasks()) {
            inCluster(context, cluster, named).ifPresentOrElse(
                    run -> found.add(withTags ? run.task() : run.task().toBuilder().tags((List<Tag>) null).build()),
                    () -> failures.add(Failure.builder().arn(arnOf(context, cluster, named)).reason("MISSING").build()));
        }
        return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
    }

    ListTasksResponse listTasks(RequestContext context, ListTasksRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        if (request.serviceName() != null && !services.exists(context.state(), cluster.clusterArn(), request.serviceName())) {
            // AWS's own text (see ServiceErrors.serviceNotFound); labkit's clients name the service beside it
            throw new AwsException("ServiceNotFoundException", "Service not found.");
        }
        DesiredStatus desired = request.desiredStatus() == null ? DesiredStatus.RUNNING : request.desiredStatus();
        List<TaskRun> matching = new ArrayList<>();
        for (TaskRun run : Tasks.of(context.state()).inCluster(cluster.clusterArn())) {
            if (matches(run.task(), request, desired)) {
                matching.add(run);
            }
        }
        Pages.Page<TaskRun> page = Pages.page(matching, TaskRun::taskArn, request.nextToken(), request.maxResults(),
                MAX_RESULTS, MAX_RESULTS, "InvalidParameterException");
        return ListTasksResponse.builder().taskArns(page.items().stream().map(TaskRun::taskArn).toList())
                .nextToken(page.nextToken()).build();
    }

    @Override
    public String resourceType() {
        return "task";
    }

    @Override
    public List<Tag> tags(RequestContext context, String arn) {
        return byArn(context, arn).task().tags();
    }

    @Override
    public void replaceTags(RequestContext context, String arn, List<Tag> tags) {
        Tasks.of(context.state()).put(byArn(context, arn).withTask(t -> t.tags(tags)));
    }

    /**
     * The same request with the same client token answers the tasks it started, as they are now;
     * another request with that token is a ConflictException naming them.
     */
    private static RunTaskResponse answerAgain(Tasks tasks, RunTaskRequest request, Tasks.ClientTokenUse used) {
        if (!used.request().equals(request)) {
            throw new AwsException("ConflictException", "The RunTask request could not be processed due to conflicts. "
                    + "The provided clientToken is already in use with a different RunTask request. Run RunTask with a "
                    + "unique clientToken, or with this clientToken and the original parameters.")
                    .with("resourceIds", used.taskArns());
        }
        List<Task> current = new ArrayList<>();
        used.taskArns().forEach(arn -> tasks.find(arn).ifPresent(run -> current.add(run.task())));
        return RunTaskResponse.builder().tasks(current).failures(List.of()).build();
    }

    /** The task a request names in this cluster, by id or ARN; a task of another cluster is not found. */
    private static Optional<TaskRun> inCluster(RequestContext context, Cluster cluster, String named) {
        if (named == null || named.isEmpty()) {
            return Optional.empty();
        }
        if (Arns.looksLikeArn(named)) {
            Optional<Arns.Arn> arn = Arns.parse(named).filter(a -> a.service().equals("ecs")
                    && a.resource().startsWith("task/") && a.accountId().equals(context.accountId())
                    && a.region().equals(context.region()));
            if (arn.isEmpty()) {
                return Optional.empty();
            }
        }
        return Tasks.of(context.state()).find(named).filter(run -> run.task().clusterArn().equals(cluster.clusterArn()));
    }

    private static TaskRun byArn(RequestContext context, String arn) {
        return Tasks.of(context.state()).find(arn).filter(run -> run.taskArn().equals(arn)).orElseThrow(() ->
                EcsErrors.resourceNotFound("The specified task was not found: " + arn + ". Stopped tasks are kept for "
                        + "an hour."));
    }

    private static String arnOf(RequestContext context, Cluster cluster, String named) {
        return Arns.looksLikeArn(named) ? named
                : Arns.of(context, "ecs", "task/" + cluster.clusterName() + "/" + named);
    }

    private static boolean matches(Task task, ListTasksRequest request, DesiredStatus desired) {
        if (!desired.toString().equals(task.desiredStatus())) {
            return false;
        }
        if (request.family() != null && !request.family().equals(familyOf(task.taskDefinitionArn()))) {
            return false;
        }
        if (request.serviceName() != null && !("service:" + request.serviceName()).equals(task.group())) {
            return false;
        }
        if (request.startedBy() != null && !request.startedBy().equals(task.startedBy())) {
            return false;
        }
        // Fargate tasks run on no container instance; an EC2 task on the one placement chose, named by ARN or id.
        if (request.containerInstance() != null) {
            String on = task.containerInstanceArn();
            if (on == null || !(on.equals(request.containerInstance()) || on.endsWith("/" + request.containerInstance()))) {
                return false;
            }
        }
        return request.launchType() == null || request.launchType() == task.launchType();
    }

    /** The family of a task definition ARN ({@code …:task-definition/web:3} is {@code web}). */
    private static String familyOf(String taskDefinitionArn) {
        String familyRevision = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        return familyRevision.substring(0, familyRevision.lastIndexOf(':'));
    }
}
