package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTagging;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetResponse;

/**
 * ECS's task set actions for services with the EXTERNAL deployment controller: CreateTaskSet,
 * UpdateTaskSet (its scale only), UpdateServicePrimaryTaskSet (the service takes the primary's
 * settings), DeleteTaskSet (refused while scaled above 0 % unless forced; DRAINING until its tasks
 * stopped) and DescribeTaskSets (with {@code include} TAGS and MISSING failures). The
 * {@link ServiceScheduler} runs each task set's tasks on the clock
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html).
 * Task sets are taggable as {@code task-set}.
 */
public final class TaskSetActions implements ActionGroup, EcsTagging.Taggable {
    private final ServiceScheduler scheduler;

    public TaskSetActions(ServiceScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "CreateTaskSet", CreateTaskSetRequest::builder, this::createTaskSet)
                .add(AwsService.ECS, "UpdateTaskSet", UpdateTaskSetRequest::builder, this::updateTaskSet)
                .add(AwsService.ECS, "UpdateServicePrimaryTaskSet", UpdateServicePrimaryTaskSetRequest::builder,
                        this::updateServicePrimaryTaskSet)
                .add(AwsService.ECS, "DeleteTaskSet", DeleteTaskSetRequest::builder, this::deleteTaskSet)
                .add(AwsService.ECS, "DescribeTaskSets", DescribeTaskSetsRequest::builder, this::describeTaskSets)
                .servedWithin(AwsService.ECS, "CreateTaskSet", "for services with the EXTERNAL deployment controller; "
                        + "CODE_DEPLOY services are not modelled (CreateService refuses that controller), and a task "
                        + "set's tasks count as healthy without waiting for load balancer health checks.");
    }

    CreateTaskSetResponse createTaskSet(RequestContext context, CreateTaskSetRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        ServiceRecord record = activeService(region, cluster, request.service());
        TaskSetRecord created = NewTaskSets.create(region, cluster, record, request, context.now());
        scheduler.reconcileSoon(region, record);
        return CreateTaskSetResponse.builder().taskSet(view(region, record, created, false)).build();
    }

    UpdateTaskSetResponse updateTaskSet(RequestContext context, UpdateTaskSetRequest request) {
        AccountRegion region = context.state();
        ServiceRecord record = activeService(region, Clusters.of(region).requireActive(request.cluster()), request.service());
        TaskSetRecord set = live(record, request.taskSet());
        Instant now = context.now();
        set.scale(NewTaskSets.scale(request.scale()), now);
        set.stability(StabilityStatus.STABILIZING, now);
        scheduler.reconcileSoon(region, record);
        return UpdateTaskSetResponse.builder().taskSet(view(region, record, set, false)).build();
    }

    UpdateServicePrimaryTaskSetResponse updateServicePrimaryTaskSet(RequestContext context,
                                                                    UpdateServicePrimaryTaskSetRequest request) {
        AccountRegion region = context.state();
        ServiceRecord record = activeService(region, Clusters.of(region).requireActive(request.cluster()), request.service());
        TaskSetRecord set = live(record, request.primaryTaskSet());
        Instant now = context.now();
        for (TaskSetRecord other : record.taskSets()) {
            if (other != set && other.isPrimary()) {
                other.status(TaskSetRecord.ACTIVE, now);
            }
        }
        if (!set.isPrimary()) {
            set.status(TaskSetRecord.PRIMARY, now);
        }
        ExternalServices.takeFromPrimary(record);
        return UpdateServicePrimaryTaskSetResponse.builder().taskSet(view(region, record, set, false)).build();
    }

    DeleteTaskSetResponse deleteTaskSet(RequestContext context, DeleteTaskSetRequest request) {
        AccountRegion region = context.state();
        ServiceRecord record = activeService(region, Clusters.of(region).requireActive(request.cluster()), request.service());
        TaskSetRecord set = live(record, request.taskSet());
        Double percent = set.taskSet().scale().value();
        if (percent != null && percent > 0 && !Boolean.TRUE.equals(request.force())) {
            throw EcsErrors.invalidParameter("The task set " + set.id() + " is scaled to " + percent + " % of the service; "
                    + "scale it to 0 (UpdateTaskSet) before deleting it, or delete it with force (its tasks are then stopped).");
        }
        boolean wasPrimary = set.isPrimary();
        set.status(TaskSetRecord.DRAINING, context.now());
        if (wasPrimary) {
            ExternalServices.takeFromPrimary(record);
        }
        scheduler.reconcileSoon(region, record);
        return DeleteTaskSetResponse.builder().taskSet(view(region, record, set, false)).build();
    }

    DescribeTaskSetsResponse describeTaskSets(RequestContext context, DescribeTaskSetsRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).find(request.cluster()).orElseThrow(EcsErrors::clusterNotFound);
        ServiceRecord record = ServiceActions.find(region, cluster, request.service())
                .orElseThrow(ServiceErrors::serviceNotFound);
        NewTaskSets.requireExternal(record);
        boolean withTags = request.include().contains(TaskSetField.TAGS);
        List<TaskSet> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (request.taskSets().isEmpty()) {
            record.taskSets().forEach(set -> found.add(view(region, record, set, withTags)));
        }
        for (String named : request.taskSets()) {
            record.taskSet(named).ifPresentOrElse(set -> found.add(view(region, record, set, withTags)),
                    () -> failures.add(Failure.builder().arn(named).reason("MISSING").build()));
        }
        return DescribeTaskSetsResponse.builder().taskSets(found).failures(failures).build();
    }

    @Override
    public String resourceType() {
        return "task-set";
    }

    @Override
    public List<Tag> tags(RequestContext context, String arn) {
        return byArn(context, arn).taskSet().tags();
    }

    @Override
    public void replaceTags(RequestContext context, String arn, List<Tag> tags) {
        byArn(context, arn).tags(tags);
    }

    /** task-set/<cluster>/<service>/<id>: the task set of that ARN, unless it was deleted. */
    private static TaskSetRecord byArn(RequestContext context, String arn) {
        AccountRegion region = context.state();
        String[] parts = arn.substring(arn.indexOf(":task-set/") + ":task-set/".length()).split("/", 3);
        return (parts.length < 3 ? Optional.<ServiceRecord>empty() : Clusters.of(region).find(parts[0])
                .flatMap(cluster -> Services.of(region).find(cluster.clusterArn(), parts[1])))
                .flatMap(record -> record.taskSet(arn)).filter(set -> !set.isDraining())
                .orElseThrow(() -> EcsErrors.resourceNotFound("The specified task set was not found: " + arn
                        + ". Name a task set that is not deleted by the ARN CreateTaskSet answered."));
    }

    /** The task sets of an EXTERNAL service as DescribeServices shows them, with their tasks counted. */
    static List<TaskSet> views(AccountRegion region, ServiceRecord record) {
        return record.taskSets().stream().map(set -> view(region, record, set, false)).toList();
    }

    private static TaskSet view(AccountRegion region, ServiceRecord record, TaskSetRecord set, boolean withTags) {
        ServiceTaskStates tasks = ServiceTaskStates.of(region, record);
        return set.view(record.desiredCount(), tasks.pendingCount(set.id()), tasks.runningCount(set.id()), withTags);
    }

    private static ServiceRecord activeService(AccountRegion region, Cluster cluster, String named) {
        ServiceRecord record = ServiceActions.find(region, cluster, named).orElseThrow(ServiceErrors::serviceNotFound);
        if (!record.isActive()) {
            throw ServiceErrors.serviceNotActive(record.name(), record.status());
        }
        NewTaskSets.requireExternal(record);
        return record;
    }

    /** The task set a request names by id or ARN, unless it is already being deleted. */
    private static TaskSetRecord live(ServiceRecord record, String named) {
        TaskSetRecord set = record.taskSet(named).orElseThrow(() -> new AwsException("TaskSetNotFoundException",
                "The specified task set does not exist: " + record.name() + " has no task set " + named
                        + ". DescribeTaskSets lists its task sets by id and ARN."));
        if (set.isDraining()) {
            throw EcsErrors.invalidParameter("The task set " + set.id() + " is DRAINING since it was deleted; it can't "
                    + "be changed any more. Create a new task set instead.");
        }
        return set;
    }
}
