package dev.ecslabs.emulator.ecs.express;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.ECSManagedResources;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayScalingTarget;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceNetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceScalingMetric;
import software.amazon.awssdk.services.ecs.model.ManagedApplicationAutoScalingPolicy;
import software.amazon.awssdk.services.ecs.model.ManagedIngressPath;
import software.amazon.awssdk.services.ecs.model.ManagedResourceStatus;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;

/**
 * Express Mode's defaults and checks, as "Resources created by Amazon ECS Express Mode services"
 * and the API reference give them: the {@code default} cluster, 1 vCPU (1024) and 2 GB (2048)
 * (the developer guide's values), health checks on {@code /ping}, container port 80, and scaling
 * on average CPU with a target of 60 (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html).
 * The task counts' defaults are not documented: the emulator uses 1 to 20.
 */
final class ExpressDefaults {
    static final String CLUSTER = "default";
    static final String CPU = "1024";
    static final String MEMORY = "2048";
    static final String HEALTH_CHECK_PATH = "/ping";
    static final int CONTAINER_PORT = 80;
    static final int MIN_TASKS = 1;
    static final int MAX_TASKS = 20;
    static final int TARGET_VALUE = 60;
    static final String CONTAINER_NAME = "Main";

    private ExpressDefaults() {
    }

    static ExpressGatewayServiceConfiguration configuration(CreateExpressGatewayServiceRequest request, Instant now) {
        return checked(ExpressGatewayServiceConfiguration.builder()
                .executionRoleArn(request.executionRoleArn()).taskRoleArn(request.taskRoleArn())
                .cpu(request.cpu() == null ? CPU : request.cpu()).memory(request.memory() == null ? MEMORY : request.memory())
                .networkConfiguration(network(request.networkConfiguration()))
                .healthCheckPath(request.healthCheckPath() == null ? HEALTH_CHECK_PATH : request.healthCheckPath())
                .primaryContainer(container(request.primaryContainer(), null))
                .scalingTarget(scaling(request.scalingTarget(), null))
                .createdAt(now).build());
    }

    /** The current configuration with what UpdateExpressGatewayService gives. */
    static ExpressGatewayServiceConfiguration updated(ExpressGatewayServiceConfiguration current,
                                                      UpdateExpressGatewayServiceRequest request, Instant now) {
        ExpressGatewayServiceConfiguration.Builder target = current.toBuilder().serviceRevisionArn(null).createdAt(now);
        if (request.executionRoleArn() != null) {
            target.executionRoleArn(request.executionRoleArn());
        }
        if (request.taskRoleArn() != null) {
            target.taskRoleArn(request.taskRoleArn());
        }
        if (request.cpu() != null) {
            target.cpu(request.cpu());
        }
        if (request.memory() != null) {
            target.memory(request.memory());
        }
        if (request.networkConfiguration() != null) {
            target.networkConfiguration(network(request.networkConfiguration()));
        }
        if (request.healthCheckPath() != null) {
            target.healthCheckPath(request.healthCheckPath());
        }
        if (request.primaryContainer() != null) {
            target.primaryContainer(container(request.primaryContainer(), current.primaryContainer()));
        }
        if (request.scalingTarget() != null) {
            target.scalingTarget(scaling(request.scalingTarget(), current.scalingTarget()));
        }
        return checked(target.build());
    }

    /** What runs in the tasks changed: a new task definition revision, deployed by UpdateService. */
    static boolean needsNewRevision(ExpressGatewayServiceConfiguration current, ExpressGatewayServiceConfiguration target) {
        return !Objects.equals(current.primaryContainer(), target.primaryContainer())
                || !Objects.equals(current.cpu(), target.cpu()) || !Objects.equals(current.memory(), target.memory())
                || !Objects.equals(current.executionRoleArn(), target.executionRoleArn())
                || !Objects.equals(current.taskRoleArn(), target.taskRoleArn())
                || !Objects.equals(current.networkConfiguration(), target.networkConfiguration());
    }

    /** What DescribeServiceRevisions reports in {@code ecsManagedResources}: the ingress path and the scaling. */
    static ECSManagedResources managedResources(ExpressService.Managed managed, ExpressGatewayServiceConfiguration configuration,
                                                Instant now) {
        ExpressGatewayScalingTarget scaling = configuration.scalingTarget();
        return ECSManagedResources.builder()
                .ingressPaths(ManagedIngressPath.builder().accessType("PUBLIC").endpoint(managed.endpoint())
                        .loadBalancer(l -> l.arn(managed.loadBalancerArn()).status(ManagedResourceStatus.ACTIVE).updatedAt(now)
                                .scheme("internet-facing").subnetIds(DefaultVpc.SUBNET_IDS))
                        .listener(l -> l.arn(managed.listenerArn()).status(ManagedResourceStatus.ACTIVE).updatedAt(now))
                        .rule(r -> r.arn(managed.ruleArn()).status(ManagedResourceStatus.ACTIVE).updatedAt(now))
                        .targetGroups(t -> t.arn(managed.targetGroupArn()).status(ManagedResourceStatus.ACTIVE).updatedAt(now)
                                .healthCheckPath(configuration.healthCheckPath())
                                .healthCheckPort(configuration.primaryContainer().containerPort())
                                .port(configuration.primaryContainer().containerPort()))
                        .build())
                .autoScaling(a -> a.scalableTarget(t -> t.arn(managed.scalableTargetResourceId())
                                .status(ManagedResourceStatus.ACTIVE).updatedAt(now)
                                .minCapacity(scaling.minTaskCount()).maxCapacity(scaling.maxTaskCount()))
                        .applicationAutoScalingPolicies(ManagedApplicationAutoScalingPolicy.builder()
                                .arn(managed.scalingPolicyArn()).status(ManagedResourceStatus.ACTIVE).updatedAt(now)
                                .policyType("TargetTrackingScaling").targetValue(scaling.autoScalingTargetValue().doubleValue())
                                .metric(scaling.autoScalingMetricAsString()).build()))
                .build();
    }

