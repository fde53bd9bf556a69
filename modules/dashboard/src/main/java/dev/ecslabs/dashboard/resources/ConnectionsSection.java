package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * Who reaches whom, by which name, drawn per namespace: with Service Connect, every service of the
 * namespace reaches each client alias another service offers ({@code web → backend:8080 → api});
 * with a service registry, programs in the VPC reach a service by its Cloud Map DNS name
 * ({@code orders.internal}), and instances registered in Cloud Map by hand the same way. Read from the services' PRIMARY deployments, so it works on any
 * backend; the course's emulator adds the addresses each alias resolves to now.
 */
record ConnectionsSection(Map<String, List<Edge>> byNamespace, String unavailable) {
    /** One arrow: from a service (or anyone in the VPC) to a service, by a name. */
    record Edge(String from, String to, String name, List<String> endpoints) {
    }

    static String render(List<ClusterView> clusters, ServiceDiscoveryClient cloudMap, Optional<JsonNode> aliases) {
        return read(clusters, cloudMap, aliases).render();
    }

    String render() {
        return Pages.render("resources/connections.jte", this);
    }

    /** Who reaches whom now, from the clusters read, Cloud Map, and (course's emulator) the aliases' endpoints. */
    static ConnectionsSection read(List<ClusterView> clusters, ServiceDiscoveryClient cloudMap, Optional<JsonNode> aliases) {
        List<Service> services = clusters.stream().flatMap(c -> c.services().stream())
                .filter(s -> "ACTIVE".equals(s.status())).toList();
        Map<String, Service> byArn = new HashMap<>();
        services.forEach(s -> byArn.put(s.serviceArn(), s));
        String unavailable = null;
        Map<String, String> namespaceNames = new HashMap<>();
        Map<String, String[]> cloudMapServices = new LinkedHashMap<>();
        Map<String, Integer> instanceCounts = new HashMap<>();
        try {
            for (NamespaceSummary namespace : cloudMap.listNamespacesPaginator(b -> { }).stream()
                    .flatMap(page -> page.namespaces().stream()).toList()) {
                namespaceNames.put(namespace.arn(), namespace.name());
                namespaceNames.put(namespace.id(), namespace.name());
                for (ServiceSummary service : cloudMap.listServicesPaginator(b -> b.filters(f -> f.name("NAMESPACE_ID")
                        .values(namespace.id()).condition("EQ"))).stream().flatMap(p -> p.services().stream()).toList()) {
                    cloudMapServices.put(service.arn(), new String[] {service.name(), namespace.name(), namespace.typeAsString()});
                    instanceCounts.put(service.arn(), service.instanceCount() == null ? 0 : service.instanceCount());
                }
            }
        } catch (SdkException e) {
            unavailable = Markup.why(e);
        }
        Map<String, List<Edge>> byNamespace = new LinkedHashMap<>();
        serviceConnectEdges(clusters, services, namespaceNames, endpoints(aliases), byNamespace);
        registryEdges(services, cloudMapServices, byNamespace);
        registeredByHand(services, cloudMapServices, instanceCounts, byNamespace);
        return new ConnectionsSection(byNamespace, unavailable);
    }

