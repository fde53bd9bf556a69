package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * Who takes part in Service Connect in one account and region: every deployment of an ECS service
 * (not INACTIVE) that runs with Service Connect, with its namespace and its Service Connect
 * services. A service's deployments can differ while one replaces the other, so each counts.
 */
final class NamespaceMembers {

    /** One deployment of an ECS service in a namespace; {@code primary} for the deployment the service now describes. */
    record Member(String serviceArn, String serviceName, String clusterArn, boolean active, boolean primary,
                  ConnectNamespace namespace, List<ConnectService> services, String taskDefinitionArn) {
    }

    private NamespaceMembers() {
    }

    static List<Member> of(AccountRegion region) {
        List<Member> members = new ArrayList<>();
        Map<String, Optional<ConnectNamespace>> namespaces = new HashMap<>();
        for (Services.ServiceSummary service : Services.of(region).summaries()) {
            if ("INACTIVE".equals(service.status())) {
                continue;
            }
            boolean primary = true;
            for (ServiceRevision revision : service.deployments()) {
                ServiceConnectConfiguration configuration = revision.serviceConnectConfiguration();
                if (configuration != null && Boolean.TRUE.equals(configuration.enabled())) {
                    Optional<ConnectNamespace> namespace = namespaces.computeIfAbsent(configuration.namespace(),
                            arn -> ConnectNamespace.find(region, arn));
                    if (namespace.isPresent()) {
                        members.add(new Member(service.serviceArn(), service.serviceName(), service.clusterArn(),
                                service.isActive(), primary, namespace.get(),
                                ConnectService.of(configuration, namespace.get().name()), revision.taskDefinition()));
                    }
                }
                primary = false;
            }
        }
        return members;
    }

    /** The members of one namespace. */
    static List<Member> in(AccountRegion region, String namespaceArn) {
        return of(region).stream().filter(member -> member.namespace().arn().equals(namespaceArn)).toList();
    }
}
