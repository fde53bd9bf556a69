package dev.ecslabs.emulator.ecs.service;

import java.time.Instant;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * Service revisions: what one deployment of a service runs, kept as the SDK's
 * {@link ServiceRevision} (task definition, launch type or capacity provider strategy, platform,
 * network configuration, load balancers, service registries and Service Connect configuration),
 * as DescribeServiceRevisions shows it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-revision.html).
 */
final class ServiceRevisions {
    static final String PLATFORM_FAMILY = "Linux";

    private ServiceRevisions() {
    }

    /**
     * The revision a service's configuration describes, with Fargate's platform version resolved.
     * Service Connect's configuration is the deployment's, not the service's (DescribeServices
     * shows it on each deployment), so it comes on its own; {@code null} for none.
     */
    static ServiceRevision of(String arn, Service service, String resolvedPlatformVersion,
                              ServiceConnectConfiguration serviceConnect, Instant createdAt) {
        ServiceRevision.Builder revision = ServiceRevision.builder()
                .serviceRevisionArn(arn)
                .serviceArn(service.serviceArn())
                .clusterArn(service.clusterArn())
                .taskDefinition(service.taskDefinition())
                .platformVersion(resolvedPlatformVersion)
                .platformFamily(PLATFORM_FAMILY)
                .loadBalancers(service.loadBalancers())
                .serviceRegistries(service.serviceRegistries())
                .networkConfiguration(service.networkConfiguration())
                .guardDutyEnabled(false)
                .createdAt(createdAt);
        if (service.launchType() != null) {
            revision.launchType(service.launchType());
        } else {
            revision.capacityProviderStrategy(service.capacityProviderStrategy());
        }
        if (serviceConnect != null) {
            revision.serviceConnectConfiguration(serviceConnect);
        }
        return revision.build();
    }

    /** The service's configuration with what {@code revision} runs: a rollback returns the service to a revision. */
    static Service applyTo(Service service, ServiceRevision revision) {
        Service.Builder changed = service.toBuilder()
                .taskDefinition(revision.taskDefinition())
                .loadBalancers(revision.loadBalancers())
                .serviceRegistries(revision.serviceRegistries())
                .networkConfiguration(revision.networkConfiguration());
        if (revision.launchType() != null) {
            changed.launchType(revision.launchType());
        } else {
            changed.capacityProviderStrategy(revision.capacityProviderStrategy());
        }
        return changed.build();
    }
}
