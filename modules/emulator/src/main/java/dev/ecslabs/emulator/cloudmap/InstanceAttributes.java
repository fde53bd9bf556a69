package dev.ecslabs.emulator.cloudmap;

import static dev.ecslabs.emulator.cloudmap.InstanceRecord.ALIAS_DNS_NAME;
import static dev.ecslabs.emulator.cloudmap.InstanceRecord.CNAME;
import static dev.ecslabs.emulator.cloudmap.InstanceRecord.EC2_INSTANCE_ID;
import static dev.ecslabs.emulator.cloudmap.InstanceRecord.INIT_HEALTH_STATUS;
import static dev.ecslabs.emulator.cloudmap.InstanceRecord.IPV4;
import static dev.ecslabs.emulator.cloudmap.InstanceRecord.IPV6;
import static dev.ecslabs.emulator.cloudmap.InstanceRecord.PORT;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/**
 * The RegisterInstance rules for attributes (https://docs.aws.amazon.com/cloud-map/latest/api/API_RegisterInstance.html):
 * the AWS_ attributes each DNS record and health check needs, and AWS's limits on custom ones.
 */
final class InstanceAttributes {
    static final Set<String> AWS_KEYS = Set.of(ALIAS_DNS_NAME, EC2_INSTANCE_ID, INIT_HEALTH_STATUS, CNAME, IPV4, IPV6, PORT);
    static final int MAX_CUSTOM = 30;
    static final int MAX_TOTAL_CHARACTERS = 5_000;

    private static final Pattern IPV4_ADDRESS =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private InstanceAttributes() {
    }

    static void check(CloudMapServiceRecord service, NamespaceRecord namespace, Map<String, String> attributes) {
        checkLimits(attributes);
        checkFormats(attributes);
        if (attributes.containsKey(ALIAS_DNS_NAME)) {
            checkAlias(service, attributes);
            return;
        }
        if (attributes.containsKey(EC2_INSTANCE_ID)) {
            if (namespace.isDns()) {
                throw CloudMapErrors.invalidInput("AWS_EC2_INSTANCE_ID can be given for instances in HTTP namespaces only.");
            }
            if (attributes.keySet().stream().anyMatch(k -> !k.equals(EC2_INSTANCE_ID) && !k.equals(INIT_HEALTH_STATUS))) {
                throw CloudMapErrors.invalidInput("With AWS_EC2_INSTANCE_ID, the only other attribute that can be given "
                        + "is AWS_INIT_HEALTH_STATUS.");
            }
            return;
        }
        if (service.dnsRecord(RecordType.A).isPresent()) {
            require(attributes, IPV4, "its DNS configuration has an A record");
        }
        if (service.dnsRecord(RecordType.AAAA).isPresent()) {
            require(attributes, IPV6, "its DNS configuration has an AAAA record");
        }
        if (service.dnsRecord(RecordType.SRV).isPresent()) {
            require(attributes, PORT, "its DNS configuration has an SRV record");
            if (!attributes.containsKey(IPV4) && !attributes.containsKey(IPV6)) {
                throw CloudMapErrors.invalidInput("Service " + service.id() + " has an SRV record, so an instance needs "
                        + "AWS_INSTANCE_IPV4, AWS_INSTANCE_IPV6 or both for the SRV target.");
            }
        }
        if (service.dnsRecord(RecordType.CNAME).isPresent()) {
            require(attributes, CNAME, "its DNS configuration has a CNAME record");
        }
        if (service.healthCheckConfig() != null) {
            require(attributes, PORT, "it has a Route 53 health check (HealthCheckConfig)");
        }
    }

    private static void checkLimits(Map<String, String> attributes) {
        long custom = attributes.keySet().stream().filter(k -> !AWS_KEYS.contains(k)).count();
        if (custom > MAX_CUSTOM) {
            throw CloudMapErrors.invalidInput("An instance can have at most " + MAX_CUSTOM + " custom attributes, not "
                    + custom + ".");
        }
        int characters = attributes.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (characters > MAX_TOTAL_CHARACTERS) {
            throw CloudMapErrors.invalidInput("The attributes of an instance (keys and values together) can have at most "
                    + MAX_TOTAL_CHARACTERS + " characters, not " + characters + ".");
        }
    }

    private static void checkFormats(Map<String, String> attributes) {
        String ipv4 = attributes.get(IPV4);
        if (ipv4 != null && !IPV4_ADDRESS.matcher(ipv4).matches()) {
            throw CloudMapErrors.invalidInput("AWS_INSTANCE_IPV4 must be an IPv4 address such as 192.0.2.44, not '" + ipv4 + "'.");
        }
        String ipv6 = attributes.get(IPV6);
        if (ipv6 != null && !isIpv6(ipv6)) {
            throw CloudMapErrors.invalidInput("AWS_INSTANCE_IPV6 must be an IPv6 address such as "
                    + "2001:0db8:85a3:0000:0000:abcd:0001:2345, not '" + ipv6 + "'.");
        }
        String port = attributes.get(PORT);
        if (port != null && !isPort(port)) {
            throw CloudMapErrors.invalidInput("AWS_INSTANCE_PORT must be a port number from 1 to 65535, not '" + port + "'.");
        }
        String health = attributes.get(INIT_HEALTH_STATUS);
        if (health != null && !health.equals("HEALTHY") && !health.equals("UNHEALTHY")) {
            throw CloudMapErrors.invalidInput("AWS_INIT_HEALTH_STATUS must be HEALTHY or UNHEALTHY, not '" + health + "'.");
        }
    }

    private static void checkAlias(CloudMapServiceRecord service, Map<String, String> attributes) {
        boolean addressRecords = service.dnsRecord(RecordType.A).isPresent() || service.dnsRecord(RecordType.AAAA).isPresent();
        if (!addressRecords || service.dnsConfig().routingPolicy() != RoutingPolicy.WEIGHTED) {
            throw CloudMapErrors.invalidInput("AWS_ALIAS_DNS_NAME needs a service with an A or AAAA record and the "
                    + "WEIGHTED routing policy.");
        }
        if (attributes.keySet().stream().anyMatch(k -> k.startsWith("AWS_INSTANCE_"))) {
            throw CloudMapErrors.invalidInput("With AWS_ALIAS_DNS_NAME, give none of the AWS_INSTANCE_ attributes.");
        }
    }

    private static void require(Map<String, String> attributes, String key, String why) {
        if (!attributes.containsKey(key)) {
            throw CloudMapErrors.invalidInput("The instance needs the attribute " + key + ", because " + why + ".");
        }
    }

    static boolean isIpv6(String text) {
        if (!text.contains(":") || !IPV6_LITERAL.matcher(text).matches()) {
            return false;
        }
        try {
            // A literal (only hex digits, colons and dots) is parsed, never looked up.
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isPort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
