package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectResources;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectServiceResource;
import software.amazon.awssdk.services.ecs.model.ServiceCurrentRevisionSummary;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * A service as CreateService, UpdateService, DeleteService and DescribeServices answer it: its
 * configuration with the counts of its tasks as they are now (service-wide and per deployment),
 * its deployments, its current service revisions and its events; tags only when asked for.
 */
final class ServiceViews {
    private ServiceViews() {
    }

    static Service of(AccountRegion region, ServiceRecord record, boolean withTags) {
        ServiceTaskStates tasks = ServiceTaskStates.of(region, record);
        List<Deployment> deployments = new ArrayList<>();
        List<ServiceCurrentRevisionSummary> revisions = new ArrayList<>();
        for (DeploymentRecord deployment : record.deployments()) {
            int pending = tasks.pendingCount(deployment.id());
            int running = tasks.runningCount(deployment.id());
            Deployment view = deployment.view(pending, running);
            List<ServiceConnectServiceResource> resources = ServiceConnectResources.of(region,
                    deployment.revision().serviceConnectConfiguration());
            deployments.add(resources.isEmpty() ? view : view.toBuilder().serviceConnectResources(resources).build());
            revisions.add(ServiceCurrentRevisionSummary.builder().arn(deployment.revision().serviceRevisionArn())
                    .requestedTaskCount(deployment.desiredCount()).runningTaskCount(running).pendingTaskCount(pending)
                    .build());
        }
        Service.Builder view = record.service().toBuilder()
                .runningCount(tasks.runningCount())
                .pendingCount(tasks.pendingCount())
                .deployments(deployments)
                .currentServiceRevisions(revisions)
                .events(record.events().newestFirst());
        if (record.external()) {
            view.taskSets(TaskSetActions.views(region, record));
        }
        if (!withTags) {
            view.tags((List<Tag>) null);
        }
        return view.build();
    }
}
