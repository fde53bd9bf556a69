package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.ServiceTypeOption;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * The Cloud Map services ECS creates for Service Connect: one per discovery name in the
 * namespace, of type HTTP (Service Connect uses no DNS records: "Amazon ECS Service Connect
 * doesn't use or create DNS hosted zones in Amazon Route 53"), tagged {@code AmazonECSManaged}
 * as ECS tags what it manages for you
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html). A new
 * namespace takes services once its creation has succeeded; until then the service is created
 * later, at the latest before the first task registers in it.
 */
final class DiscoveryServices {
    static final String MANAGED_TAG = "AmazonECSManaged";

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryServices.class);

    private DiscoveryServices() {
    }

    /** The ARN of the Cloud Map service ECS created for the discovery name, if it exists now. */
    static Optional<String> existing(AccountRegion region, String namespaceArn, String discoveryName) {
        return ServiceConnectState.of(region).discoveryArn(namespaceArn, discoveryName)
                .filter(arn -> CloudMap.of(region).service(arn).isPresent());
    }

    /**
     * The Cloud Map service of the discovery name, created when it doesn't exist yet; empty while
     * the namespace is still being created, or when a service of that name that ECS did not
     * create took the name meanwhile.
     */
    static Optional<String> ensure(AccountRegion region, String namespaceArn, String discoveryName) {
        Optional<String> existing = existing(region, namespaceArn, discoveryName);
        if (existing.isPresent()) {
            return existing;
        }
        CloudMap cloudMap = CloudMap.of(region);
        if (cloudMap.serviceNamed(namespaceArn, discoveryName).isPresent()) {
            LOG.warn("The Cloud Map service {} in {} was not created by Service Connect; its tasks are not registered there",
                    discoveryName, namespaceArn);
            return Optional.empty();
        }
        try {
            String arn = cloudMap.createService(CreateServiceRequest.builder()
                    .name(discoveryName)
                    .namespaceId(namespaceArn)
                    .type(ServiceTypeOption.HTTP)
                    .tags(Tag.builder().key(MANAGED_TAG).value("true").build())
                    .build()).arn();
            ServiceConnectState.of(region).discoveryArn(namespaceArn, discoveryName, arn);
            return Optional.of(arn);
        } catch (AwsException e) {
            // The namespace is still being created (or was deleted): the next task to register tries again.
            LOG.debug("No Cloud Map service {} in {} yet: {}", discoveryName, namespaceArn, e.getMessage());
            return Optional.empty();
        }
    }
}
