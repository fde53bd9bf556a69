package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilter;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/** Cloud Map on the resources page: namespaces (newest first, the first few open), their services, and each service's instances with their health. */
record CloudMapSection(List<NamespaceView> namespaces, AwsTime time, String unavailable) {

    /** A namespace with its services, or why they could not be read. */
    record NamespaceView(NamespaceSummary namespace, List<ServiceView> services, String problem) {
    }

    /** A Cloud Map service with its instances and their health by instance id (none without health checks). */
    record ServiceView(ServiceSummary service, List<InstanceSummary> instances, Map<String, String> health) {
    }

    /** The section (template {@code resources/cloudMap.jte}), read now. */
    static String render(ServiceDiscoveryClient cloudMap, AwsTime time) {
        List<NamespaceSummary> namespaces;
        try {
            namespaces = cloudMap.listNamespacesPaginator(b -> { }).stream()
                    .flatMap(page -> page.namespaces().stream()).toList();
        } catch (SdkException e) {
            return Pages.render("resources/cloudMap.jte", new CloudMapSection(List.of(), time, Markup.why(e)));
        }
        List<NamespaceView> views = namespaces.stream().sorted(Comparator.comparing(NamespaceSummary::createDate,
                Comparator.nullsLast(Comparator.reverseOrder()))).map(namespace -> namespace(cloudMap, namespace)).toList();
        return Pages.render("resources/cloudMap.jte", new CloudMapSection(views, time, null));
    }

    private static NamespaceView namespace(ServiceDiscoveryClient cloudMap, NamespaceSummary namespace) {
        List<ServiceView> services = new ArrayList<>();
        try {
            ServiceFilter inNamespace = ServiceFilter.builder().name(ServiceFilterName.NAMESPACE_ID).values(namespace.id())
                    .condition(FilterCondition.EQ).build();
            for (ServiceSummary service : cloudMap.listServicesPaginator(b -> b.filters(inNamespace)).stream()
                    .flatMap(page -> page.services().stream()).toList()) {
                services.add(service(cloudMap, service));
            }
            return new NamespaceView(namespace, services, null);
        } catch (SdkException e) {
            return new NamespaceView(namespace, services, Markup.why(e));
        }
    }

    private static ServiceView service(ServiceDiscoveryClient cloudMap, ServiceSummary service) {
        List<InstanceSummary> instances = cloudMap.listInstancesPaginator(b -> b.serviceId(service.id())).stream()
                .flatMap(page -> page.instances().stream()).toList();
        if (instances.isEmpty()) {
            return new ServiceView(service, instances, Map.of());
        }
        try {
            return new ServiceView(service, instances, cloudMap.getInstancesHealthStatus(b -> b.serviceId(service.id())).statusAsStrings());
        } catch (SdkException e) {
            // a service without health checks has no health to tell
            return new ServiceView(service, instances, Map.of());
        }
    }
}
