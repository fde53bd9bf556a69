package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/**
 * Answers DNS queries as the Route 53 hosted zones of Cloud Map's DNS namespaces would: for
 * {@code service.namespace}, the A, AAAA, SRV or CNAME records of its instances with the service's
 * TTLs, healthy ones only when the service has a health check (all when none is healthy); up to
 * eight answers with MULTIVALUE routing and one random answer with WEIGHTED
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_DnsConfig.html); for
 * {@code instance.service.namespace} of an SRV service, the instance's own A and AAAA records.
 * Unknown names in a namespace are NXDOMAIN; names outside every namespace are REFUSED.
 * Queries are answered as from inside the default VPC: a private namespace of that VPC wins over
 * another of the same name, then the newest.
 */
final class DnsAnswers {
    static final int MULTIVALUE_MAX_ANSWERS = 8;
    private static final Name ROUTE53_NAME_SERVER = Name.fromConstantString("ns-1536.awsdns-00.co.uk.");
    private static final Name ROUTE53_HOSTMASTER = Name.fromConstantString("awsdns-hostmaster.amazon.com.");

    private final StateStore store;

    DnsAnswers(StateStore store) {
        this.store = store;
    }

    /** A zone: one DNS namespace in the account-region that holds it. */
    private record Zone(AccountRegion region, NamespaceRecord namespace) {
    }

    Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        String name = question.getName().toString(true).toLowerCase();
        Optional<Zone> zone = zoneOf(name);
        if (zone.isEmpty() || question.getDClass() != DClass.IN) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        zone.get().region().locked(() -> fill(response, zone.get().namespace(), zone.get().region(), question, name));
        return response;
    }

    private Optional<Zone> zoneOf(String name) {
        List<Zone> candidates = new ArrayList<>();
        for (AccountRegion region : store.all()) {
            region.locked(() -> {
                for (NamespaceRecord namespace : Namespaces.of(region).visible()) {
                    String zone = namespace.name().toLowerCase();
                    if (namespace.isDns() && (name.equals(zone) || name.endsWith("." + zone))) {
                        candidates.add(new Zone(region, namespace));
                    }
                }
            });
        }
        return candidates.stream().max(Comparator.<Zone>comparingInt(z -> z.namespace().name().length())
                .thenComparingInt(z -> preference(z.namespace()))
                .thenComparing(z -> z.namespace().createDate()));
    }

    private static int preference(NamespaceRecord namespace) {
        if (namespace.type() == NamespaceType.DNS_PRIVATE) {
            return DefaultVpc.VPC_ID.equals(namespace.vpc()) ? 2 : 1;
        }
        return 0;
    }

    private void fill(Message response, NamespaceRecord namespace, AccountRegion region, Record question, String name) {
        int type = question.getType();
        String zone = namespace.name().toLowerCase();
        String relative = name.equals(zone) ? "" : name.substring(0, name.length() - zone.length() - 1);
        CloudMapServices services = CloudMapServices.of(region);
        if (relative.isEmpty()) {
            if (type == Type.SOA || type == Type.ANY) {
                response.addRecord(soa(namespace), Section.ANSWER);
            } else {
                response.addRecord(soa(namespace), Section.AUTHORITY);
            }
            return;
        }
        Optional<CloudMapServiceRecord> service = services.byName(namespace, relative).filter(s -> !s.instances().isEmpty());
        if (service.isPresent()) {
            List<Record> additional = new ArrayList<>();
            List<Record> answers = serviceRecords(service.get(), question.getName(), type, namespace, additional);
            answers.forEach(r -> response.addRecord(r, Section.ANSWER));
            additional.forEach(r -> response.addRecord(r, Section.ADDITIONAL));
            if (answers.isEmpty()) {
                response.addRecord(soa(namespace), Section.AUTHORITY);
            }
            return;
        }
        Optional<InstanceRecord> srvTarget = srvTarget(services, namespace, relative);
        if (srvTarget.isPresent()) {
            CloudMapServiceRecord owner = services.byName(namespace, relative.substring(relative.indexOf('.') + 1)).orElseThrow();
            List<Record> answers = addressRecords(owner, srvTarget.get(), question.getName(), type);
            answers.forEach(r -> response.addRecord(r, Section.ANSWER));
            if (answers.isEmpty()) {
                response.addRecord(soa(namespace), Section.AUTHORITY);
            }
            return;
        }
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        response.addRecord(soa(namespace), Section.AUTHORITY);
    }

    /** "If you specify settings for an SRV record ... Cloud Map automatically creates A and/or AAAA records" named instance.service.namespace. */
    private static Optional<InstanceRecord> srvTarget(CloudMapServices services, NamespaceRecord namespace, String relative) {
        int dot = relative.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String instanceId = relative.substring(0, dot);
        return services.byName(namespace, relative.substring(dot + 1))
                .filter(s -> s.dnsRecord(RecordType.SRV).isPresent())
                .flatMap(s -> s.instances().stream().filter(i -> i.id().equalsIgnoreCase(instanceId)).findFirst());
    }

    /** The answers for a service's name; the SRV targets' own address records go to {@code additional}. */
    private static List<Record> serviceRecords(CloudMapServiceRecord service, Name name, int type, NamespaceRecord namespace,
                                               List<Record> additional) {
        List<Record> records = new ArrayList<>();
        Optional<DnsRecord> cname = service.dnsRecord(RecordType.CNAME);
        if (cname.isPresent()) {
            for (InstanceRecord instance : routed(service, InstanceRecord.CNAME)) {
                records.add(new CNAMERecord(name, DClass.IN, cname.get().ttl(), absolute(instance.attribute(InstanceRecord.CNAME))));
            }
            return records;
        }
        if (type == Type.A || type == Type.ANY) {
            service.dnsRecord(RecordType.A).ifPresent(record -> routed(service, InstanceRecord.IPV4).forEach(
                    i -> records.add(new ARecord(name, DClass.IN, record.ttl(), address(i.attribute(InstanceRecord.IPV4))))));
        }
        if (type == Type.AAAA || type == Type.ANY) {
            service.dnsRecord(RecordType.AAAA).ifPresent(record -> routed(service, InstanceRecord.IPV6).forEach(
                    i -> records.add(new AAAARecord(name, DClass.IN, record.ttl(), address(i.attribute(InstanceRecord.IPV6))))));
        }
        if (type == Type.SRV || type == Type.ANY) {
            service.dnsRecord(RecordType.SRV).ifPresent(record -> routed(service, InstanceRecord.PORT).forEach(i -> {
                Name target = srvTargetName(i, service, namespace);
                // "The values of priority and weight are both set to 1 and can't be changed."
                records.add(new SRVRecord(name, DClass.IN, record.ttl(), 1, 1,
                        Integer.parseInt(i.attribute(InstanceRecord.PORT)), target));
                additional.addAll(addressRecords(service, i, target, Type.ANY));
            }));
        }
        return records;
    }

    private static List<Record> addressRecords(CloudMapServiceRecord service, InstanceRecord instance, Name name, int type) {
        long ttl = service.dnsRecord(RecordType.SRV).map(DnsRecord::ttl).orElse(60L);
        List<Record> records = new ArrayList<>();
        String ipv4 = instance.attribute(InstanceRecord.IPV4);
        String ipv6 = instance.attribute(InstanceRecord.IPV6);
        if (ipv4 != null && (type == Type.A || type == Type.ANY)) {
            records.add(new ARecord(name, DClass.IN, ttl, address(ipv4)));
        }
        if (ipv6 != null && (type == Type.AAAA || type == Type.ANY)) {
            records.add(new AAAARecord(name, DClass.IN, ttl, address(ipv6)));
        }
        return records;
    }

    /**
     * The instances a query is answered with: those that have the record's attribute, healthy ones
     * when the service has a health check (all of them when none is healthy), up to eight in random
     * order with MULTIVALUE, one at random with WEIGHTED.
     */
    private static List<InstanceRecord> routed(CloudMapServiceRecord service, String attribute) {
        List<InstanceRecord> candidates = candidates(service, attribute);
        Collections.shuffle(candidates, ThreadLocalRandom.current());
        int max = service.dnsConfig().routingPolicy() == RoutingPolicy.WEIGHTED ? 1 : MULTIVALUE_MAX_ANSWERS;
        return candidates.size() > max ? candidates.subList(0, max) : candidates;
    }

    /** The instances with {@code attribute} that DNS answers with: the healthy ones when the service has a health check and some are. */
    static List<InstanceRecord> candidates(CloudMapServiceRecord service, String attribute) {
        List<InstanceRecord> candidates = new ArrayList<>();
        for (InstanceRecord instance : service.instances()) {
            if (instance.attribute(attribute) != null) {
                candidates.add(instance);
            }
        }
        if (service.hasHealthCheck()) {
            List<InstanceRecord> healthy = candidates.stream().filter(i -> i.health() == HealthStatus.HEALTHY).toList();
            if (!healthy.isEmpty()) {
                candidates = new ArrayList<>(healthy);
            }
        }
        return candidates;
    }

    private static Name srvTargetName(InstanceRecord instance, CloudMapServiceRecord service, NamespaceRecord namespace) {
        return absolute(instance.id() + "." + service.name() + "." + namespace.name());
    }

    private static SOARecord soa(NamespaceRecord namespace) {
        return new SOARecord(absolute(namespace.name()), DClass.IN, 900, ROUTE53_NAME_SERVER, ROUTE53_HOSTMASTER,
                1, 7200, 900, 1_209_600, namespace.soaTtl());
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalStateException("Not a DNS name: " + name, e);
        }
    }

    /** The attribute was checked to be an IP literal at registration, so this never looks anything up. */
    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Not an IP address: " + literal, e);
        }
    }
}
