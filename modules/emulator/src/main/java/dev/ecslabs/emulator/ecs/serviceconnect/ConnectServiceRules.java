package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceConnectTlsConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The rules for each Service Connect service of a configuration, in the words of
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html and
 * API_ServiceConnectClientAlias.html: its portName names a port mapping of the task definition;
 * its discovery name and its client aliases are unique in the namespace; at most one client
 * alias; per-request timeouts only for HTTP-like protocols; TLS with a Private CA authority.
 */
final class ConnectServiceRules {
    /** "up to 64 characters ... lowercase letters, numbers, underscores (_), and hyphens (-). The name can't start with a hyphen." */
    private static final Pattern DISCOVERY_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");
    /** "up to 127 characters ... lowercase letters, numbers, underscores (_), hyphens (-), and periods (.). The name can't start with a hyphen." */
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_.][a-z0-9_.-]{0,126}");
    /** "The maximum number of client aliases that you can have in this list is 1." */
    static final int MAX_CLIENT_ALIASES = 1;

    private ConnectServiceRules() {
    }

    static void check(AccountRegion region, ServiceConnectConfiguration configuration, List<ConnectService> services,
                      TaskDefinition definition, ConnectNamespace namespace, String serviceArn) {
        if (configuration.accessLogConfiguration() != null && configuration.logConfiguration() == null) {
            throw EcsErrors.invalidParameter("Service Connect access logs go where its logConfiguration sends the proxy's "
                    + "logs: give a logConfiguration with the accessLogConfiguration.");
        }
        Map<String, PortMapping> portMappings = portMappings(definition);
        Set<String> discoveryNames = new HashSet<>();
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceConnectService requested = configuration.services().get(i);
            ConnectService service = services.get(i);
            PortMapping mapping = portMapping(portMappings, service.portName(), definition);
            checkDiscoveryName(service.discoveryName(), discoveryNames);
            checkClientAliases(requested, service, aliases);
            if (service.ingressPortOverride() != null && (service.ingressPortOverride() < 1
                    || service.ingressPortOverride() > 65535)) {
                throw EcsErrors.invalidParameter("ingressPortOverride must be a port from 1 to 65535, not "
                        + service.ingressPortOverride() + ".");
            }
            if (requested.timeout() != null && requested.timeout().perRequestTimeoutSeconds() != null
                    && (mapping.appProtocol() == null || mapping.appProtocol() == ApplicationProtocol.UNKNOWN_TO_SDK_VERSION)) {
                throw EcsErrors.invalidParameter("perRequestTimeoutSeconds can only be set if the Service Connect "
                        + "appProtocol isn't TCP, and the port mapping " + service.portName() + " has no appProtocol (so "
                        + "TCP). Give it appProtocol http, http2 or grpc, or use idleTimeoutSeconds only.");
            }
            checkTls(requested.tls());
        }
        checkUniqueInNamespace(region, services, namespace, serviceArn);
    }

    private static Map<String, PortMapping> portMappings(TaskDefinition definition) {
        Map<String, PortMapping> byName = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            container.portMappings().stream().filter(mapping -> mapping.name() != null)
                    .forEach(mapping -> byName.put(mapping.name(), mapping));
        }
        return byName;
    }

    /** "The portName must match the name of one of the portMappings from all the containers in the task definition." */
    private static PortMapping portMapping(Map<String, PortMapping> portMappings, String portName, TaskDefinition definition) {
        PortMapping mapping = portName == null ? null : portMappings.get(portName);
        if (mapping == null) {
            throw EcsErrors.invalidParameter("The Service Connect portName '" + portName + "' is not the name of a port "
                    + "mapping in the task definition " + definition.family() + ":" + definition.revision()
                    + (portMappings.isEmpty() ? " (it names none: give a port mapping a name)."
                    : " (it names " + String.join(", ", portMappings.keySet()) + ")."));
        }
        return mapping;
    }

    private static void checkDiscoveryName(String discoveryName, Set<String> seen) {
        if (!DISCOVERY_NAME.matcher(discoveryName).matches()) {
            throw EcsErrors.invalidParameter("Invalid discoveryName '" + discoveryName + "': up to 64 lowercase letters, "
                    + "numbers, underscores and hyphens, not starting with a hyphen.");
        }
        if (!seen.add(discoveryName)) {
            throw EcsErrors.invalidParameter("The discoveryName '" + discoveryName + "' is given to two Service Connect "
                    + "services: each needs a discovery name of its own (it names a Cloud Map service). Set discoveryName "
                    + "on the second one.");
        }
    }

    private static void checkClientAliases(ServiceConnectService requested, ConnectService service, Set<String> seen) {
        if (service.clientAliases().size() > MAX_CLIENT_ALIASES) {
            throw EcsErrors.invalidParameter("The Service Connect service " + service.discoveryName() + " has "
                    + service.clientAliases().size() + " client aliases; a Service Connect service can have at most "
                    + MAX_CLIENT_ALIASES + ". Add another Service Connect service (with its own discoveryName) for another "
                    + "name or port.");
        }
        for (int i = 0; i < service.clientAliases().size(); i++) {
            ClientAlias alias = service.clientAliases().get(i);
            String given = requested.clientAliases().get(i).dnsName();
            if (given != null && !given.isEmpty() && !DNS_NAME.matcher(given).matches()) {
                throw EcsErrors.invalidParameter("Invalid client alias dnsName '" + given + "': up to 127 lowercase letters, "
                        + "numbers, underscores, hyphens and periods, not starting with a hyphen (for example backend or "
                        + "backend.internal).");
            }
            if (alias.port() < 1 || alias.port() > 65535) {
                throw EcsErrors.invalidParameter("The client alias " + alias.dnsName() + " needs a port from 1 to 65535, not "
                        + alias.port() + ": the port client applications connect to.");
            }
            if (!seen.add(key(alias))) {
                throw EcsErrors.invalidParameter("The client alias " + alias + " is given twice: each name and port must be "
                        + "unique within the namespace.");
            }
        }
    }

    private static void checkTls(ServiceConnectTlsConfiguration tls) {
        if (tls == null) {
            return;
        }
        String authority = tls.issuerCertificateAuthority() == null ? null : tls.issuerCertificateAuthority().awsPcaAuthorityArn();
        if (authority == null || Arns.parse(authority).filter(arn -> arn.service().equals("acm-pca")
                && arn.resource().startsWith("certificate-authority/")).isEmpty()) {
            throw EcsErrors.invalidParameter("tls.issuerCertificateAuthority.awsPcaAuthorityArn '" + authority + "' is not "
                    + "the ARN of an AWS Private CA certificate authority (arn:aws:acm-pca:<region>:<account>:"
                    + "certificate-authority/<id>).");
        }
        if (tls.roleArn() != null && Arns.parse(tls.roleArn()).filter(arn -> arn.service().equals("iam")
                && arn.resource().startsWith("role/")).isEmpty()) {
            throw EcsErrors.invalidParameter("tls.roleArn '" + tls.roleArn() + "' is not an IAM role ARN "
                    + "(arn:aws:iam::<account>:role/<name>).");
        }
    }

    /**
     * "All discovery names must be unique within a namespace" and "All endpoints must be unique
     * within a namespace": against the other ECS services' deployments in it, and against Cloud
     * Map services that ECS did not create.
     */
    private static void checkUniqueInNamespace(AccountRegion region, List<ConnectService> services,
                                               ConnectNamespace namespace, String serviceArn) {
        for (NamespaceMembers.Member member : NamespaceMembers.in(region, namespace.arn())) {
            if (member.serviceArn().equals(serviceArn)) {
                continue;
            }
            for (ConnectService theirs : member.services()) {
                for (ConnectService ours : services) {
                    if (theirs.discoveryName().equals(ours.discoveryName())) {
                        throw EcsErrors.invalidParameter("The discoveryName '" + ours.discoveryName() + "' is already used "
                                + "in the namespace " + namespace.name() + " by the service " + member.serviceName()
                                + ". Discovery names must be unique within a namespace: set another discoveryName.");
                    }
                    for (ClientAlias alias : ours.clientAliases()) {
                        if (theirs.clientAliases().stream().anyMatch(other -> key(other).equals(key(alias)))) {
                            throw EcsErrors.invalidParameter("The client alias " + alias + " is already an endpoint of the "
                                    + "service " + member.serviceName() + " in the namespace " + namespace.name()
                                    + ". Endpoints must be unique within a namespace: choose another dnsName or port.");
                        }
                    }
                }
            }
        }
        ServiceConnectState state = ServiceConnectState.of(region);
        for (ConnectService ours : services) {
            Optional<String> taken = CloudMap.of(region).serviceNamed(namespace.arn(), ours.discoveryName())
                    .map(service -> service.arn()).filter(arn -> !state.created(arn));
            if (taken.isPresent()) {
                throw EcsErrors.invalidParameter("The namespace " + namespace.name() + " already has a Cloud Map service "
                        + "named " + ours.discoveryName() + " that ECS did not create for Service Connect. Set another "
                        + "discoveryName, or delete that Cloud Map service first.");
            }
        }
    }

    private static String key(ClientAlias alias) {
        return alias.dnsName().toLowerCase(Locale.ROOT) + ":" + alias.port();
    }
}