    private static ExpressGatewayServiceConfiguration checked(ExpressGatewayServiceConfiguration configuration) {
        if (!configuration.healthCheckPath().startsWith("/")) {
            throw EcsErrors.invalidParameter("healthCheckPath must start with a forward slash, such as /health, not '"
                    + configuration.healthCheckPath() + "'.");
        }
        int port = configuration.primaryContainer().containerPort();
        if (port < 1 || port > 65535) {
            throw EcsErrors.invalidParameter("primaryContainer.containerPort must be a port from 1 to 65535, not " + port + ".");
        }
        ExpressGatewayScalingTarget scaling = configuration.scalingTarget();
        if (scaling.minTaskCount() < 0 || scaling.maxTaskCount() < scaling.minTaskCount()) {
            throw EcsErrors.invalidParameter("scalingTarget needs 0 <= minTaskCount <= maxTaskCount, not "
                    + scaling.minTaskCount() + " and " + scaling.maxTaskCount() + ".");
        }
        if (scaling.autoScalingTargetValue() <= 0) {
            throw EcsErrors.invalidParameter("scalingTarget.autoScalingTargetValue must be above 0, not "
                    + scaling.autoScalingTargetValue() + ".");
        }
        return configuration;
    }

    private static ExpressGatewayServiceNetworkConfiguration network(ExpressGatewayServiceNetworkConfiguration requested) {
        List<String> subnets = requested != null && requested.hasSubnets() && !requested.subnets().isEmpty()
                ? requested.subnets() : DefaultVpc.SUBNET_IDS;
        List<String> groups = requested != null && requested.hasSecurityGroups() && !requested.securityGroups().isEmpty()
                ? requested.securityGroups() : List.of(DefaultVpc.SECURITY_GROUP_ID);
        return ExpressGatewayServiceNetworkConfiguration.builder().subnets(subnets).securityGroups(groups).build();
    }

    private static ExpressGatewayContainer container(ExpressGatewayContainer requested, ExpressGatewayContainer current) {
        ExpressGatewayContainer.Builder container = (current == null ? requested : current).toBuilder();
        if (current != null) {
            // An update's container replaces each part it names.
            ExpressGatewayContainer update = requested;
            if (update.image() != null) {
                container.image(update.image());
            }
            if (update.containerPort() != null) {
                container.containerPort(update.containerPort());
            }
            if (update.hasCommand()) {
                container.command(update.command());
            }
            if (update.hasEnvironment()) {
                container.environment(update.environment());
            }
            if (update.hasSecrets()) {
                container.secrets(update.secrets());
            }
            if (update.awsLogsConfiguration() != null) {
                container.awsLogsConfiguration(update.awsLogsConfiguration());
            }
            if (update.repositoryCredentials() != null) {
                container.repositoryCredentials(update.repositoryCredentials());
            }
        }
        ExpressGatewayContainer built = container.build();
        return built.containerPort() == null ? built.toBuilder().containerPort(CONTAINER_PORT).build() : built;
    }

    private static ExpressGatewayScalingTarget scaling(ExpressGatewayScalingTarget requested, ExpressGatewayScalingTarget current) {
        ExpressGatewayScalingTarget base = current != null ? current : ExpressGatewayScalingTarget.builder()
                .minTaskCount(MIN_TASKS).maxTaskCount(MAX_TASKS).autoScalingMetric(ExpressGatewayServiceScalingMetric.AVERAGE_CPU)
                .autoScalingTargetValue(TARGET_VALUE).build();
        if (requested == null) {
            return base;
        }
        ExpressGatewayScalingTarget.Builder merged = base.toBuilder();
        if (requested.minTaskCount() != null) {
            merged.minTaskCount(requested.minTaskCount());
        }
        if (requested.maxTaskCount() != null) {
            merged.maxTaskCount(requested.maxTaskCount());
        }
        if (requested.autoScalingMetric() != null) {
            merged.autoScalingMetric(requested.autoScalingMetric());
        }
        if (requested.autoScalingTargetValue() != null) {
            merged.autoScalingTargetValue(requested.autoScalingTargetValue());
        }
        return merged.build();
    }
}
