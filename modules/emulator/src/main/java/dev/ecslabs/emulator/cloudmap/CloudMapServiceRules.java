package dev.ecslabs.emulator.cloudmap;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckType;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/**
 * What a service's DNS and health check settings may be, as CreateService, DnsConfig, DnsRecord and
 * HealthCheckConfig document it (https://docs.aws.amazon.com/cloud-map/latest/api/API_DnsRecord.html,
 * https://docs.aws.amazon.com/cloud-map/latest/api/API_HealthCheckConfig.html).
 */
final class CloudMapServiceRules {
    private CloudMapServiceRules() {
    }

    /** The DnsConfig to keep: checked, with MULTIVALUE as its routing policy when none is given and no NamespaceId. */
    static DnsConfig dnsConfig(DnsConfig requested, NamespaceRecord namespace) {
        if (!namespace.isDns()) {
            throw CloudMapErrors.invalidInput("Namespace " + namespace.id() + " is an HTTP namespace, which has no DNS "
                    + "records: leave DnsConfig out (its instances are found with DiscoverInstances).");
        }
        checkRecords(requested.dnsRecords());
        RoutingPolicy policy = requested.routingPolicy() == null ? RoutingPolicy.MULTIVALUE : requested.routingPolicy();
        if (policy == RoutingPolicy.UNKNOWN_TO_SDK_VERSION) {
            throw CloudMapErrors.invalidInput("RoutingPolicy must be MULTIVALUE or WEIGHTED.");
        }
        boolean cname = requested.dnsRecords().stream().anyMatch(r -> r.type() == RecordType.CNAME);
        if (cname && policy != RoutingPolicy.WEIGHTED) {
            throw CloudMapErrors.invalidInput("A service with a CNAME record must use the WEIGHTED routing policy.");
        }
        return DnsConfig.builder().routingPolicy(policy).dnsRecords(requested.dnsRecords()).build();
    }

    /**
     * The record types may be A, AAAA, A and AAAA, SRV (alone or with A and AAAA, whose records Cloud
     * Map creates for the SRV targets anyway), or CNAME alone; each type once.
     */
    static void checkRecords(List<DnsRecord> records) {
        if (records.isEmpty()) {
            throw CloudMapErrors.invalidInput("DnsConfig.DnsRecords must name at least one record type: A, AAAA, SRV or CNAME.");
        }
        Set<RecordType> types = EnumSet.noneOf(RecordType.class);
        for (DnsRecord record : records) {
            if (record.type() == null || record.type() == RecordType.UNKNOWN_TO_SDK_VERSION) {
                throw CloudMapErrors.invalidInput("Each DnsRecord needs a Type: A, AAAA, SRV or CNAME.");
            }
            if (!types.add(record.type())) {
                throw CloudMapErrors.invalidInput("DnsConfig.DnsRecords names the record type " + record.type()
                        + " twice; give each type once.");
            }
        }
        if (types.contains(RecordType.CNAME) && types.size() > 1) {
            throw CloudMapErrors.invalidInput("A CNAME record cannot be combined with other record types: use CNAME "
                    + "alone, or A, AAAA and SRV records.");
        }
    }

    /** HealthCheckConfig is for public DNS and HTTP namespaces, never with a CNAME record; TCP checks take no path. */
    static void checkHealthCheckConfig(HealthCheckConfig check, NamespaceRecord namespace, DnsConfig dnsConfig) {
        if (namespace.type() == NamespaceType.DNS_PRIVATE) {
            throw CloudMapErrors.invalidInput("HealthCheckConfig (a Route 53 health check) is for public DNS and HTTP "
                    + "namespaces only; namespace " + namespace.id() + " is private. Use HealthCheckCustomConfig instead.");
        }
        if (dnsConfig != null && dnsConfig.dnsRecords().stream().anyMatch(r -> r.type() == RecordType.CNAME)) {
            throw CloudMapErrors.invalidInput("A service with a CNAME record cannot have a HealthCheckConfig.");
        }
        if (check.type() == HealthCheckType.TCP && check.resourcePath() != null) {
            throw CloudMapErrors.invalidInput("A TCP health check takes no ResourcePath; leave it out or use HTTP or HTTPS.");
        }
    }
}
