package dev.ecslabs.emulator.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.PersistentArea;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS services of one account and region, by cluster and name: ACTIVE ones, DRAINING ones
 * whose tasks are stopping, and INACTIVE ones, which stay describable until a service of the
 * same name is created again. The area survives a restart; once every area is restored,
 * {@link ServiceScheduler#resume} reconciles every service that is not INACTIVE, which works out
 * all it waits for from the state of its tasks.
 */
public final class Services implements PersistentArea {
    private static final String SERVICE_GROUP_PREFIX = "service:";

    /**
     * The service and deployment a task was started for, and the service revision that
     * deployment runs: its {@code serviceRegistries} (Cloud Map) and
     * {@code serviceConnectConfiguration} (Service Connect) say where the task is registered.
     */
    public record ServiceTask(String serviceArn, String serviceName, String clusterArn, String deploymentId,
                              ServiceRevision revision) {
    }

    /**
     * A service as other areas read it: its identity, its status and the revisions its live
     * deployments run, PRIMARY first (Service Connect reads the namespaces and endpoints there).
     */
    public record ServiceSummary(String serviceArn, String serviceName, String clusterArn, String status,
                                 List<ServiceRevision> deployments) {

        public boolean isActive() {
            return ServiceRecord.ACTIVE.equals(status);
        }
    }

    private final AccountRegion region;
    private final Map<String, Map<String, ServiceRecord>> byCluster = new LinkedHashMap<>();

    private Services(AccountRegion region) {
        this.region = region;
    }

    public static Services of(AccountRegion region) {
        return region.area(Services.class, Services::new);
    }

    /**
     * The service a task of this account-region was started for, if a service's scheduler started
     * it: for Cloud Map and Service Connect to register the task where its deployment says. Call
     * it under the account-region's lock (a task state listener or a handler holds it).
     */
    public Optional<ServiceTask> serviceOf(Task task) {
        return owner(task).flatMap(record -> record.revisionOfDeployment(task.startedBy()).map(revision ->
                new ServiceTask(record.arn(), record.name(), record.clusterArn(), task.startedBy(), revision)));
    }

    /** Every service of every cluster, in any status, sorted by ARN; reads only. */
    public List<ServiceSummary> summaries() {
        List<ServiceSummary> summaries = new ArrayList<>();
        for (ServiceRecord record : all()) {
            summaries.add(new ServiceSummary(record.arn(), record.name(), record.clusterArn(), record.status(),
                    record.deployments().stream().map(DeploymentRecord::revision).toList()));
        }
        summaries.sort(Comparator.comparing(ServiceSummary::serviceArn));
        return summaries;
    }

    /** The service of that name in the cluster, in any status. */
    Optional<ServiceRecord> find(String clusterArn, String name) {
        Map<String, ServiceRecord> services = byCluster.get(clusterArn);
        return Optional.ofNullable(services == null ? null : services.get(name));
    }

    /** The services of a cluster, in every status, sorted by ARN. */
    List<ServiceRecord> inCluster(String clusterArn) {
        List<ServiceRecord> services = new ArrayList<>(byCluster.getOrDefault(clusterArn, Map.of()).values());
        services.sort(Comparator.comparing(ServiceRecord::arn));
        return services;
    }

    /** Every service of every cluster. */
    List<ServiceRecord> all() {
        List<ServiceRecord> all = new ArrayList<>();
        byCluster.values().forEach(services -> all.addAll(services.values()));
        return all;
    }

    /** Keeps a service; one of the same name in the cluster (an INACTIVE one) is replaced. */
    void put(ServiceRecord record) {
        byCluster.computeIfAbsent(record.clusterArn(), arn -> new LinkedHashMap<>()).put(record.name(), record);
    }

    /** Whether this very service is still the one kept under its name (not replaced by a newer one). */
    boolean holds(ServiceRecord record) {
        return find(record.clusterArn(), record.name()).filter(kept -> kept == record).isPresent();
    }

    /** The service that tracks this task: the one its group names, in its cluster, which started it. */
    Optional<ServiceRecord> tracking(Task task) {
        return owner(task).filter(record -> record.taskArns().contains(task.taskArn()));
    }

    private Optional<ServiceRecord> owner(Task task) {
        String group = task.group();
        if (group == null || !group.startsWith(SERVICE_GROUP_PREFIX) || task.startedBy() == null) {
            return Optional.empty();
        }
        return find(task.clusterArn(), group.substring(SERVICE_GROUP_PREFIX.length()))
                .filter(record -> record.deploymentRevisions().containsKey(task.startedBy()));
    }

    @Override
    public JsonNode snapshot() {
        return ServiceSnapshots.write(all());
    }

    /** Reads the services back; {@link ServiceScheduler#resume} reconciles them once every area is restored. */
    @Override
    public void restore(JsonNode snapshot) {
        ServiceSnapshots.read(snapshot).forEach(this::put);
    }

    /** The ARN a request's service name or ARN stands for in a cluster, for MISSING failures. */
    String arnOf(String clusterName, String serviceName) {
        return ServiceArns.service(region, clusterName, serviceName);
    }
}
