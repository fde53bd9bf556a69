package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTagging;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ResourceManagementType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/**
 * ECS's service actions, as the ECS API reference describes them: CreateService (idempotent for
 * the same request, "Creation of service was not idempotent." otherwise), UpdateService,
 * DeleteService (refused while the service is scaled above 0 unless forced; DRAINING, then
 * INACTIVE), DescribeServices (with {@code include} TAGS and MISSING failures) and ListServices
 * (ACTIVE services, filtered and paged). The {@link ServiceScheduler} does the rest on the
 * clock. Services are taggable as {@code service}.
 */
public final class ServiceActions implements ActionGroup, EcsTagging.Taggable {
    static final int MAX_DESCRIBE = 10;
    static final int DEFAULT_LIST_RESULTS = 10;
    static final int MAX_LIST_RESULTS = 100;

    private final ServiceScheduler scheduler;

    public ServiceActions(ServiceScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "CreateService", CreateServiceRequest::builder, this::createService)
                .add(AwsService.ECS, "UpdateService", UpdateServiceRequest::builder, this::updateService)
                .add(AwsService.ECS, "DeleteService", DeleteServiceRequest::builder, this::deleteService)
                .add(AwsService.ECS, "DescribeServices", DescribeServicesRequest::builder, this::describeServices)
                .add(AwsService.ECS, "ListServices", ListServicesRequest::builder, this::listServices);
    }

    CreateServiceResponse createService(RequestContext context, CreateServiceRequest request) {
        AccountRegion region = context.state();
        Clusters clusters = Clusters.of(region);
        Cluster cluster = clusters.requireActive(request.cluster());
        Services services = Services.of(region);
        Optional<ServiceRecord> existing = services.find(cluster.clusterArn(), request.serviceName());
        if (existing.isPresent() && existing.get().isActive()) {
            if (!NewServices.sameRequest(existing.get().created(), request)) {
                throw EcsErrors.invalidParameter("Creation of service was not idempotent. The cluster "
                        + cluster.clusterName() + " already has an ACTIVE service " + request.serviceName()
                        + " created with other parameters: change it with UpdateService, or delete it first.");
            }
            return CreateServiceResponse.builder().service(ServiceViews.of(region, existing.get(), false)).build();
        }
        if (existing.isPresent() && ServiceRecord.DRAINING.equals(existing.get().status())) {
            throw EcsErrors.invalidParameter("Unable to Start a service that is still Draining. The service "
                    + request.serviceName() + " was deleted and its tasks are stopping; create it again once "
                    + "DescribeServices shows it INACTIVE (waitUntilServicesInactive waits for that).");
        }
        ServiceRecord record = NewServices.create(region, cluster, request, context.now());
        services.put(record);
        clusters.put(cluster.toBuilder().activeServicesCount(count(cluster.activeServicesCount()) + 1).build());
        scheduler.reconcileSoon(region, record);
        return CreateServiceResponse.builder().service(ServiceViews.of(region, record, false)).build();
    }

    UpdateServiceResponse updateService(RequestContext context, UpdateServiceRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        ServiceRecord record = require(region, cluster, request.service());
        if (!record.isActive()) {
            throw ServiceErrors.serviceNotActive(record.name(), record.status());
        }
        ServiceUpdates.apply(region, cluster, record, request, context.now());
        scheduler.reconcileSoon(region, record);
        return UpdateServiceResponse.builder().service(ServiceViews.of(region, record, false)).build();
    }

    DeleteServiceResponse deleteService(RequestContext context, DeleteServiceRequest request) {
        AccountRegion region = context.state();
        Clusters clusters = Clusters.of(region);
        Cluster cluster = clusters.requireActive(request.cluster());
        ServiceRecord record = require(region, cluster, request.service());
        if (ServiceRecord.INACTIVE.equals(record.status())) {
            throw ServiceErrors.serviceNotFound();
        }
        if (record.isActive()) {
            if (record.desiredCount() > 0 && !Boolean.TRUE.equals(request.force())) {
                throw EcsErrors.invalidParameter("The service cannot be stopped while it is scaled above 0. Update "
                        + record.name() + " to desiredCount 0 first, or delete it with force (its tasks are then stopped).");
            }
            Instant now = context.now();
            record.service(record.service().toBuilder().status(ServiceRecord.DRAINING).desiredCount(0).build());
            record.deployments().forEach(deployment -> deployment.desiredCount(0, now));
            record.taskSets().forEach(set -> set.status(TaskSetRecord.DRAINING, now));
            if (record.service().currentServiceDeployment() != null) {
                record.serviceDeployments().stop(record.service().currentServiceDeployment(),
                        "The service was deleted before this deployment finished.", now);
            }
            clusters.put(cluster.toBuilder().activeServicesCount(Math.max(0, count(cluster.activeServicesCount()) - 1))
                    .build());
            scheduler.reconcileSoon(region, record);
        }
        return DeleteServiceResponse.builder().service(ServiceViews.of(region, record, false)).build();
    }

    DescribeServicesResponse describeServices(RequestContext context, DescribeServicesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).find(request.cluster()).orElseThrow(EcsErrors::clusterNotFound);
        if (request.services().isEmpty() || request.services().size() > MAX_DESCRIBE) {
            throw EcsErrors.invalidParameter("DescribeServices takes 1 to " + MAX_DESCRIBE + " services per call, not "
                    + request.services().size() + ".");
        }
        boolean withTags = request.include().contains(ServiceField.TAGS);
        List<Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String named : request.services()) {
            find(region, cluster, named).ifPresentOrElse(
                    record -> found.add(ServiceViews.of(region, record, withTags)),
                    () -> failures.add(Failure.builder().arn(named.startsWith("arn:") ? named
                            : ServiceArns.service(region, cluster.clusterName(), named)).reason("MISSING").build()));
        }
        return DescribeServicesResponse.builder().services(found).failures(failures).build();
    }

    ListServicesResponse listServices(RequestContext context, ListServicesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        List<String> arns = new ArrayList<>();
        for (ServiceRecord record : Services.of(region).inCluster(cluster.clusterArn())) {
            Service service = record.service();
            boolean matches = record.isActive()
                    && (request.launchType() == null || request.launchType() == service.launchType())
                    && (request.schedulingStrategy() == null || request.schedulingStrategy() == service.schedulingStrategy())
                    // Express Mode's services are ECS's (ManagedServices); the rest are the customer's
                    && (request.resourceManagementType() == null
                    || request.resourceManagementType() == (service.resourceManagementType() == null
                    ? ResourceManagementType.CUSTOMER : service.resourceManagementType()));
            if (matches) {
                arns.add(record.arn());
            }
        }
        Pages.Page<String> page = Pages.page(arns, arn -> arn, request.nextToken(), request.maxResults(),
                DEFAULT_LIST_RESULTS, MAX_LIST_RESULTS, "InvalidParameterException");
        return ListServicesResponse.builder().serviceArns(page.items()).nextToken(page.nextToken()).build();
    }

    @Override
    public String resourceType() {
        return "service";
    }

    @Override
    public List<Tag> tags(RequestContext context, String arn) {
        return byArn(context, arn).service().tags();
    }

    @Override
    public void replaceTags(RequestContext context, String arn, List<Tag> tags) {
        ServiceRecord record = byArn(context, arn);
        record.service(record.service().toBuilder().tags(tags).build());
    }

    /** The service a request names in a cluster, by name or ARN, in any status. */
    static Optional<ServiceRecord> find(AccountRegion region, Cluster cluster, String named) {
        return ServiceArns.parse(region, named)
                .filter(name -> name.clusterName() == null || name.clusterName().equals(cluster.clusterName()))
                .flatMap(name -> Services.of(region).find(cluster.clusterArn(), name.serviceName()));
    }

    /** Whether a service of that name, in any status, belongs to the cluster: ListTasks' serviceName must name one. */
    public static boolean exists(AccountRegion region, String clusterArn, String serviceName) {
        return region.existingArea(Services.class).flatMap(services -> services.find(clusterArn, serviceName)).isPresent();
    }

    private static ServiceRecord require(AccountRegion region, Cluster cluster, String named) {
        return find(region, cluster, named).orElseThrow(() -> ServiceErrors.serviceNotFound());
    }

    private static ServiceRecord byArn(RequestContext context, String arn) {
        AccountRegion region = context.state();
        return ServiceArns.parse(region, arn)
                .filter(name -> name.clusterName() != null)
                .flatMap(name -> Clusters.of(region).find(name.clusterName())
                        .flatMap(cluster -> Services.of(region).find(cluster.clusterArn(), name.serviceName())))
                .filter(record -> !ServiceRecord.INACTIVE.equals(record.status()))
                .orElseThrow(() -> EcsErrors.resourceNotFound("The specified service was not found: " + arn
                        + ". Name a service that is not deleted by the ARN CreateService answered."));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
