package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * The rules for {@code portMappings}: a container port from 1 to 65535, a host port equal to it
 * (or left out) in the awsvpc and host network modes, none at all in the none mode, and names
 * that Service Connect can refer to: unique within the task, with {@code appProtocol} only on a
 * named port (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html).
 * Protocol values (tcp, udp) and appProtocol values (http, http2, grpc) are checked against the
 * model before these rules run.
 */
final class PortMappingRules {
    /** "Up to 64 characters ... lowercase letters, numbers, underscores (_), and hyphens (-). The name can't start with a hyphen." */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
    private static final int MAX_PORT = 65_535;

    private PortMappingRules() {
    }

    static void check(List<ContainerDefinition> containers, NetworkMode networkMode) {
        Map<String, String> containerByPortName = new HashMap<>();
        for (ContainerDefinition container : containers) {
            if (!container.hasPortMappings() || container.portMappings().isEmpty()) {
                continue;
            }
            if (networkMode == NetworkMode.NONE) {
                throw EcsErrors.client("Container '" + container.name() + "' has port mappings, which can't be used when "
                        + "networkMode=none. Use awsvpc to give the task a network interface of its own.");
            }
            for (PortMapping mapping : container.portMappings()) {
                checkPorts(container.name(), mapping, networkMode);
                checkName(container.name(), mapping, containerByPortName);
            }
        }
    }

    private static void checkPorts(String container, PortMapping mapping, NetworkMode networkMode) {
        if (mapping.containerPortRange() != null) {
            checkRange(container, mapping);
            return;
        }
        Integer port = mapping.containerPort();
        if (port == null || port < 1 || port > MAX_PORT) {
            throw EcsErrors.client("Invalid 'containerPort' setting for container '" + container + "'. Each port mapping "
                    + "needs a containerPort from 1 to " + MAX_PORT + (port == null ? "." : ", not " + port + "."));
        }
        Integer hostPort = mapping.hostPort();
        if (hostPort != null && (hostPort < 0 || hostPort > MAX_PORT)) {
            throw EcsErrors.client("Invalid 'hostPort' setting for container '" + container + "'. A hostPort is from 0 to "
                    + MAX_PORT + ", not " + hostPort + ".");
        }
        boolean sharedNetwork = networkMode == NetworkMode.AWSVPC || networkMode == NetworkMode.HOST;
        if (sharedNetwork && hostPort != null && !hostPort.equals(port)) {
            throw EcsErrors.client("When networkMode=" + networkMode + ", the host ports and container ports in port "
                    + "mappings must match. Container '" + container + "' maps container port " + port + " to host port "
                    + hostPort + ": leave hostPort out or set it to " + port + ".");
        }
    }

    private static void checkRange(String container, PortMapping mapping) {
        Matcher range = RANGE.matcher(mapping.containerPortRange());
        boolean valid = range.matches() && Integer.parseInt(range.group(1)) >= 1
                && Integer.parseInt(range.group(1)) < Integer.parseInt(range.group(2))
                && Integer.parseInt(range.group(2)) <= MAX_PORT;
        if (!valid) {
            throw EcsErrors.client("Invalid 'containerPortRange' setting for container '" + container + "': '"
                    + mapping.containerPortRange() + "'. Write it as first-last, for example 8000-8099, with the first "
                    + "port below the last and both from 1 to " + MAX_PORT + ".");
        }
        if (mapping.containerPort() != null || mapping.hostPort() != null) {
            throw EcsErrors.client("Container '" + container + "' sets containerPortRange " + mapping.containerPortRange()
                    + " together with containerPort or hostPort. A port mapping with a range sets neither.");
        }
    }

    private static void checkName(String container, PortMapping mapping, Map<String, String> containerByPortName) {
        String name = mapping.name();
        String port = mapping.containerPort() != null ? String.valueOf(mapping.containerPort()) : mapping.containerPortRange();
        if (name == null) {
            if (mapping.appProtocol() != null) {
                throw EcsErrors.client("Port mapping " + port + " of container '" + container + "' sets appProtocol "
                        + mapping.appProtocolAsString() + " but has no name. appProtocol applies to Service Connect, "
                        + "which refers to a port mapping by its name: give it a name.");
            }
            return;
        }
        if (!NAME.matcher(name).matches()) {
            throw EcsErrors.client("Invalid port mapping name '" + name + "' in container '" + container + "': up to 64 "
                    + "lowercase letters, numbers, underscores and hyphens are allowed, and it can't start with a hyphen.");
        }
        String other = containerByPortName.putIfAbsent(name, container);
        if (other != null) {
            throw EcsErrors.client("The port mapping name '" + name + "' is used twice (containers '" + other + "' and '"
                    + container + "'). Service Connect refers to port mappings by name, so each name must be unique "
                    + "within the task definition.");
        }
    }
}
