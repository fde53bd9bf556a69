package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.clock.EmulatorClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * One service as the emulator keeps it: its configuration and status (the SDK's {@link Service}
 * without the parts that change by themselves), the CreateService request it came from, its
 * deployments (PRIMARY first), its events, the tasks started for it until they are STOPPED, its
 * service revisions and service deployments, the task sets of an EXTERNAL service, and the last
 * deployment that COMPLETED (where a rollback goes). Everything here is state; the reconciliation scheduled for it is not.
 */
final class ServiceRecord {
    static final String ACTIVE = "ACTIVE";
    static final String DRAINING = "DRAINING";
    static final String INACTIVE = "INACTIVE";

    /** The deployment that last COMPLETED and the revision it ran. */
    record Completed(String deploymentId, String revisionArn) {
    }

    private Service service;
    private final CreateServiceRequest created;
    private final List<DeploymentRecord> deployments = new ArrayList<>();
    private final ServiceEvents events = new ServiceEvents();
    private final Set<String> taskArns = new LinkedHashSet<>();
    private final Map<String, ServiceRevision> revisions = new LinkedHashMap<>();
    private final Map<String, String> deploymentRevisions = new LinkedHashMap<>();
    private final ServiceDeploymentHistory serviceDeployments = new ServiceDeploymentHistory();
    private final List<TaskSetRecord> taskSets = new ArrayList<>();
    private Completed lastCompleted;
    private boolean steady;
    private EmulatorClock.Scheduled nextReconcile;
    private Instant nextReconcileAt;

    ServiceRecord(Service service, CreateServiceRequest created) {
        this.service = service;
        this.created = created;
    }

    Service service() {
        return service;
    }

    void service(Service changed) {
        service = changed;
    }

    String name() {
        return service.serviceName();
    }

    String arn() {
        return service.serviceArn();
    }

    String clusterArn() {
        return service.clusterArn();
    }

    String status() {
        return service.status();
    }

    boolean isActive() {
        return ACTIVE.equals(service.status());
    }

    int desiredCount() {
        return service.desiredCount();
    }

    CreateServiceRequest created() {
        return created;
    }

    /** PRIMARY first, then the ACTIVE ones, newest first. */
    List<DeploymentRecord> deployments() {
        return deployments;
    }

    DeploymentRecord primary() {
        return deployments.get(0);
    }

    Optional<DeploymentRecord> deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Makes {@code deployment} PRIMARY, first in the list; the previous PRIMARY becomes ACTIVE. */
    void makePrimary(DeploymentRecord deployment, Instant at) {
        if (!deployments.isEmpty() && deployments.get(0) != deployment) {
            deployments.get(0).demote(at);
        }
        deployments.remove(deployment);
        deployments.add(0, deployment);
        deployment.promote(service.desiredCount(), at);
    }

    /** Whether a third party deploys it with task sets: the EXTERNAL deployment controller. */
    boolean external() {
        return service.deploymentController() != null
                && service.deploymentController().type() == DeploymentControllerType.EXTERNAL;
    }

    /** The task sets of an EXTERNAL service, oldest first, until a deleted one has no task left. */
    List<TaskSetRecord> taskSets() {
        return taskSets;
    }

    Optional<TaskSetRecord> taskSet(String idOrArn) {
        return taskSets.stream().filter(set -> set.named(idOrArn)).findFirst();
    }

    ServiceEvents events() {
        return events;
    }

    Set<String> taskArns() {
        return taskArns;
    }

    /** Every revision the service ever ran, by ARN. */
    Map<String, ServiceRevision> revisions() {
        return revisions;
    }

    /** The revision ARN of every deployment the service ever had, by deployment id (a deployment's revision never changes). */
    Map<String, String> deploymentRevisions() {
        return deploymentRevisions;
    }

    /** The revision a deployment of this service runs, or ran. */
    Optional<ServiceRevision> revisionOfDeployment(String deploymentId) {
        return Optional.ofNullable(deploymentRevisions.get(deploymentId)).map(revisions::get);
    }

    ServiceDeploymentHistory serviceDeployments() {
        return serviceDeployments;
    }

    Optional<Completed> lastCompleted() {
        return Optional.ofNullable(lastCompleted);
    }

    void lastCompleted(Completed completed) {
        lastCompleted = completed;
    }

    boolean steady() {
        return steady;
    }

    void steady(boolean isSteady) {
        steady = isSteady;
    }

    /** When the next reconciliation is due, if one is scheduled. */
    Optional<Instant> nextReconcileAt() {
        return Optional.ofNullable(nextReconcileAt);
    }

    void nextReconcile(EmulatorClock.Scheduled scheduled, Instant at) {
        cancelNextReconcile();
        nextReconcile = scheduled;
        nextReconcileAt = at;
    }

    /** The scheduled reconciliation is running: nothing is scheduled any more. */
    void reconcileStarted() {
        nextReconcile = null;
        nextReconcileAt = null;
    }

    void cancelNextReconcile() {
        if (nextReconcile != null) {
            nextReconcile.cancel();
        }
        nextReconcile = null;
        nextReconcileAt = null;
    }
}
