package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.task.CapacityProviders;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * CreateService's and UpdateService's own rules, after the model's constraints: the service
 * name, the task definition, where the tasks run (launch type or capacity provider strategy),
 * the awsvpc network configuration, the scheduling strategy and the deployment configuration
 * and controller (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
 * Load balancers, service registries and Service Connect are {@link ServiceAttachmentRules}'.
 */
final class ServiceRules {
    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** The service-linked role ECS uses for awsvpc services; such services can't be given a role of their own. */
    static final String SERVICE_LINKED_ROLE = "role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";

    /** Where a service's tasks run: a launch type, or (launch type {@code null}) a capacity provider strategy. */
    record Placement(LaunchType launchType, List<CapacityProviderStrategyItem> strategy) {
        boolean onFargate() {
            return launchType == LaunchType.FARGATE || launchType == null && !CapacityProviders.onAutoScalingGroups(strategy);
        }
    }

    private ServiceRules() {
    }

    static void serviceName(String name) {
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw EcsErrors.invalidParameter("Invalid service name '" + name + "': up to 255 letters (uppercase and "
                    + "lowercase), numbers, underscores and hyphens are allowed.");
        }
    }

    /**
     * The task definition a service runs: a bare family is its latest ACTIVE revision; an
     * INACTIVE revision can't start a new deployment.
     */
    static TaskDefinition taskDefinition(AccountRegion region, String named) {
        if (named == null || named.isEmpty()) {
            throw EcsErrors.invalidParameter("A task definition must be specified: name it as family, family:revision or "
                    + "its ARN (services with the ECS deployment controller need one).");
        }
        TaskDefinitions.Revision revision = TaskDefinitions.of(region).findRevision(named).orElseThrow(() ->
                EcsErrors.client("TaskDefinition not found. No task definition '" + named + "' with an ACTIVE revision is "
                        + "registered in this account and region; name one as family, family:revision or by its ARN."));
        if (revision.status() != TaskDefinitionStatus.ACTIVE) {
            throw EcsErrors.invalidParameter("TaskDefinition is inactive. " + revision.definition().family() + ":"
                    + revision.definition().revision() + " is " + revision.status() + " and can't be deployed; name an "
                    + "ACTIVE revision (the bare family name picks the latest).");
        }
        return revision.definition();
    }

    /**
     * Where the tasks run: the launch type, or the request's capacity provider strategy, or the
     * cluster's default one; with none of them ECS uses the EC2 launch type.
     */
    static Placement placement(Cluster cluster, LaunchType launchType, List<CapacityProviderStrategyItem> strategy) {
        if (launchType != null && !strategy.isEmpty()) {
            throw EcsErrors.invalidParameter("Specifying both a launch type and capacity provider strategy is not "
                    + "supported. Remove one and try again.");
        }
        if (launchType != null) {
            return new Placement(launchType, List.of());
        }
        List<CapacityProviderStrategyItem> used = strategy.isEmpty() ? cluster.defaultCapacityProviderStrategy() : strategy;
        if (used.isEmpty()) {
            return new Placement(LaunchType.EC2, List.of());
        }
        CapacityProviders.check(cluster, used);
        return new Placement(null, List.copyOf(used));
    }

    static void compatible(TaskDefinition definition, Placement placement) {
        Compatibility needed = placement.onFargate() ? Compatibility.FARGATE : placement.launchType() == null ? Compatibility.EC2
                : Compatibility.fromValue(placement.launchType().toString());
        if (!definition.compatibilities().contains(needed)) {
            throw EcsErrors.invalidParameter("Task definition does not support launch_type " + needed + ". Register a "
                    + "revision with requiresCompatibilities " + needed + ", or run the service on another launch type.");
        }
    }

    /** The network configuration an awsvpc task definition needs, checked; other network modes take none. */
    static NetworkConfiguration network(AccountRegion region, TaskDefinition definition, NetworkConfiguration network) {
        if (definition.networkMode() != NetworkMode.AWSVPC) {
            if (network != null && network.awsvpcConfiguration() != null) {
                throw EcsErrors.invalidParameter("Network Configuration is not valid for the given networkMode of this "
                        + "task definition (" + definition.networkMode() + "); only awsvpc tasks take one.");
            }
            return network;
        }
        TaskNetworking.subnets(region, network);
        return network;
    }

    static SchedulingStrategy schedulingStrategy(SchedulingStrategy requested, Placement placement) {
        SchedulingStrategy strategy = requested == null ? SchedulingStrategy.REPLICA : requested;
        if (strategy == SchedulingStrategy.DAEMON && placement.onFargate()) {
            throw EcsErrors.invalidParameter("The DAEMON scheduling strategy is not supported on Fargate: it places one "
                    + "task on each container instance, and Fargate has none. Use REPLICA with a desiredCount.");
        }
        if (strategy == SchedulingStrategy.DAEMON && placement.launchType() != LaunchType.EC2) {
            throw EcsErrors.invalidParameter("The DAEMON scheduling strategy places one task on each container instance: "
                    + "it needs the EC2 launch type, not " + (placement.launchType() == null ? "a capacity provider strategy"
                    : placement.launchType()) + ".");
        }
        return strategy;
    }

    /** ECS's quota "Tasks per service" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html). */
    static final int MAX_TASKS_PER_SERVICE = 5_000;

    static int desiredCount(Integer requested) {
        if (requested == null) {
            throw EcsErrors.invalidParameter("desiredCount is required for a service with the REPLICA scheduling "
                    + "strategy: how many tasks to keep running.");
        }
        if (requested < 0) {
            throw EcsErrors.invalidParameter("desiredCount can't be negative, not " + requested + ".");
        }
        if (requested > MAX_TASKS_PER_SERVICE) {
            throw EcsErrors.invalidParameter("desiredCount can be at most " + MAX_TASKS_PER_SERVICE + ", the Amazon ECS "
                    + "quota of tasks per service, not " + requested + ".");
        }
        return requested;
    }

    static void deploymentController(DeploymentController controller) {
        if (controller != null && controller.type() != DeploymentControllerType.ECS) {
            throw EcsErrors.invalidParameter("The " + controller.typeAsString() + " deployment controller is not "
                    + "supported by this emulator: it runs the ECS deployment controller (rolling updates), and the "
                    + "EXTERNAL one (task sets) for a new service.");
        }
    }

    /** The deployment configuration with ECS's defaults, checked: percentages the scheduler can work with. */
    static DeploymentConfiguration deploymentConfiguration(DeploymentConfiguration requested,
                                                           DeploymentConfiguration current) {
        DeploymentConfiguration merged = Deployments.withDefaults(requested, current);
        int minimum = merged.minimumHealthyPercent();
        int maximum = merged.maximumPercent();
        if (minimum < 0 || minimum > 100) {
            throw EcsErrors.invalidParameter("minimumHealthyPercent must be between 0 and 100, not " + minimum
                    + ": it is the share of desiredCount that must stay healthy during a deployment.");
        }
        if (maximum < 100) {
            throw EcsErrors.invalidParameter("maximumPercent must be at least 100 for a REPLICA service, not " + maximum
                    + ": it is the share of desiredCount that may run or be pending during a deployment.");
        }
        if (merged.strategy() != null && merged.strategy() != DeploymentStrategy.ROLLING) {
            throw EcsErrors.invalidParameter("The " + merged.strategyAsString() + " deployment strategy is not supported "
                    + "by this emulator: it runs rolling updates (ROLLING) only.");
        }
        if (merged.alarms() != null && Boolean.TRUE.equals(merged.alarms().enable()) && merged.alarms().alarmNames().isEmpty()) {
            throw EcsErrors.invalidParameter("deploymentConfiguration.alarms is enabled but names no alarms: give "
                    + "alarmNames, or turn the alarms off.");
        }
        PauseHooks.check(merged);
        return merged;
    }

    static void placementRules(boolean constraints, boolean strategies, Placement placement) {
        if ((constraints || strategies) && placement.onFargate()) {
            throw EcsErrors.invalidParameter("Task placement constraints and strategies are not supported for tasks "
                    + "on Fargate: Fargate places each task itself, in the subnets you give.");
        }
    }

    static int healthCheckGracePeriod(Integer seconds) {
        if (seconds != null && seconds < 0) {
            throw EcsErrors.invalidParameter("healthCheckGracePeriodSeconds can't be negative, not " + seconds + ".");
        }
        return seconds == null ? 0 : seconds;
    }

    /** An awsvpc service uses ECS's service-linked role; it takes no role of its own. */
    static void role(String role, TaskDefinition definition) {
        if (role != null && !role.isEmpty() && definition.networkMode() == NetworkMode.AWSVPC) {
            throw EcsErrors.invalidParameter("You cannot specify an IAM role for services that require a service linked "
                    + "role. Leave role out: awsvpc services use ECS's service-linked role, " + SERVICE_LINKED_ROLE + ".");
        }
    }

    static String serviceLinkedRoleArn(AccountRegion region) {
        return "arn:aws:iam::" + region.accountId() + ":" + SERVICE_LINKED_ROLE;
    }
}
