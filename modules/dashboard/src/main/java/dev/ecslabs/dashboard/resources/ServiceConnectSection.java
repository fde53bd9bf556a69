package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.List;

/**
 * Service Connect on the resources page: for each service in a namespace, what each client alias
 * resolves to inside its tasks now (the tasks' proxies balance over those addresses). Only the
 * course's emulator can tell, through its {@code /_emulator/service-connect/aliases} route
 * ({@link EmulatorRoutes}); on
 * another backend the section says so.
 */
record ServiceConnectSection(String backend, List<ServiceView> services, String whyNot) {

    /** A service in Service Connect, with its namespace's client aliases. */
    record ServiceView(String name, String namespace, List<Alias> aliases) {
    }

    /** A client alias ("backend:8080"), the ip:port it resolves to now, and the Cloud Map service behind it. */
    record Alias(String alias, List<String> endpoints, String discoveryName) {
    }

    /** The section (template {@code resources/serviceConnect.jte}) from the emulator's answer, or, when there is none, why not. */
    static String render(BackendConnection backend, JsonNode answer, String whyNot) {
        List<ServiceView> services = null;
        if (answer != null) {
            services = new ArrayList<>();
            for (JsonNode service : answer.path("services")) {
                List<Alias> aliases = new ArrayList<>();
                for (JsonNode alias : service.path("aliases")) {
                    List<String> endpoints = new ArrayList<>();
                    alias.path("endpoints").forEach(endpoint -> endpoints.add(endpoint.asText()));
                    aliases.add(new Alias(alias.path("alias").asText(), endpoints, alias.path("discoveryName").asText()));
                }
                services.add(new ServiceView(service.path("serviceName").asText(), service.path("namespace").asText(), aliases));
            }
        }
        return Pages.render("resources/serviceConnect.jte", new ServiceConnectSection(backend.describe(), services, whyNot));
    }
}
