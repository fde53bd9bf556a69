package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Html;
import java.util.ArrayList;
import java.util.List;

/**
 * Service Connect on the resources page: for each service in a namespace, what each client alias
 * resolves to inside its tasks now (the tasks' proxies balance over those addresses). Only the
 * course's emulator can tell, through its {@code /_emulator/service-connect/aliases} route
 * ({@link EmulatorRoutes}); on
 * another backend the section says so.
 */
final class ServiceConnectSection {
    private ServiceConnectSection() {
    }

    /** The section from the emulator's answer, or, when there is none, why not. */
    static String render(BackendConnection backend, JsonNode answer, String whyNot) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"service-connect\"><h2>Service Connect</h2>");
        if (answer == null) {
            return html.append("<p class=\"unavailable\">Only the course's emulator shows what client aliases resolve to "
                    + "inside tasks; ").append(Html.escape(backend.describe())).append(" did not (")
                    .append(Html.escape(whyNot)).append(").</p></section>").toString();
        }
        if (answer.path("services").isEmpty()) {
            html.append(Markup.empty("services in Service Connect"));
        }
        for (JsonNode service : answer.path("services")) {
            html.append("<article class=\"service-connect\" data-name=\"").append(Html.escape(service.path("serviceName").asText()))
                    .append("\"><h3>").append(Html.escape(service.path("serviceName").asText()))
                    .append(" <span class=\"status\">namespace ").append(Html.escape(service.path("namespace").asText()))
                    .append("</span></h3>");
            if (service.path("aliases").isEmpty()) {
                html.append(Markup.empty("client aliases in its namespace"));
            } else {
                html.append("<ul class=\"aliases\">");
                for (JsonNode alias : service.path("aliases")) {
                    List<String> endpoints = new ArrayList<>();
                    alias.path("endpoints").forEach(endpoint -> endpoints.add(endpoint.asText()));
                    html.append("<li><code>").append(Html.escape(alias.path("alias").asText())).append("</code> → ")
                            .append(endpoints.isEmpty() ? "<span class=\"stopped\">no task answers</span>"
                                    : Html.escape(String.join(", ", endpoints)))
                            .append(" <span class=\"meta\">(Cloud Map service ")
                            .append(Html.escape(alias.path("discoveryName").asText())).append(")</span></li>");
                }
                html.append("</ul>");
            }
            html.append("</article>");
        }
        return html.append("</section>").toString();
    }

}
