package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;

/**
 * What a Cloud Map operation changes when it succeeds, as data rather than as code: it names what
 * it changes by id and carries the new values, so an operation still in progress can be saved in
 * a snapshot and completed after a restart. {@link #apply} runs under the account-region's lock
 * and answers {@code null} on success or why the operation failed. Saved (by
 * {@link dev.ecslabs.emulator.state.SavedStateJson}) as its record with a {@code kind}:
 * {@code {"kind": "createNamespace", "namespaceId": "ns-…"}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OperationEffect.CreateNamespace.class, name = "createNamespace"),
        @JsonSubTypes.Type(value = OperationEffect.DeleteNamespace.class, name = "deleteNamespace"),
        @JsonSubTypes.Type(value = OperationEffect.UpdateNamespace.class, name = "updateNamespace"),
        @JsonSubTypes.Type(value = OperationEffect.UpdateService.class, name = "updateService"),
        @JsonSubTypes.Type(value = OperationEffect.RegisterInstance.class, name = "registerInstance"),
        @JsonSubTypes.Type(value = OperationEffect.DeregisterInstance.class, name = "deregisterInstance")})
sealed interface OperationEffect {

    Operations.Failure apply(AccountRegion region);

    /** CREATE_NAMESPACE: the namespace, created in state CREATING, becomes ACTIVE. */
    record CreateNamespace(String namespaceId) implements OperationEffect {
        public CreateNamespace {
            required(namespaceId, "namespaceId");
        }

        @Override
        public Operations.Failure apply(AccountRegion region) {
            Namespaces.of(region).findIncludingCreating(namespaceId)
                    .ifPresent(namespace -> namespace.state(NamespaceRecord.State.ACTIVE));
            return null;
        }
    }

    /** DELETE_NAMESPACE: the namespace, DELETING since the request, is gone. */
    record DeleteNamespace(String namespaceId) implements OperationEffect {
        public DeleteNamespace {
            required(namespaceId, "namespaceId");
        }

        @Override
        public Operations.Failure apply(AccountRegion region) {
            Namespaces.of(region).remove(namespaceId);
            return null;
        }
    }

    /** UPDATE_NAMESPACE: a new description or SOA TTL; {@code null} leaves it as it is. */
    record UpdateNamespace(String namespaceId, String description, Long soaTtl) implements OperationEffect {
        public UpdateNamespace {
            required(namespaceId, "namespaceId");
        }

        @Override
        public Operations.Failure apply(AccountRegion region) {
            Namespaces.of(region).findIncludingCreating(namespaceId).ifPresent(namespace -> {
                if (description != null) {
                    namespace.description(description);
                }
                if (soaTtl != null) {
                    namespace.soaTtl(soaTtl);
                }
            });
            return null;
        }
    }

    /**
     * UPDATE_SERVICE: a new description ({@code null} leaves it), and the DNS records and health
     * check the service has from then on ({@code null} removes them, as UpdateService does).
     */
    record UpdateService(String serviceId, String description, DnsConfig dnsConfig, HealthCheckConfig healthCheckConfig)
            implements OperationEffect {
        public UpdateService {
            required(serviceId, "serviceId");
        }

        @Override
        public Operations.Failure apply(AccountRegion region) {
            CloudMapServices.of(region).find(serviceId).ifPresent(service -> {
                if (description != null) {
                    service.description(description);
                }
                service.dnsConfig(dnsConfig);
                service.healthCheckConfig(healthCheckConfig);
            });
            return null;
        }
    }

    /** REGISTER_INSTANCE: the instance is registered (or updated) with these attributes, its health check started. */
    record RegisterInstance(String serviceId, String instanceId, String creatorRequestId, Map<String, String> attributes)
            implements OperationEffect {
        public RegisterInstance {
            required(serviceId, "serviceId");
            required(instanceId, "instanceId");
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        @Override
        public Operations.Failure apply(AccountRegion region) {
            CloudMapServices.of(region).find(serviceId).ifPresent(service -> {
                InstanceRecord instance = service.instance(instanceId)
                        .orElseGet(() -> new InstanceRecord(instanceId, region.accountId()));
                instance.registered(creatorRequestId, attributes);
                InstanceHealth.start(region, service, instance, attributes);
                service.put(instance);
            });
            return null;
        }
    }

    /** DEREGISTER_INSTANCE: the instance is gone. */
    record DeregisterInstance(String serviceId, String instanceId) implements OperationEffect {
        public DeregisterInstance {
            required(serviceId, "serviceId");
            required(instanceId, "instanceId");
        }

        @Override
        public Operations.Failure apply(AccountRegion region) {
            CloudMapServices.of(region).find(serviceId).ifPresent(service -> service.remove(instanceId));
            return null;
        }
    }

    /** Refuses an effect read back without what it names. */
    private static String required(String value, String member) {
        if (value == null) {
            throw new IllegalArgumentException("an operation's effect lacks '" + member + "'");
        }
        return value;
    }
}
