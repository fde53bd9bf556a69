package dev.ecslabs.emulator.ecs.express;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.service.ManagedServices;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceInclude;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceNetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceStatusCode;
import software.amazon.awssdk.services.ecs.model.IngressPathSummary;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdatedExpressGatewayService;

/**
 * ECS Express Mode: Create/Describe/Update/DeleteExpressGatewayService. An Express service is an
 * ECS service (Fargate, awsvpc, behind the shared load balancer's rule for its own host name,
 * scaled by a target-tracking policy) that ECS manages; Create makes all of it (and the default
 * cluster if there is none), Update registers a new task definition revision and deploys it when
 * the container, CPU, memory, roles or network change, and changes the health check and scaling in
 * place; Delete deletes the service (DRAINING, then INACTIVE) and what was made for it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html).
 */
public final class ExpressGatewayActions implements ActionGroup {
    private final OnBehalf calls;
    private final ManagedResources resources;

    public ExpressGatewayActions(OperationTable table) {
        this.calls = new OnBehalf(table);
        this.resources = new ManagedResources(calls);
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "CreateExpressGatewayService", CreateExpressGatewayServiceRequest::builder,
                        this::createExpressGatewayService)
                .add(AwsService.ECS, "DescribeExpressGatewayService", DescribeExpressGatewayServiceRequest::builder,
                        this::describeExpressGatewayService)
                .add(AwsService.ECS, "UpdateExpressGatewayService", UpdateExpressGatewayServiceRequest::builder,
                        this::updateExpressGatewayService)
                .add(AwsService.ECS, "DeleteExpressGatewayService", DeleteExpressGatewayServiceRequest::builder,
                        this::deleteExpressGatewayService)
                .servedWithin(AwsService.ECS, "CreateExpressGatewayService", "the service, its task definition, a "
                        + "target group and host-header rule on an Application Load Balancer shared by the account-region's "
                        + "Express services, and a target-tracking scaling policy; the listener is HTTP:80 (no ACM "
                        + "certificate), no security groups, log group or metric alarms are made, the deployment is a "
                        + "rolling one (not canary), and the task count bounds default to 1 to 20 (undocumented).");
    }

    CreateExpressGatewayServiceResponse createExpressGatewayService(RequestContext context,
                                                                    CreateExpressGatewayServiceRequest request) {
        AccountRegion region = context.state();
        String clusterName = request.cluster() == null ? ExpressDefaults.CLUSTER : request.cluster();
        if (ExpressDefaults.CLUSTER.equals(clusterName) && Clusters.of(region).find(clusterName).isEmpty()) {
            // "The ECS default cluster (if it does not already exist) with Fargate capacity providers"
            calls.call(context, AwsService.ECS, "CreateCluster", CreateClusterRequest.builder().clusterName(clusterName)
                    .capacityProviders("FARGATE", "FARGATE_SPOT").build());
        }
        String cluster = Clusters.of(region).requireActive(clusterName).clusterName();
        String serviceName = request.serviceName() != null ? request.serviceName()
                : "express-" + Long.toHexString(ThreadLocalRandom.current().nextLong()).substring(0, 8);
        Instant now = context.now();
        ExpressGatewayServiceConfiguration configuration = ExpressDefaults.configuration(request, now);
        List<Tag> tags = request.hasTags() ? request.tags() : List.of();

        boolean taken = calls.<DescribeServicesRequest, DescribeServicesResponse>call(context, AwsService.ECS,
                "DescribeServices", DescribeServicesRequest.builder().cluster(cluster).services(serviceName).build())
                .services().stream().anyMatch(existing -> !"INACTIVE".equals(existing.status()));
        if (taken) {
            throw EcsErrors.invalidParameter("The cluster " + cluster + " already has a service named " + serviceName
                    + ": choose another serviceName, or update that Express service (UpdateExpressGatewayService).");
        }
        // The task definition first: its checks (CPU and memory together, the image) come before anything else is made.
        String taskDefinition = ExpressTaskDefinitions.register(calls, context, serviceName, configuration);
        boolean sharedExisted = ExpressServices.of(region).values().stream().anyMatch(e -> e.managed().loadBalancerArn() != null);
        ExpressService.Managed managed = resources.sharedLoadBalancer(context);
        managed = resources.routeTo(context, managed, serviceName, configuration.primaryContainer().containerPort(),
                configuration.healthCheckPath());
        Service service;
        try {
            CreateServiceResponse created = calls.call(context, AwsService.ECS, "CreateService", CreateServiceRequest.builder()
                    .cluster(cluster).serviceName(serviceName).taskDefinition(taskDefinition)
                    .desiredCount(configuration.scalingTarget().minTaskCount()).launchType(LaunchType.FARGATE)
                    .networkConfiguration(network(configuration.networkConfiguration()))
                    .loadBalancers(loadBalancer(managed, configuration)).tags(tags).build());
            service = created.service();
        } catch (AwsException refused) {
            // A refused service (a subnet that does not exist, say) leaves nothing behind but its task definition.
            resources.remove(context, new ExpressService(null, cluster, serviceName, null, List.of(configuration), tags, now,
                    now, managed), !sharedExisted);
            throw refused;
        }
        managed = resources.scale(context, managed, cluster, serviceName, configuration.scalingTarget());
        ManagedServices.mark(region, service.clusterArn(), serviceName, ExpressDefaults.managedResources(managed,
                configuration, now));
        ExpressService express = new ExpressService(service.serviceArn(), cluster, serviceName,
                request.infrastructureRoleArn(), List.of(configuration), tags, now, now, managed);
        ExpressServices.of(region).put(service.serviceArn(), express);
        return CreateExpressGatewayServiceResponse.builder().service(view(context, express, true)).build();
    }

    DescribeExpressGatewayServiceResponse describeExpressGatewayService(RequestContext context,
                                                                        DescribeExpressGatewayServiceRequest request) {
        ExpressService express = ExpressServices.of(context.state()).get(request.serviceArn())
                .orElseThrow(() -> EcsErrors.resourceNotFound("The Express service " + request.serviceArn() + " was not "
                        + "found. Name it by the serviceArn CreateExpressGatewayService answered."));
        boolean withTags = request.include().contains(ExpressGatewayServiceInclude.TAGS);
        return DescribeExpressGatewayServiceResponse.builder().service(view(context, express, withTags)).build();
    }

    UpdateExpressGatewayServiceResponse updateExpressGatewayService(RequestContext context,
                                                                    UpdateExpressGatewayServiceRequest request) {
        ExpressService express = active(context, request.serviceArn());
        Instant now = context.now();
        ExpressGatewayServiceConfiguration current = express.current();
        ExpressGatewayServiceConfiguration target = ExpressDefaults.updated(current, request, now);
        ExpressService.Managed managed = express.managed();
        if (!Objects.equals(target.healthCheckPath(), current.healthCheckPath())) {
            resources.healthCheckPath(context, managed, target.healthCheckPath());
        }
        if (ExpressDefaults.needsNewRevision(current, target)) {
            String taskDefinition = ExpressTaskDefinitions.register(calls, context, express.serviceName(), target);
            calls.call(context, AwsService.ECS, "UpdateService", UpdateServiceRequest.builder().cluster(express.cluster())
                    .service(express.serviceName()).taskDefinition(taskDefinition)
                    .networkConfiguration(network(target.networkConfiguration()))
                    .loadBalancers(loadBalancer(managed, target)).build());
        }
        if (!Objects.equals(target.scalingTarget(), current.scalingTarget())) {
            managed = resources.scale(context, managed, express.cluster(), express.serviceName(), target.scalingTarget());
            // The service's task count moves into the new bounds at once, as a scaling activity would move it.
            int desired = service(context, express).orElseThrow().desiredCount();
            int bounded = Math.max(target.scalingTarget().minTaskCount(), Math.min(target.scalingTarget().maxTaskCount(), desired));
            if (bounded != desired) {
                calls.call(context, AwsService.ECS, "UpdateService", UpdateServiceRequest.builder().cluster(express.cluster())
                        .service(express.serviceName()).desiredCount(bounded).build());
            }
        }
        Service service = service(context, express).orElseThrow();
        ManagedServices.mark(context.state(), service.clusterArn(), express.serviceName(),
                ExpressDefaults.managedResources(managed, target, now));
        List<ExpressGatewayServiceConfiguration> configurations = new ArrayList<>();
        configurations.add(target.toBuilder().serviceRevisionArn(revisionOf(service)).build());
        configurations.addAll(express.configurations());
        ExpressService updated = new ExpressService(express.serviceArn(), express.cluster(), express.serviceName(),
                express.infrastructureRoleArn(), List.copyOf(configurations), express.tags(), express.createdAt(), now, managed);
        ExpressServices.of(context.state()).put(express.serviceArn(), updated);
        return UpdateExpressGatewayServiceResponse.builder().service(UpdatedExpressGatewayService.builder()
                .serviceArn(updated.serviceArn()).cluster(updated.cluster()).serviceName(updated.serviceName())
                .status(s -> s.statusCode(statusOf(service)))
                .targetConfiguration(updated.current()).createdAt(updated.createdAt()).updatedAt(now).build()).build();
    }

    DeleteExpressGatewayServiceResponse deleteExpressGatewayService(RequestContext context,
                                                                    DeleteExpressGatewayServiceRequest request) {
        ExpressService express = active(context, request.serviceArn());
        calls.call(context, AwsService.ECS, "DeleteService", DeleteServiceRequest.builder().cluster(express.cluster())
                .service(express.serviceName()).force(true).build());
        ExpressServices services = ExpressServices.of(context.state());
        boolean last = services.values().stream().noneMatch(other -> !other.serviceArn().equals(express.serviceArn())
                && other.managed().loadBalancerArn() != null);
        resources.remove(context, express, last);
        ExpressService deleted = new ExpressService(express.serviceArn(), express.cluster(), express.serviceName(),
                express.infrastructureRoleArn(), express.configurations(), express.tags(), express.createdAt(), context.now(),
                new ExpressService.Managed(null, null, null, null, null, null, null, express.managed().endpoint()));
        services.put(express.serviceArn(), deleted);
        return DeleteExpressGatewayServiceResponse.builder().service(view(context, deleted, false)).build();
    }

    /** The Express service as the actions answer it: its ECS service's status, current deployment and revision. */
    private ECSExpressGatewayService view(RequestContext context, ExpressService express, boolean withTags) {
        Optional<Service> service = service(context, express);
        List<ExpressGatewayServiceConfiguration> active = List.of(express.current().toBuilder()
                .serviceRevisionArn(service.map(ExpressGatewayActions::revisionOf).orElse(express.current().serviceRevisionArn()))
                .ingressPaths(IngressPathSummary.builder().accessType("PUBLIC").endpoint(express.managed().endpoint()).build())
                .build());
        ECSExpressGatewayService.Builder view = ECSExpressGatewayService.builder()
                .cluster(express.cluster()).serviceName(express.serviceName()).serviceArn(express.serviceArn())
                .infrastructureRoleArn(express.infrastructureRoleArn())
                .status(s -> s.statusCode(service.map(ExpressGatewayActions::statusOf).orElse(ExpressGatewayServiceStatusCode.INACTIVE)))
                .currentDeployment(service.map(Service::currentServiceDeployment).orElse(null))
                .activeConfigurations(active).createdAt(express.createdAt()).updatedAt(express.updatedAt());
        if (withTags) {
            view.tags(express.tags());
        }
        return view.build();
    }

    private Optional<Service> service(RequestContext context, ExpressService express) {
        if (Clusters.of(context.state()).find(express.cluster()).isEmpty()) {
            return Optional.empty();
        }
        DescribeServicesResponse described = calls.call(context, AwsService.ECS, "DescribeServices",
                DescribeServicesRequest.builder().cluster(express.cluster()).services(express.serviceArn()).build());
        return described.services().stream().findFirst();
    }

    /** The Express service a request names, whose ECS service is still ACTIVE. */
    private ExpressService active(RequestContext context, String serviceArn) {
        ExpressService express = ExpressServices.of(context.state()).get(serviceArn)
                .orElseThrow(() -> new AwsException("ServiceNotFoundException", "Service not found. No Express service "
                        + serviceArn + " exists; name it by the serviceArn CreateExpressGatewayService answered."));
        Service service = service(context, express).orElseThrow(() -> new AwsException("ServiceNotFoundException",
                "Service not found: the cluster of " + serviceArn + " is gone."));
        if (!"ACTIVE".equals(service.status())) {
            throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE. " + express.serviceName() + " is "
                    + service.status() + " since it was deleted; create a new Express service instead.");
        }
        return express;
    }

    private static ExpressGatewayServiceStatusCode statusOf(Service service) {
        return ExpressGatewayServiceStatusCode.fromValue(service.status());
    }

    private static String revisionOf(Service service) {
        return service.currentServiceRevisions().isEmpty() ? null : service.currentServiceRevisions().get(0).arn();
    }

    private static NetworkConfiguration network(ExpressGatewayServiceNetworkConfiguration network) {
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a.subnets(network.subnets())
                .securityGroups(network.securityGroups())).build();
    }

    private static LoadBalancer loadBalancer(ExpressService.Managed managed, ExpressGatewayServiceConfiguration configuration) {
        ExpressGatewayContainer container = configuration.primaryContainer();
        return LoadBalancer.builder().targetGroupArn(managed.targetGroupArn()).containerName(ExpressDefaults.CONTAINER_NAME)
                .containerPort(container.containerPort()).build();
    }
}
