package dev.ecslabs.emulator.ecs.cluster;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.capacity.AutoScalingCapacityProviders;
import dev.ecslabs.emulator.ecs.task.CapacityProviders;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.ecs.account.AccountSettings;
import dev.ecslabs.emulator.ecs.EcsTagging;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterServiceConnectDefaults;
import software.amazon.awssdk.services.ecs.model.ClusterServiceConnectDefaultsRequest;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsResponse;

/**
 * ECS's cluster actions, as the ECS API reference describes them: CreateCluster (idempotent for
 * an ACTIVE cluster of the same name), DescribeClusters with {@code include} and MISSING failures,
 * ListClusters with pagination, UpdateCluster, UpdateClusterSettings,
 * PutClusterCapacityProviders and DeleteCluster (the cluster stays describable as INACTIVE).
 */
public final class ClusterActions implements ActionGroup, EcsTagging.Taggable {
    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Set<String> FARGATE_CAPACITY_PROVIDERS = Set.of("FARGATE", "FARGATE_SPOT");
    private static final Set<String> CONTAINER_INSIGHTS_VALUES = Set.of("enabled", "disabled", "enhanced");
    private static final String CONTAINER_INSIGHTS = "containerInsights";

    private final ServiceConnectNamespaces namespaces;

    public ClusterActions(ServiceConnectNamespaces namespaces) {
        this.namespaces = namespaces;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "CreateCluster", CreateClusterRequest::builder, this::createCluster)
                .add(AwsService.ECS, "DescribeClusters", DescribeClustersRequest::builder, this::describeClusters)
                .add(AwsService.ECS, "ListClusters", ListClustersRequest::builder, this::listClusters)
                .add(AwsService.ECS, "UpdateCluster", UpdateClusterRequest::builder, this::updateCluster)
                .add(AwsService.ECS, "UpdateClusterSettings", UpdateClusterSettingsRequest::builder, this::updateClusterSettings)
                .add(AwsService.ECS, "PutClusterCapacityProviders", PutClusterCapacityProvidersRequest::builder, this::putClusterCapacityProviders)
                .add(AwsService.ECS, "DeleteCluster", DeleteClusterRequest::builder, this::deleteCluster);
    }

    CreateClusterResponse createCluster(RequestContext context, CreateClusterRequest request) {
        Clusters clusters = Clusters.of(context.state());
        String name = request.clusterName() == null ? Clusters.DEFAULT_NAME : request.clusterName();
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw EcsErrors.invalidParameter("Invalid cluster name '" + name + "': up to 255 letters (uppercase and "
                    + "lowercase), numbers, underscores and hyphens are allowed.");
        }
        List<Tag> tags = EcsTags.checked(request.tags());
        // A new cluster's Container Insights is the account's containerInsights setting unless the request sets it.
        String insightsDefault = AccountSettings.of(context.state()).accountValue(SettingName.CONTAINER_INSIGHTS);
        List<ClusterSetting> settings = settings(
                List.of(ClusterSetting.builder().name(CONTAINER_INSIGHTS).value(insightsDefault).build()), request.settings());
        checkCapacityProviders(context.state(), name, request.capacityProviders(), request.defaultCapacityProviderStrategy());
        var existing = clusters.find(name).filter(c -> Clusters.ACTIVE.equals(c.status()));
        if (existing.isPresent()) {
            // CreateCluster is idempotent: an ACTIVE cluster of that name is answered as it is.
            return CreateClusterResponse.builder().cluster(existing.get()).build();
        }
        clusters.makeRoomFor(name);
        Cluster.Builder cluster = Cluster.builder()
                .clusterArn(clusters.arn(name))
                .clusterName(name)
                .status(Clusters.ACTIVE)
                .registeredContainerInstancesCount(0)
                .runningTasksCount(0)
                .pendingTasksCount(0)
                .activeServicesCount(0)
                .statistics(List.of())
                .tags(tags)
                .settings(settings)
                .capacityProviders(request.capacityProviders())
                .defaultCapacityProviderStrategy(request.defaultCapacityProviderStrategy());
        if (request.configuration() != null) {
            cluster.configuration(request.configuration());
        }
        if (request.serviceConnectDefaults() != null) {
            cluster.serviceConnectDefaults(serviceConnectDefaults(context, request.serviceConnectDefaults()));
        }
        Cluster created = cluster.build();
        clusters.put(created);
        return CreateClusterResponse.builder().cluster(created).build();
    }

    DescribeClustersResponse describeClusters(RequestContext context, DescribeClustersRequest request) {
        Clusters clusters = Clusters.of(context.state());
        List<String> names = request.clusters().isEmpty() ? List.of(Clusters.DEFAULT_NAME) : request.clusters();
        if (names.size() > 100) {
            throw EcsErrors.invalidParameter("DescribeClusters takes at most 100 clusters per call, not " + names.size() + ".");
        }
        Set<ClusterField> include = Set.copyOf(request.include());
        List<Cluster> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String name : names) {
            clusters.find(name).ifPresentOrElse(
                    cluster -> found.add(view(cluster, include)),
                    () -> failures.add(Failure.builder()
                            .arn(name.startsWith("arn:") ? name : clusters.arn(name)).reason("MISSING").build()));
        }
        return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
    }

    ListClustersResponse listClusters(RequestContext context, ListClustersRequest request) {
        List<String> arns = Clusters.of(context.state()).active().stream().map(Cluster::clusterArn).toList();
        Pages.Page<String> page = Pages.page(arns, arn -> arn, request.nextToken(), request.maxResults(), 100, 100,
                "InvalidParameterException");
        return ListClustersResponse.builder().clusterArns(page.items()).nextToken(page.nextToken()).build();
    }

    UpdateClusterResponse updateCluster(RequestContext context, UpdateClusterRequest request) {
        Clusters clusters = Clusters.of(context.state());
        Cluster cluster = clusters.requireActive(request.cluster());
        Cluster.Builder updated = cluster.toBuilder().settings(settings(cluster.settings(), request.settings()));
        if (request.configuration() != null) {
            updated.configuration(request.configuration());
        }
        if (request.serviceConnectDefaults() != null) {
            updated.serviceConnectDefaults(serviceConnectDefaults(context, request.serviceConnectDefaults()));
        }
        Cluster result = updated.build();
        clusters.put(result);
        return UpdateClusterResponse.builder().cluster(result).build();
    }

    UpdateClusterSettingsResponse updateClusterSettings(RequestContext context, UpdateClusterSettingsRequest request) {
        Clusters clusters = Clusters.of(context.state());
        Cluster cluster = clusters.requireActive(request.cluster());
        Cluster result = cluster.toBuilder().settings(settings(cluster.settings(), request.settings())).build();
        clusters.put(result);
        return UpdateClusterSettingsResponse.builder().cluster(result).build();
    }

    PutClusterCapacityProvidersResponse putClusterCapacityProviders(RequestContext context,
                                                                    PutClusterCapacityProvidersRequest request) {
        Clusters clusters = Clusters.of(context.state());
        Cluster cluster = clusters.requireActive(request.cluster());
        checkCapacityProviders(context.state(), cluster.clusterName(), request.capacityProviders(),
                request.defaultCapacityProviderStrategy());
        for (String removed : cluster.capacityProviders()) {
            boolean inUse = Tasks.of(context.state()).inCluster(cluster.clusterArn()).stream()
                    .anyMatch(run -> removed.equals(run.task().capacityProviderName()) && !"STOPPED".equals(run.task().lastStatus()));
            if (!request.capacityProviders().contains(removed) && inUse) {
                throw new AwsException("ResourceInUseException", "The specified capacity provider " + removed + " is in use "
                        + "and cannot be removed: tasks of the cluster still run on it. Move or stop them first.");
            }
        }
        Cluster result = cluster.toBuilder()
                .capacityProviders(request.capacityProviders())
                .defaultCapacityProviderStrategy(request.defaultCapacityProviderStrategy())
                .build();
        clusters.put(result);
        return PutClusterCapacityProvidersResponse.builder().cluster(result).build();
    }

    DeleteClusterResponse deleteCluster(RequestContext context, DeleteClusterRequest request) {
        Clusters clusters = Clusters.of(context.state());
        Cluster cluster = clusters.requireActive(request.cluster());
        if (count(cluster.activeServicesCount()) > 0) {
            throw new AwsException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are "
                    + "active. " + cluster.clusterName() + " has " + cluster.activeServicesCount() + " ACTIVE service(s): "
                    + "scale each to desiredCount 0 and delete it (DeleteService), then delete the cluster.");
        }
        int tasks = count(cluster.runningTasksCount()) + count(cluster.pendingTasksCount());
        if (tasks > 0) {
            throw new AwsException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active. "
                    + cluster.clusterName() + " has " + tasks + " task(s) that are not STOPPED yet: stop them (StopTask) and "
                    + "wait until they are STOPPED, then delete the cluster.");
        }
        Cluster inactive = cluster.toBuilder().status(Clusters.INACTIVE).build();
        clusters.put(inactive);
        return DeleteClusterResponse.builder().cluster(inactive).build();
    }

    @Override
    public String resourceType() {
        return "cluster";
    }

    @Override
    public List<Tag> tags(RequestContext context, String arn) {
        return Clusters.of(context.state()).requireActive(arn).tags();
    }

    @Override
    public void replaceTags(RequestContext context, String arn, List<Tag> tags) {
        Clusters clusters = Clusters.of(context.state());
        clusters.put(clusters.requireActive(arn).toBuilder().tags(tags).build());
    }

    /** DescribeClusters shows tags, settings, statistics, configuration and attachments only when asked to. */
    private static Cluster view(Cluster cluster, Set<ClusterField> include) {
        Cluster.Builder view = cluster.toBuilder();
        if (!include.contains(ClusterField.TAGS)) {
            view.tags((List<Tag>) null);
        }
        if (!include.contains(ClusterField.SETTINGS)) {
            view.settings((List<ClusterSetting>) null);
        }
        if (!include.contains(ClusterField.STATISTICS)) {
            view.statistics((List<KeyValuePair>) null);
        } else {
            view.statistics(statistics(cluster));
        }
        if (!include.contains(ClusterField.CONFIGURATIONS)) {
            view.configuration((software.amazon.awssdk.services.ecs.model.ClusterConfiguration) null);
        }
        if (!include.contains(ClusterField.ATTACHMENTS)) {
            view.attachments((List<software.amazon.awssdk.services.ecs.model.Attachment>) null);
        }
        return view.build();
    }

    private static List<KeyValuePair> statistics(Cluster cluster) {
        return List.of(
                stat("runningEC2TasksCount", 0),
                stat("runningFargateTasksCount", cluster.runningTasksCount()),
                stat("pendingEC2TasksCount", 0),
                stat("pendingFargateTasksCount", cluster.pendingTasksCount()),
                stat("activeEC2ServiceCount", 0),
                stat("activeFargateServiceCount", cluster.activeServicesCount()),
                stat("drainingEC2ServiceCount", 0),
                stat("drainingFargateServiceCount", 0));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static KeyValuePair stat(String name, Integer value) {
        return KeyValuePair.builder().name(name).value(String.valueOf(value == null ? 0 : value)).build();
    }

    /** The cluster's settings with the requested ones applied; Container Insights is off unless turned on. */
    private static List<ClusterSetting> settings(List<ClusterSetting> current, List<ClusterSetting> requested) {
        String insights = current.stream().filter(s -> CONTAINER_INSIGHTS.equals(s.nameAsString()))
                .map(ClusterSetting::value).findFirst().orElse("disabled");
        for (ClusterSetting setting : requested) {
            if (!CONTAINER_INSIGHTS.equals(setting.nameAsString())) {
                throw EcsErrors.invalidParameter("Unknown cluster setting '" + setting.nameAsString()
                        + "': the only cluster setting is containerInsights.");
            }
            if (setting.value() == null || !CONTAINER_INSIGHTS_VALUES.contains(setting.value())) {
                throw EcsErrors.invalidParameter("containerInsights must be enabled, disabled or enhanced, not '"
                        + setting.value() + "'.");
            }
            insights = setting.value();
        }
        return List.of(ClusterSetting.builder().name(CONTAINER_INSIGHTS).value(insights).build());
    }

    /**
     * The cluster's capacity providers: FARGATE, FARGATE_SPOT and ACTIVE Auto Scaling group providers
     * associated with no other cluster ("the capacity provider must be created but not associated
     * with another cluster", PutClusterCapacityProviders); the default strategy uses only them, one kind at a time.
     */
    private static void checkCapacityProviders(AccountRegion region, String clusterName, List<String> providers,
                                               List<CapacityProviderStrategyItem> strategy) {
        for (String provider : providers) {
            if (FARGATE_CAPACITY_PROVIDERS.contains(provider)) {
                continue;
            }
            if (AutoScalingCapacityProviders.of(region).active(provider).isEmpty()) {
                throw EcsErrors.invalidParameter("The capacity provider '" + provider + "' does not exist. Use FARGATE, "
                        + "FARGATE_SPOT, or an Auto Scaling group capacity provider made with CreateCapacityProvider.");
            }
            AutoScalingCapacityProviders.clusterOf(region, provider).filter(c -> !c.clusterName().equals(clusterName))
                    .ifPresent(other -> {
                        throw EcsErrors.invalidParameter("The capacity provider " + provider + " is already associated with "
                                + "the cluster " + other.clusterName() + "; an Auto Scaling group capacity provider belongs "
                                + "to one cluster at a time.");
                    });
        }
        CapacityProviders.checkNotMixed(strategy);
        int withBase = 0;
        for (CapacityProviderStrategyItem item : strategy) {
            if (!providers.contains(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The specified capacity provider strategy cannot contain a capacity "
                        + "provider that is not associated with the cluster. Associate '" + item.capacityProvider()
                        + "' with the cluster (capacityProviders) or leave it out of the strategy.");
            }
            if (item.base() != null && item.base() > 0) {
                withBase++;
            }
        }
        if (withBase > 1) {
            throw EcsErrors.invalidParameter("Only one capacity provider in a capacity provider strategy can have a base defined.");
        }
    }

    private ClusterServiceConnectDefaults serviceConnectDefaults(RequestContext context,
                                                                 ClusterServiceConnectDefaultsRequest request) {
        if (request.namespace() == null || request.namespace().isBlank()) {
            throw EcsErrors.invalidParameter("serviceConnectDefaults.namespace must name a Cloud Map namespace by name or ARN.");
        }
        return ClusterServiceConnectDefaults.builder()
                .namespace(namespaces.namespaceArn(context, request.namespace())).build();
    }
}
