package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectServiceResource;

/**
 * A deployment's {@code serviceConnectResources} as DescribeServices shows them: each discovery
 * name with the ARN of the Cloud Map service ECS created for it ("You can use this ARN in other
 * integrations with Cloud Map",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectServiceResource.html);
 * the ARN is left out while the service can't be created yet (its namespace is being created).
 */
public final class ServiceConnectResources {
    private ServiceConnectResources() {
    }

    /** The resources of a deployment's Service Connect configuration; none without Service Connect. Reads only. */
    public static List<ServiceConnectServiceResource> of(AccountRegion region, ServiceConnectConfiguration configuration) {
        if (configuration == null || !Boolean.TRUE.equals(configuration.enabled())) {
            return List.of();
        }
        List<ServiceConnectServiceResource> resources = new ArrayList<>();
        ConnectNamespace.find(region, configuration.namespace()).ifPresent(namespace -> {
            for (ConnectService service : ConnectService.of(configuration, namespace.name())) {
                resources.add(ServiceConnectServiceResource.builder().discoveryName(service.discoveryName())
                        .discoveryArn(DiscoveryServices.existing(region, namespace.arn(), service.discoveryName()).orElse(null))
                        .build());
            }
        });
        return resources;
    }
}
