package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.capacity.CapacityWaits;
import dev.ecslabs.emulator.ecs.instance.TaskPlacement;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * RunTask and StartTask on the EC2 launch type: the task definition must be EC2-compatible, an
 * awsvpc one needs its subnets, and {@link TaskPlacement} picks a container instance for each task
 * (StartTask: among the instances it names; a capacity provider strategy of Auto Scaling groups:
 * among the instances each provider launched) or answers, per instance, why none could take it
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StartTask.html).
 */
final class Ec2Launches {
    /**
     * With no strategy of their own, tasks are spread over Availability Zones, then over
     * instances (the console's "AZ balanced spread", the services' default).
     */
    static final List<PlacementStrategy> DEFAULT_STRATEGY = List.of(
            PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone").build(),
            PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("instanceId").build());

    private Ec2Launches() {
    }

    /**
     * RunTask's plan on EC2; {@code only} names StartTask's instances (ARNs), null for RunTask;
     * {@code providers} the Auto Scaling group capacity provider of each task, empty for the EC2 launch type.
     */
    static RunTaskLaunches.Plan plan(RequestContext context, RunTaskRequest request, Cluster cluster,
                                     TaskDefinitions.Revision revision, int count, List<String> only, List<String> providers) {
        TaskDefinition definition = revision.definition();
        if (!definition.compatibilities().contains(Compatibility.EC2)) {
            throw EcsErrors.client("Task definition does not support launch_type EC2. Register a revision whose network "
                    + "mode and sizes EC2 accepts (requiresCompatibilities EC2 shows what is missing).");
        }
        if (request.platformVersion() != null) {
            throw EcsErrors.invalidParameter("platformVersion is only for tasks on Fargate.");
        }
        TaskPlacement.check(request.placementConstraints(), request.placementStrategy());
        boolean awsvpc = definition.networkMode() == NetworkMode.AWSVPC;
        List<Subnet> subnets = awsvpc ? TaskNetworking.subnets(context.state(), request.networkConfiguration()) : List.of();
        if (!awsvpc && request.networkConfiguration() != null) {
            throw EcsErrors.invalidParameter("Network Configuration is not valid for the given networkMode of this task "
                    + "definition: " + definition.networkModeAsString() + " tasks use their container instance's network. "
                    + "Leave networkConfiguration out.");
        }
        TaskOverride overrides = TaskOverrides.checked(definition, request.overrides());
        boolean execute = Boolean.TRUE.equals(request.enableExecuteCommand());
        List<Tag> tags = RunTaskLaunches.tags(request, revision);
        String group = request.group() == null ? "family:" + definition.family() : request.group();
        if (group.isEmpty() || group.length() > RunTaskLaunches.MAX_GROUP_LENGTH) {
            throw EcsErrors.invalidParameter("group must be 1 to " + RunTaskLaunches.MAX_GROUP_LENGTH + " characters long.");
        }
        if (request.startedBy() != null && !RunTaskLaunches.STARTED_BY.matcher(request.startedBy()).matches()) {
            throw EcsErrors.invalidParameter("startedBy allows up to 128 letters (uppercase and lowercase), numbers, "
                    + "hyphens (-), forward slashes (/) and underscores (_); '" + request.startedBy() + "' has others.");
        }
        List<PlacementStrategy> strategy = request.placementStrategy().isEmpty() ? DEFAULT_STRATEGY : request.placementStrategy();
        Integer cpu = overrides == null ? null : integer(overrides.cpu());
        Integer memory = overrides == null ? null : integer(overrides.memory());
        List<TaskLaunch> launches = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Map<String, Integer> perProvider = new LinkedHashMap<>();
        providers.forEach(p -> perProvider.merge(p, 1, Integer::sum));
        if (perProvider.isEmpty()) {
            perProvider.put(null, count);
        }
        for (Map.Entry<String, Integer> share : perProvider.entrySet()) {
            String provider = share.getKey();
            Optional<List<String>> on = provider == null ? Optional.ofNullable(only)
                    : Optional.of(TaskPlacement.instancesOf(context.state(), cluster, provider));
            TaskPlacement.Outcome outcome = TaskPlacement.place(context.state(), cluster, definition, cpu, memory,
                    share.getValue(), group, request.placementConstraints(), strategy, subnets, on);
            outcome.placed().forEach(placement -> launches.add(new TaskLaunch(cluster, definition, provider, subnets, overrides,
                    request.startedBy(), group, tags, execute, null, placement)));
            int unplaced = share.getValue() - outcome.placed().size();
            boolean waits = unplaced > 0 && CapacityWaits.waitsFor(context.state(), provider) && !awsvpc
                    && request.placementConstraints().isEmpty() && request.placementStrategy().isEmpty() && cpu == null && memory == null;
            if (waits) {
                // Managed scaling adds room for them: they wait PROVISIONING instead of failing.
                for (int i = 0; i < unplaced; i++) {
                    launches.add(new TaskLaunch(cluster, definition, provider, subnets, overrides, request.startedBy(), group, tags,
                            execute, null, InstancePlacement.AWAITING));
                }
            } else {
                failures.addAll(outcome.failures());
            }
        }
        return new RunTaskLaunches.Plan(launches, failures);
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