    private static void serviceConnectEdges(List<ClusterView> clusters, List<Service> services, Map<String, String> namespaceNames,
                                            Map<String, List<String>> endpoints, Map<String, List<Edge>> byNamespace) {
        Map<String, List<Service>> members = new LinkedHashMap<>();
        for (Service service : services) {
            connect(service).ifPresent(config -> members.computeIfAbsent(namespace(config, service, clusters, namespaceNames),
                    n -> new ArrayList<>()).add(service));
        }
        members.forEach((namespace, inNamespace) -> {
            for (Service server : inNamespace) {
                for (ServiceConnectService offered : connect(server).orElseThrow().services()) {
                    for (String alias : aliases(offered)) {
                        for (Service client : inNamespace) {
                            if (client != server) {
                                byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>()).add(new Edge(client.serviceName(),
                                        server.serviceName(), alias, endpoints.getOrDefault(client.serviceName() + " " + alias,
                                        List.of())));
                            }
                        }
                    }
                }
            }
        });
    }

    private static void registryEdges(List<Service> services, Map<String, String[]> cloudMapServices,
                                      Map<String, List<Edge>> byNamespace) {
        for (Service service : services) {
            for (ServiceRegistry registry : service.serviceRegistries()) {
                String[] known = cloudMapServices.get(registry.registryArn());
                String namespace = known == null ? "Cloud Map" : known[1];
                String name = known == null ? EcsSection.shortArn(registry.registryArn()) : name(known);
                byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>())
                        .add(new Edge("any program in the VPC", service.serviceName(), name, List.of()));
            }
        }
    }

    /**
     * Cloud Map services that no ECS service registers its tasks in, but that hold instances (a
     * database registered by hand, say): programs in the VPC reach those instances by the name.
     */
    private static void registeredByHand(List<Service> services, Map<String, String[]> cloudMapServices,
                                         Map<String, Integer> instanceCounts, Map<String, List<Edge>> byNamespace) {
        cloudMapServices.forEach((arn, known) -> {
            boolean byEcs = services.stream().anyMatch(s -> s.serviceRegistries().stream().anyMatch(r -> arn.equals(r.registryArn())));
            int instances = instanceCounts.getOrDefault(arn, 0);
            if (!byEcs && instances > 0) {
                byNamespace.computeIfAbsent(known[1], n -> new ArrayList<>()).add(new Edge("any program in the VPC",
                        instances + (instances == 1 ? " registered instance" : " registered instances"), name(known), List.of()));
            }
        });
    }

    /** How a Cloud Map service is asked for: a DNS name in a DNS namespace, DiscoverInstances in an HTTP one. */
    private static String name(String[] known) {
        return "HTTP".equals(known[2]) ? known[0] + " (DiscoverInstances)" : known[0] + "." + known[1];
    }

    /** The Service Connect configuration of the service's PRIMARY deployment, when it is enabled. */
    static Optional<ServiceConnectConfiguration> connect(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .map(Deployment::serviceConnectConfiguration).filter(c -> Boolean.TRUE.equals(c.enabled()));
    }

    private static String namespace(ServiceConnectConfiguration config, Service service, List<ClusterView> clusters,
                                    Map<String, String> names) {
        String namespace = config.namespace();
        if (namespace == null) {
            namespace = clusters.stream().filter(c -> c.cluster().clusterArn().equals(service.clusterArn())).findFirst()
                    .map(c -> c.cluster().serviceConnectDefaults() == null ? null : c.cluster().serviceConnectDefaults().namespace())
                    .orElse("?");
        }
        return names.getOrDefault(namespace, namespace);
    }

    /** The names a Service Connect service is reached by: its client aliases, else its discovery name. */
    private static List<String> aliases(ServiceConnectService offered) {
        if (!offered.clientAliases().isEmpty()) {
            return offered.clientAliases().stream().map(ConnectionsSection::alias).toList();
        }
        return offered.discoveryName() == null ? List.of() : List.of(offered.discoveryName());
    }

    private static String alias(ServiceConnectClientAlias alias) {
        return alias.dnsName() + ":" + alias.port();
    }

    /** From the emulator's aliases route: "client alias" → the ip:port each resolves to inside the client's tasks. */
    private static Map<String, List<String>> endpoints(Optional<JsonNode> aliases) {
        Map<String, List<String>> endpoints = new HashMap<>();
        aliases.ifPresent(answer -> answer.path("services").forEach(service -> service.path("aliases").forEach(alias -> {
            List<String> addresses = new ArrayList<>();
            alias.path("endpoints").forEach(endpoint -> addresses.add(endpoint.asText()));
            endpoints.put(service.path("serviceName").asText() + " " + alias.path("alias").asText(), addresses);
        })));
        return endpoints;
    }
}
