package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
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
final class CloudMapSection {
    private CloudMapSection() {
    }

    static String render(ServiceDiscoveryClient cloudMap, AwsTime time) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"cloud-map\"><h2>Cloud Map namespaces</h2>");
        List<NamespaceSummary> namespaces;
        try {
            namespaces = cloudMap.listNamespacesPaginator(b -> { }).stream()
                    .flatMap(page -> page.namespaces().stream()).toList();
        } catch (SdkException e) {
            return html.append(Markup.unavailable("Cloud Map ListNamespaces", e)).append("</section>").toString();
        }
        if (namespaces.isEmpty()) {
            html.append(Markup.empty("namespaces"));
        }
        namespaces = namespaces.stream().sorted(java.util.Comparator.comparing(NamespaceSummary::createDate,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))).toList();
        for (int i = 0; i < namespaces.size(); i++) {
            NamespaceSummary namespace = namespaces.get(i);
            html.append("<article class=\"namespace\" data-name=\"").append(Html.escape(namespace.name()))
                    .append("\"><details data-key=\"namespace:").append(Html.escape(namespace.id())).append("\"")
                    .append(i < EcsSection.OPEN_AT_FIRST ? " open" : "").append("><summary><h3>").append(Html.escape(namespace.name()))
                    .append(" <span class=\"status\">").append(Html.escape(namespace.typeAsString())).append("</span></h3> <span class=\"meta\">")
                    .append(namespace.serviceCount() == null ? "" : namespace.serviceCount() + " services · ").append("created ")
                    .append(time.ago(namespace.createDate())).append("</span></summary>").append(services(cloudMap, namespace))
                    .append("</details></article>");
        }
        return html.append("</section>").toString();
    }

    private static String services(ServiceDiscoveryClient cloudMap, NamespaceSummary namespace) {
        StringBuilder html = new StringBuilder();
        try {
            ServiceFilter inNamespace = ServiceFilter.builder().name(ServiceFilterName.NAMESPACE_ID).values(namespace.id())
                    .condition(FilterCondition.EQ).build();
            List<ServiceSummary> services = cloudMap.listServicesPaginator(b -> b.filters(inNamespace)).stream()
                    .flatMap(page -> page.services().stream()).toList();
            for (ServiceSummary service : services) {
                html.append("<div class=\"cloud-map-service\"><h4>").append(Html.escape(service.name())).append("</h4>")
                        .append(instances(cloudMap, service)).append("</div>");
            }
        } catch (SdkException e) {
            html.append(Markup.unavailable("Cloud Map ListServices", e));
        }
        return html.toString();
    }

    private static String instances(ServiceDiscoveryClient cloudMap, ServiceSummary service) {
        List<InstanceSummary> instances = cloudMap.listInstancesPaginator(b -> b.serviceId(service.id())).stream()
                .flatMap(page -> page.instances().stream()).toList();
        if (instances.isEmpty()) {
            return Markup.empty("instances");
        }
        Map<String, String> health;
        try {
            health = cloudMap.getInstancesHealthStatus(b -> b.serviceId(service.id())).statusAsStrings();
        } catch (SdkException e) {
            // a service without health checks has no health to tell
            health = Map.of();
        }
        StringBuilder html = new StringBuilder("<ul class=\"instances\">");
        for (InstanceSummary instance : instances) {
            Map<String, String> attributes = instance.attributes();
            html.append("<li>").append(Html.escape(instance.id())).append(" · ")
                    .append(Html.escape(attributes.getOrDefault("AWS_INSTANCE_IPV4", "")))
                    .append(attributes.containsKey("AWS_INSTANCE_PORT") ? ":" + Html.escape(attributes.get("AWS_INSTANCE_PORT")) : "")
                    .append(" · ").append(Html.escape(health.getOrDefault(instance.id(), "health not checked"))).append("</li>");
        }
        return html.append("</ul>").toString();
    }
}
