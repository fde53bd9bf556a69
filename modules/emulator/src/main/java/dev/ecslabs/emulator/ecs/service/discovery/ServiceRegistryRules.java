package dev.ecslabs.emulator.ecs.service.discovery;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * The checks CreateService and UpdateService make of a service registry against Cloud Map: the
 * Cloud Map service must exist in the account and Region, and an SRV record needs a port, given
 * either as {@code port} or as {@code containerName} and {@code containerPort}, never both
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRegistry.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html). That the
 * container and port exist in the task definition is checked with the service's other attachments.
 */
public final class ServiceRegistryRules {
    private static final int MAX_PORT = 65_535;

    private ServiceRegistryRules() {
    }

    /** Checks one registry of a service whose tasks Fargate runs (awsvpc network mode). */
    public static void check(AccountRegion region, ServiceRegistry registry) {
        if (registry.port() != null && (registry.containerName() != null || registry.containerPort() != null)) {
            throw EcsErrors.invalidParameter("serviceRegistries: give either port, or containerName and containerPort, "
                    + "not both. With the awsvpc network mode port alone is enough.");
        }
        if (registry.port() != null && (registry.port() < 1 || registry.port() > MAX_PORT)) {
            throw EcsErrors.invalidParameter("serviceRegistries: port must be from 1 to " + MAX_PORT + ", not "
                    + registry.port() + ".");
        }
        Service service = CloudMap.of(region).service(registry.registryArn()).orElseThrow(() -> EcsErrors.invalidParameter(
                "The service registry " + registry.registryArn() + " does not exist: there is no Cloud Map service with "
                        + "that ARN in this account and Region. Create it with Cloud Map's CreateService and give the Arn "
                        + "it answers."));
        List<RecordType> records = service.dnsConfig() == null ? List.of()
                : service.dnsConfig().dnsRecords().stream().map(DnsRecord::type).toList();
        if (records.contains(RecordType.CNAME)) {
            throw EcsErrors.invalidParameter("The Cloud Map service " + service.name() + " has a CNAME record, but ECS "
                    + "registers each task by its IP address: give the Cloud Map service A or SRV records.");
        }
        if (records.contains(RecordType.AAAA)) {
            throw EcsErrors.invalidParameter("The Cloud Map service " + service.name() + " has an AAAA record, but the "
                    + "tasks' subnets have no IPv6 addresses here (the emulator's default VPC is IPv4 only): give the "
                    + "Cloud Map service A or SRV records.");
        }
        boolean hasPort = registry.port() != null || registry.containerPort() != null;
        if (records.contains(RecordType.SRV) && !hasPort) {
            throw EcsErrors.invalidParameter("The Cloud Map service " + service.name() + " has an SRV record, which "
                    + "needs the port of each task: give serviceRegistries port, or containerName and containerPort of "
                    + "a port mapping in the task definition.");
        }
    }

    /** The port a task is registered with: the registry's {@code port}, else its {@code containerPort}; none without either. */
    static Integer portOf(ServiceRegistry registry) {
        return registry.port() != null ? registry.port() : registry.containerPort();
    }
}
