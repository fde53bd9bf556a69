package dev.ecslabs.emulator.ecs.instance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.AgentUpdateStatus;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InstanceHealthCheckState;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.model.UpdateContainerAgentRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerAgentResponse;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateResponse;
import software.amazon.awssdk.services.ecs.model.VersionInfo;

/**
 * ECS's container instance actions, as the ECS API reference describes them: RegisterContainerInstance
 * (what the container agent calls, with the EC2 instance identity document), DeregisterContainerInstance
 * ({@code force} for an instance with tasks), ListContainerInstances (cluster query language
 * {@code filter}, {@code status}), DescribeContainerInstances (remaining resources read from the tasks),
 * UpdateContainerInstancesState (ACTIVE, DRAINING: the service tasks on it are stopped so that their
 * services replace them elsewhere) and UpdateContainerAgent
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterContainerInstance.html and its siblings).
 */
public final class ContainerInstanceActions implements ActionGroup {
    static final int MAX_DESCRIBE = 100;
    static final int MAX_UPDATE_STATE = 10;
    static final int MAX_RESULTS = 100;
    /** How long the simulated agent takes to update itself after UpdateContainerAgent. */
    static final Duration AGENT_UPDATE_TIME = Duration.ofSeconds(60);
    /** The stoppedReason of a service task stopped because its instance is DRAINING. */
    public static final String DRAINING_REASON = "Container instance is DRAINING: the service scheduler replaces the task "
            + "on another container instance.";
    static final String FORCED_REASON = "The container instance was deregistered with force.";

    private final Fargate capacity;
    private final Consumer<AccountRegion> instancesChanged;

