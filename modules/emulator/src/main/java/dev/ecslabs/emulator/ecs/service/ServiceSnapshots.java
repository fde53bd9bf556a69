package dev.ecslabs.emulator.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The saved form of one service, bound as a record by {@link SavedStateJson}: its configuration and
 * request, deployments (as DescribeServices writes them, plus the scheduler's counters), events
 * (newest first), tasks, revisions, service deployments (oldest first) and task sets. Nothing scheduled is
 * saved: reconciling again works it out. A component added to {@link SavedService} is saved with it.
 */
final class ServiceSnapshots {
    private ServiceSnapshots() {
    }

    /** One service as it is saved. */
    record SavedService(Service service, CreateServiceRequest created, List<SavedDeployment> deployments,
                        List<ServiceEvent> events, List<String> taskArns, List<ServiceRevision> revisions,
                        LinkedHashMap<String, String> deploymentRevisions, List<ServiceDeployment> serviceDeployments,
                        ServiceRecord.Completed lastCompleted, boolean steady, List<SavedTaskSet> taskSets) {
    }

    /** One task set of an EXTERNAL service: the SDK's view of it (without counts) and the revision its tasks run. */
    record SavedTaskSet(TaskSet taskSet, String revisionArn) {
    }

    /** One deployment: the SDK's view of it, the revision it deploys, and the scheduler's counters. */
    record SavedDeployment(Deployment deployment, String revisionArn, int failedTasks, int startFailures,
                           Instant nextLaunchAt, String serviceDeploymentArn) {
    }

    static JsonNode write(ServiceRecord record) {
        return SavedStateJson.write(saved(record));
    }

    static SavedService saved(ServiceRecord record) {
        List<SavedDeployment> deployments = new ArrayList<>();
        for (DeploymentRecord deployment : record.deployments()) {
            deployments.add(new SavedDeployment(deployment.view(0, 0), deployment.revision().serviceRevisionArn(),
                    deployment.failedTasks(), deployment.startFailures(), deployment.nextLaunchAt(),
                    deployment.serviceDeploymentArn()));
        }
        List<ServiceDeployment> oldestFirst = new ArrayList<>(record.serviceDeployments().newestFirst());
        Collections.reverse(oldestFirst);
        return new SavedService(record.service(), record.created(), deployments, record.events().newestFirst(),
                List.copyOf(record.taskArns()), List.copyOf(record.revisions().values()),
                new LinkedHashMap<>(record.deploymentRevisions()), oldestFirst, record.lastCompleted().orElse(null),
                record.steady(), record.taskSets().stream()
                        .map(set -> new SavedTaskSet(set.taskSet(), set.revision().serviceRevisionArn())).toList());
    }

    static ServiceRecord read(JsonNode json) {
        return record(SavedStateJson.read(json, SavedService.class));
    }

    static ServiceRecord record(SavedService saved) {
        if (saved == null || saved.service() == null || saved.created() == null) {
            throw new IllegalArgumentException("a service's snapshot lacks 'service' or 'created'");
        }
        ServiceRecord record = new ServiceRecord(saved.service(), saved.created());
        for (ServiceRevision revision : orEmpty(saved.revisions())) {
            record.revisions().put(revision.serviceRevisionArn(), revision);
        }
        if (saved.deploymentRevisions() != null) {
            record.deploymentRevisions().putAll(saved.deploymentRevisions());
        }
        for (SavedDeployment deployment : orEmpty(saved.deployments())) {
            Deployment view = deployment.deployment();
            ServiceRevision revision = record.revisions().get(deployment.revisionArn());
            if (view == null || revision == null) {
                throw new IllegalArgumentException("a deployment of " + record.arn()
                        + " lacks its deployment or names a revision the snapshot does not hold");
            }
            DeploymentRecord restored = new DeploymentRecord(view.id(), revision, view.createdAt(), view.desiredCount(),
                    deployment.serviceDeploymentArn());
            restored.restoreState(view);
            restored.restoreCounters(deployment.failedTasks(), deployment.startFailures(), deployment.nextLaunchAt());
            record.deployments().add(restored);
        }
        orEmpty(saved.events()).forEach(record.events()::restore);
        record.taskArns().addAll(orEmpty(saved.taskArns()));
        orEmpty(saved.serviceDeployments()).forEach(record.serviceDeployments()::add);
        if (saved.lastCompleted() != null) {
            record.lastCompleted(saved.lastCompleted());
        }
        record.steady(saved.steady());
        for (SavedTaskSet taskSet : orEmpty(saved.taskSets())) {
            ServiceRevision revision = taskSet.taskSet() == null ? null : record.revisions().get(taskSet.revisionArn());
            if (revision == null) {
                throw new IllegalArgumentException("a task set of " + record.arn()
                        + " lacks its task set or names a revision the snapshot does not hold");
            }
            record.taskSets().add(new TaskSetRecord(taskSet.taskSet(), revision));
        }
        return record;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
