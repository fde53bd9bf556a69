package dev.ecslabs.emulator.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
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
 * all it waits for from the state of its tasks. Journaled service by service, by ARN: a service
 * handed out to a call (which may change its deployments and events in place) is journaled if the
 * call left it different.
 */
public final class Services implements ResourceArea {
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
        return ownerHeld(task).flatMap(record -> record.revisionOfDeployment(task.startedBy()).map(revision ->
                new ServiceTask(record.arn(), record.name(), record.clusterArn(), task.startedBy(), revision)));
    }

    /** Every service of every cluster, in any status, sorted by ARN; reads only. */
    public List<ServiceSummary> summaries() {
        List<ServiceSummary> summaries = new ArrayList<>();
        for (ServiceRecord record : held()) {
            summaries.add(new ServiceSummary(record.arn(), record.name(), record.clusterArn(), record.status(),
                    record.deployments().stream().map(DeploymentRecord::revision).toList()));
        }
        summaries.sort(Comparator.comparing(ServiceSummary::serviceArn));
        return summaries;
    }

    /** The service of that name in the cluster, in any status. */
    Optional<ServiceRecord> find(String clusterArn, String name) {
        return held(clusterArn, name).map(this::handedOut);
    }

    private Optional<ServiceRecord> held(String clusterArn, String name) {
        Map<String, ServiceRecord> services = byCluster.get(clusterArn);
        return Optional.ofNullable(services == null ? null : services.get(name));
    }

    /** The services of a cluster, in every status, sorted by ARN. */
    List<ServiceRecord> inCluster(String clusterArn) {
        List<ServiceRecord> services = new ArrayList<>(byCluster.getOrDefault(clusterArn, Map.of()).values());
        services.sort(Comparator.comparing(ServiceRecord::arn));
        services.forEach(this::handedOut);
        return services;
    }

    /** Every service of every cluster. */
    List<ServiceRecord> all() {
        List<ServiceRecord> all = held();
        all.forEach(this::handedOut);
        return all;
    }

    private List<ServiceRecord> held() {
        List<ServiceRecord> all = new ArrayList<>();
        byCluster.values().forEach(services -> all.addAll(services.values()));
        return all;
    }

    /** A service handed out to a call, which may change it in place: journaled if the call leaves it different. */
    private ServiceRecord handedOut(ServiceRecord record) {
        region.handedOut(this, record.arn());
        return record;
    }

    /** Keeps a service; one of the same name in the cluster (an INACTIVE one) is replaced. */
    void put(ServiceRecord record) {
        byCluster.computeIfAbsent(record.clusterArn(), arn -> new LinkedHashMap<>()).put(record.name(), record);
        region.changed(Services.class, record.arn());
    }

    /** Whether this very service is still the one kept under its name (not replaced by a newer one). */
    boolean holds(ServiceRecord record) {
        return held(record.clusterArn(), record.name()).filter(kept -> kept == record).isPresent();
    }

    /** The service that tracks this task: the one its group names, in its cluster, which started it. */
    Optional<ServiceRecord> tracking(Task task) {
        return ownerHeld(task).filter(record -> record.taskArns().contains(task.taskArn())).map(this::handedOut);
    }

    private Optional<ServiceRecord> ownerHeld(Task task) {
        String group = task.group();
        if (group == null || !group.startsWith(SERVICE_GROUP_PREFIX) || task.startedBy() == null) {
            return Optional.empty();
        }
        return held(task.clusterArn(), group.substring(SERVICE_GROUP_PREFIX.length()))
                .filter(record -> record.deploymentRevisions().containsKey(task.startedBy()));
    }

    @Override
    public JsonNode snapshot() {
        ArrayNode services = AwsJsonCodec.MAPPER.createArrayNode();
        held().forEach(record -> services.add(ServiceSnapshots.write(record)));
        return services;
    }

    /** Reads the services back; {@link ServiceScheduler#resume} reconciles them once every area is restored. */
    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode service : snapshot) {
            keep(ServiceSnapshots.read(service));
        }
    }

    /** A service is journaled by its ARN, as the checkpoint writes it. */
    @Override
    public Optional<JsonNode> snapshotOf(String arn) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        for (Map<String, ServiceRecord> services : byCluster.values()) {
            ServiceRecord record = services.get(name);
            if (record != null && record.arn().equals(arn)) {
                return Optional.of(ServiceSnapshots.write(record));
            }
        }
        return Optional.empty();
    }

    @Override
    public void restoreResource(String arn, JsonNode json) {
        if (json == null) {
            byCluster.values().forEach(services -> services.values().removeIf(record -> record.arn().equals(arn)));
            return;
        }
        ServiceRecord record = ServiceSnapshots.read(json);
        if (!arn.equals(record.arn())) {
            throw new IllegalArgumentException("the service saved as '" + arn + "' is " + record.arn());
        }
        keep(record);
    }

    private void keep(ServiceRecord record) {
        if (record.arn() == null || record.clusterArn() == null || record.name() == null) {
            throw new IllegalArgumentException("a service lacks its ARN, cluster or name");
        }
        byCluster.computeIfAbsent(record.clusterArn(), arn -> new LinkedHashMap<>()).put(record.name(), record);
    }

    /** The ARN a request's service name or ARN stands for in a cluster, for MISSING failures. */
    String arnOf(String clusterName, String serviceName) {
        return ServiceArns.service(region, clusterName, serviceName);
    }
}