    /** Tasks stop on {@code capacity}; {@code instancesChanged} hears of every instance joining, leaving or changing state. */
    public ContainerInstanceActions(Fargate capacity, Consumer<AccountRegion> instancesChanged) {
        this.capacity = capacity;
        this.instancesChanged = instancesChanged;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "RegisterContainerInstance", RegisterContainerInstanceRequest::builder, this::registerContainerInstance)
                .add(AwsService.ECS, "DeregisterContainerInstance", DeregisterContainerInstanceRequest::builder, this::deregisterContainerInstance)
                .add(AwsService.ECS, "ListContainerInstances", ListContainerInstancesRequest::builder, this::listContainerInstances)
                .add(AwsService.ECS, "DescribeContainerInstances", DescribeContainerInstancesRequest::builder, this::describeContainerInstances)
                .add(AwsService.ECS, "UpdateContainerInstancesState", UpdateContainerInstancesStateRequest::builder, this::updateContainerInstancesState)
                .add(AwsService.ECS, "UpdateContainerAgent", UpdateContainerAgentRequest::builder, this::updateContainerAgent);
    }

    RegisterContainerInstanceResponse registerContainerInstance(RequestContext context, RegisterContainerInstanceRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        JsonNode document = identityDocument(request.instanceIdentityDocument());
        String ec2InstanceId = document.path("instanceId").asText();
        String typeName = document.path("instanceType").asText();
        Optional<InstanceTypes.InstanceType> type = InstanceTypes.find(typeName);
        List<software.amazon.awssdk.services.ecs.model.Resource> resources = request.totalResources();
        if (resources.isEmpty()) {
            // Without totalResources, what the instance type has (the agent always sends them).
            resources = type.map(InstanceRegistrations::resources).orElseThrow(() -> EcsErrors.invalidParameter(
                    "totalResources is required for the instance type '" + typeName + "': give the instance's CPU, MEMORY, "
                            + "PORTS and PORTS_UDP as the container agent does."));
        }
        List<Tag> tags = EcsTags.checked(request.tags());
        Map<String, String> ecs = new LinkedHashMap<>();
        ecs.put("ecs.instance-type", typeName);
        ecs.put("ecs.ami-id", document.path("imageId").asText());
        ecs.put("ecs.availability-zone", document.path("availabilityZone").asText());
        ecs.put("ecs.os-type", "linux");
        ecs.put("ecs.os-family", "LINUX");
        ecs.put("ecs.cpu-architecture", "arm64".equals(document.path("architecture").asText()) ? "arm64" : "x86_64");
        Optional<ContainerInstance> previous = request.containerInstanceArn() == null ? Optional.empty()
                : ContainerInstances.of(region).find(cluster.clusterName(), request.containerInstanceArn());
        ContainerInstances.of(region).byEc2Instance(cluster.clusterName(), ec2InstanceId).or(() -> previous).ifPresent(old -> {
            // One registration per EC2 instance and cluster; re-registering in place is not modelled.
            throw new AwsException("ClientException", "The EC2 instance " + ec2InstanceId + " is already registered with "
                    + "the cluster as " + old.containerInstanceArn() + ". Deregister it first.");
        });
        VersionInfo versions = request.versionInfo() == null ? VersionInfo.builder().agentVersion(InstanceRegistrations.AGENT_VERSION)
                .agentHash(InstanceRegistrations.AGENT_HASH).dockerVersion(InstanceRegistrations.DOCKER_VERSION).build()
                : request.versionInfo();
        ContainerInstance registered = InstanceRegistrations.register(region, cluster, ec2InstanceId, resources, versions, ecs,
                request.attributes(), tags, null);
        instancesChanged.accept(region);
        return RegisterContainerInstanceResponse.builder().containerInstance(ContainerInstanceViews.view(region, registered)).build();
    }

    DeregisterContainerInstanceResponse deregisterContainerInstance(RequestContext context, DeregisterContainerInstanceRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        ContainerInstance instance = require(region, cluster, request.containerInstance());
        List<Task> tasks = ContainerInstanceViews.tasksOn(region, instance).stream()
                .filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
        if (!tasks.isEmpty() && !Boolean.TRUE.equals(request.force())) {
            throw EcsErrors.invalidParameter("The container instance has " + tasks.size() + " tasks running. Stop them, or "
                    + "deregister it with force (its service tasks are then started again elsewhere).");
        }
        for (Task task : tasks) {
            capacity.stop(region, task.taskArn(), TaskStopCode.USER_INITIATED, FORCED_REASON);
        }
        ContainerInstance inactive = instance.toBuilder().status(ContainerInstances.INACTIVE).agentConnected(false).build();
        ContainerInstances.of(region).put(inactive);
        InstanceRegistrations.countInCluster(region, cluster.clusterName());
        instancesChanged.accept(region);
        return DeregisterContainerInstanceResponse.builder().containerInstance(ContainerInstanceViews.view(region, inactive)).build();
    }

    ListContainerInstancesResponse listContainerInstances(RequestContext context, ListContainerInstancesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        Predicate<ClusterQuery.Target> filter = request.filter() == null || request.filter().isBlank() ? t -> true
                : ClusterQuery.parse(request.filter());
        List<String> arns = new ArrayList<>();
        for (ContainerInstance instance : ContainerInstances.of(region).inCluster(cluster.clusterName())) {
            if (request.status() != null && !request.statusAsString().equals(instance.status())) {
                continue;
            }
            if (filter.test(QueryTargets.of(region, instance))) {
                arns.add(instance.containerInstanceArn());
            }
        }
        Pages.Page<String> page = Pages.page(arns, arn -> arn, request.nextToken(), request.maxResults(), MAX_RESULTS,
                MAX_RESULTS, "InvalidParameterException");
        return ListContainerInstancesResponse.builder().containerInstanceArns(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeContainerInstancesResponse describeContainerInstances(RequestContext context, DescribeContainerInstancesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        if (request.containerInstances().isEmpty() || request.containerInstances().size() > MAX_DESCRIBE) {
            throw EcsErrors.invalidParameter("DescribeContainerInstances takes 1 to " + MAX_DESCRIBE
                    + " container instances, by id or ARN, not " + request.containerInstances().size() + ".");
        }
        Set<ContainerInstanceField> include = Set.copyOf(request.include());
        List<ContainerInstance> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        ContainerInstances instances = ContainerInstances.of(region);
        for (String named : request.containerInstances()) {
            instances.find(cluster.clusterName(), named).ifPresentOrElse(instance -> {
                ContainerInstance.Builder view = ContainerInstanceViews.view(region, instance).toBuilder();
                if (!include.contains(ContainerInstanceField.TAGS)) {
                    view.tags((List<Tag>) null);
                }
                if (include.contains(ContainerInstanceField.CONTAINER_INSTANCE_HEALTH)) {
                    view.healthStatus(h -> h.overallStatus(InstanceHealthCheckState.OK));
                }
                found.add(view.build());
            }, () -> failures.add(Failure.builder().arn(named.startsWith("arn:") ? named
                    : instances.arn(cluster.clusterName(), named)).reason("MISSING").build()));
        }
        return DescribeContainerInstancesResponse.builder().containerInstances(found).failures(failures).build();
    }

    UpdateContainerInstancesStateResponse updateContainerInstancesState(RequestContext context,
                                                                        UpdateContainerInstancesStateRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        if (request.status() != ContainerInstanceStatus.ACTIVE && request.status() != ContainerInstanceStatus.DRAINING) {
            throw EcsErrors.invalidParameter("status must be ACTIVE or DRAINING, not " + request.statusAsString() + ".");
        }
        if (request.containerInstances().isEmpty() || request.containerInstances().size() > MAX_UPDATE_STATE) {
            throw EcsErrors.invalidParameter("UpdateContainerInstancesState takes 1 to " + MAX_UPDATE_STATE
                    + " container instances, not " + request.containerInstances().size() + ".");
        }
        List<ContainerInstance> updated = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        ContainerInstances instances = ContainerInstances.of(region);
        for (String named : request.containerInstances()) {
            Optional<ContainerInstance> found = instances.find(cluster.clusterName(), named)
                    .filter(i -> !ContainerInstances.INACTIVE.equals(i.status()));
            if (found.isEmpty()) {
                failures.add(Failure.builder().arn(named.startsWith("arn:") ? named : instances.arn(cluster.clusterName(), named))
                        .reason("MISSING").build());
                continue;
            }
            ContainerInstance changed = found.get().toBuilder().status(request.statusAsString())
                    .version(found.get().version() + 1).build();
            instances.put(changed);
            if (request.status() == ContainerInstanceStatus.DRAINING) {
                drain(region, changed);
            }
            updated.add(ContainerInstanceViews.view(region, changed));
        }
        instancesChanged.accept(region);
        return UpdateContainerInstancesStateResponse.builder().containerInstances(updated).failures(failures).build();
    }

    UpdateContainerAgentResponse updateContainerAgent(RequestContext context, UpdateContainerAgentRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        ContainerInstance instance = require(region, cluster, request.containerInstance());
        AgentUpdateStatus status = instance.agentUpdateStatus();
        if (status != null && status != AgentUpdateStatus.UPDATED && status != AgentUpdateStatus.FAILED) {
            throw new AwsException("UpdateInProgressException", "There's already an update in progress for the container "
                    + "agent on " + instance.containerInstanceArn() + " (" + status + "); wait for it to finish.");
        }
        if (instance.versionInfo() == null || instance.versionInfo().agentVersion() == null) {
            throw new AwsException("MissingVersionException", "Amazon ECS can't determine the current version of the "
                    + "Amazon ECS container agent on the container instance.");
        }
        if (InstanceRegistrations.AGENT_VERSION.equals(instance.versionInfo().agentVersion())) {
            throw new AwsException("NoUpdateAvailableException", "There's no update available for this Amazon ECS container "
                    + "agent: it runs " + InstanceRegistrations.AGENT_VERSION + ", the latest.");
        }
        ContainerInstance pending = instance.toBuilder().agentUpdateStatus(AgentUpdateStatus.PENDING)
                .version(instance.version() + 1).build();
        ContainerInstances.of(region).put(pending);
        scheduleAgentUpdate(region, pending);
        return UpdateContainerAgentResponse.builder().containerInstance(ContainerInstanceViews.view(region, pending)).build();
    }

    /** Finishes the agent updates a restart interrupted. */
    public static void resume(AccountRegion region) {
        region.locked(() -> region.existingArea(ContainerInstances.class).ifPresent(instances -> Clusters.of(region).active()
                .forEach(cluster -> instances.inCluster(cluster.clusterName()).stream()
                        .filter(i -> i.agentUpdateStatus() == AgentUpdateStatus.PENDING)
                        .forEach(i -> scheduleAgentUpdate(region, i)))));
    }

    private static void scheduleAgentUpdate(AccountRegion region, ContainerInstance instance) {
        String clusterName = ContainerInstances.clusterNameOf(instance);
        region.schedule(AGENT_UPDATE_TIME, () -> region.locked(() -> {
            ContainerInstances instances = ContainerInstances.of(region);
            instances.find(clusterName, instance.containerInstanceArn())
                    .filter(i -> i.agentUpdateStatus() == AgentUpdateStatus.PENDING)
                    .ifPresent(i -> instances.put(i.toBuilder().agentUpdateStatus(AgentUpdateStatus.UPDATED)
                            .versionInfo(i.versionInfo().toBuilder().agentVersion(InstanceRegistrations.AGENT_VERSION)
                                    .agentHash(InstanceRegistrations.AGENT_HASH).build())
                            .version(i.version() + 1).build()));
        }));
    }

    /**
     * DRAINING: "Service tasks on the container instance that are in the RUNNING state are stopped
     * and replaced"; standalone tasks go on (API_UpdateContainerInstancesState).
     */
    private void drain(AccountRegion region, ContainerInstance instance) {
        for (Task task : ContainerInstanceViews.tasksOn(region, instance)) {
            if (task.group() != null && task.group().startsWith("service:") && "RUNNING".equals(task.desiredStatus())) {
                capacity.stop(region, task.taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED, DRAINING_REASON);
            }
        }
    }

    static ContainerInstance require(AccountRegion region, Cluster cluster, String named) {
        return ContainerInstances.of(region).find(cluster.clusterName(), named)
                .filter(i -> !ContainerInstances.INACTIVE.equals(i.status()))
                .orElseThrow(() -> EcsErrors.invalidParameter("The referenced container instance " + named + " was not "
                        + "found in the cluster " + cluster.clusterName() + ". ListContainerInstances shows its instances."));
    }

    private static JsonNode identityDocument(String document) {
        try {
            JsonNode json = AwsJsonCodec.MAPPER.readTree(document == null ? "" : document);
            if (json == null || !json.path("instanceId").isTextual() || !json.path("instanceType").isTextual()) {
                throw new IllegalArgumentException();
            }
            return json;
        } catch (Exception e) {
            throw EcsErrors.invalidParameter("instanceIdentityDocument must be the EC2 instance identity document (JSON "
                    + "with instanceId, instanceType, availabilityZone, imageId), as the instance's metadata service gives it.");
        }
    }
}
