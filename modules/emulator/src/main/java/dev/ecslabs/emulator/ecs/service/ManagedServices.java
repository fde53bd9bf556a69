package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ECSManagedResources;
import software.amazon.awssdk.services.ecs.model.ResourceManagementType;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * Services that ECS manages for Express Mode: {@code resourceManagementType} ECS (ListServices
 * filters on it), and each service revision reporting the resources made for it in
 * {@code ecsManagedResources} (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRevision.html).
 */
public final class ManagedServices {
    private ManagedServices() {
    }

    /** Marks the service ECS-managed and gives its revisions without managed resources {@code resources}. Call it under the lock. */
    public static void mark(AccountRegion region, String clusterArn, String serviceName, ECSManagedResources resources) {
        Services.of(region).find(clusterArn, serviceName).ifPresent(record -> {
            record.service(record.service().toBuilder().resourceManagementType(ResourceManagementType.ECS).build());
            for (Map.Entry<String, ServiceRevision> revision : record.revisions().entrySet()) {
                if (revision.getValue().ecsManagedResources() == null) {
                    revision.setValue(revision.getValue().toBuilder().ecsManagedResources(resources).build());
                }
            }
        });
    }
}
