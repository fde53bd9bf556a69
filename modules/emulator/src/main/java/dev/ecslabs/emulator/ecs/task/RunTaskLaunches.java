package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * A RunTask request checked with ECS's rules and turned into the tasks to start, or into the
 * failures RunTask reports without starting anything. Every check comes before any task starts,
 * so a refused request changes nothing
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html).
 */
final class RunTaskLaunches {
    /** "You can specify up to 10 tasks for each call." */
    static final int MAX_COUNT = 10;
    /** What ECS answers when the EC2 launch type finds nothing to place tasks on. */
    static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";
    /** "Up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slash (/), and underscores (_)." */
    static final Pattern STARTED_BY = Pattern.compile("[A-Za-z0-9/_-]{1,128}");
    static final int MAX_GROUP_LENGTH = 255;

    /** The tasks to start, or the failures to answer instead. */
    record Plan(List<TaskLaunch> launches, List<Failure> failures) {
    }

    private RunTaskLaunches() {
    }

    static Plan plan(RequestContext context, RunTaskRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        TaskDefinitions.Revision revision = taskDefinition(context, request.taskDefinition());
        TaskDefinition definition = revision.definition();
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_COUNT) {
            throw EcsErrors.invalidParameter("count must be between 1 and " + MAX_COUNT + ", not " + count
                    + ": RunTask starts up to " + MAX_COUNT + " tasks per call.");
        }
        CapacityProviders.Placement placement = CapacityProviders.forRunTask(cluster, request.launchType(),
                request.capacityProviderStrategy(), count);
        if (placement.launchType() == LaunchType.EXTERNAL) {
            return new Plan(List.of(), List.of(Failure.builder().reason(NO_CONTAINER_INSTANCES).detail("The EXTERNAL launch "
                    + "type runs tasks on ECS Anywhere instances, which this emulator does not have.").build()));
        }
        if (!placement.onFargate()) {
            return Ec2Launches.plan(context, request, cluster, revision, count, null, placement.capacityProviders());
        }
        if (!definition.compatibilities().contains(Compatibility.FARGATE)) {
            throw EcsErrors.client("Task definition does not support launch_type FARGATE. Register a revision that "
                    + "Fargate accepts (requiresCompatibilities FARGATE shows what is missing).");
        }
        if (request.hasPlacementConstraints() && !request.placementConstraints().isEmpty()
                || request.hasPlacementStrategy() && !request.placementStrategy().isEmpty()) {
            throw EcsErrors.invalidParameter("Task placement constraints and strategies are not supported for tasks "
                    + "on Fargate: Fargate places each task itself, in the subnets you give.");
        }
        String platformVersion = FargatePlatformVersions.resolve(request.platformVersion());
        List<Subnet> subnets = TaskNetworking.subnets(context.state(), request.networkConfiguration());
        TaskOverride overrides = TaskOverrides.checked(definition, request.overrides());
        boolean execute = Boolean.TRUE.equals(request.enableExecuteCommand());
        if (execute && definition.taskRoleArn() == null && (overrides == null || overrides.taskRoleArn() == null)) {
            throw EcsErrors.invalidParameter("enableExecuteCommand needs a task role: ECS Exec's agent acts with it. "
                    + "Register the task definition with a taskRoleArn, or give one in overrides.taskRoleArn.");
        }
        String taskRoleArn = overrides != null && overrides.taskRoleArn() != null ? overrides.taskRoleArn() : definition.taskRoleArn();
        new ExecutionRoleCheck(context.store()).unassumableTaskRole(context.accountId(), taskRoleArn).ifPresent(problem -> {
            throw EcsErrors.client(problem);
        });
        List<Tag> tags = tags(request, revision);
        String group = request.group() == null ? "family:" + definition.family() : request.group();
        if (group.isEmpty() || group.length() > MAX_GROUP_LENGTH) {
            throw EcsErrors.invalidParameter("group must be 1 to " + MAX_GROUP_LENGTH + " characters long.");
        }
        if (request.startedBy() != null && !STARTED_BY.matcher(request.startedBy()).matches()) {
            throw EcsErrors.invalidParameter("startedBy allows up to 128 letters (uppercase and lowercase), numbers, "
                    + "hyphens (-), forward slashes (/) and underscores (_); '" + request.startedBy() + "' has others.");
        }
        List<TaskLaunch> launches = new ArrayList<>();
        for (String capacityProvider : placement.capacityProviders()) {
            launches.add(new TaskLaunch(cluster, definition, capacityProvider, subnets, overrides, request.startedBy(),
                    group, tags, execute, platformVersion));
        }
        return new Plan(launches, List.of());
    }

    /** The task definition RunTask names: a bare family is its latest ACTIVE revision; INACTIVE ones can't start tasks. */
    static TaskDefinitions.Revision taskDefinition(RequestContext context, String named) {
        TaskDefinitions.Revision revision = TaskDefinitions.of(context.state()).findRevision(named).orElseThrow(() ->
                EcsErrors.client("TaskDefinition not found. No task definition '" + named + "' with an ACTIVE revision is "
                        + "registered in this account and region; name one as family, family:revision or by its ARN."));
        if (revision.status() != TaskDefinitionStatus.ACTIVE) {
            throw EcsErrors.client("TaskDefinition is inactive. " + revision.definition().family() + ":"
                    + revision.definition().revision() + " is " + revision.status() + " and can't start new tasks; run an "
                    + "ACTIVE revision (the bare family name picks the latest).");
        }
        return revision;
    }

    /** The request's tags, after the task definition's when it asks for them to be propagated. */
    static List<Tag> tags(RunTaskRequest request, TaskDefinitions.Revision revision) {
        if (request.propagateTags() == PropagateTags.SERVICE) {
            throw EcsErrors.invalidParameter("propagateTags SERVICE is for the tasks of a service; RunTask can propagate "
                    + "the tags of the TASK_DEFINITION, or NONE.");
        }
        List<Tag> tags = EcsTags.checked(request.tags());
        if (request.propagateTags() == PropagateTags.TASK_DEFINITION) {
            tags = EcsTags.merge(revision.tags(), tags);
        }
        return tags;
    }
}
