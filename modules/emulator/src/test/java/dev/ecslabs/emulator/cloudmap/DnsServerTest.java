package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/**
 * The emulator's DNS server answers for Cloud Map's DNS namespaces as Route 53 would
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_DnsConfig.html, API_DnsRecord.html),
 * asked with dnsjava's resolver over UDP and TCP, and with dig where it is installed.
 */
@EmulatorTest(dns = true)
class DnsServerTest {
    static Emulator emulator;
    static ManualClock clock;
    static ServiceDiscoveryClient cloudMap;
    static String zone;
    static String namespaceId;

    @BeforeAll
    static void start() {
        zone = "lab" + System.nanoTime() % 100_000 + ".local";
        namespaceId = finish(cloudMap.createPrivateDnsNamespace(b -> b.name(zone).vpc(DefaultVpc.VPC_ID)).operationId());
    }

    @Test
    @DisplayName("GET /_emulator/health tells the DNS server's port, so a lab run against the emulator can find it")
    void healthNamesTheDnsPort() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(emulator.url().resolve("/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(AwsJsonCodec.MAPPER.readTree(response.body()).path("dns").path("port").asInt())
                .isEqualTo(emulator.dnsPort()).isPositive();
    }

    @Test
    @DisplayName("A query for service.namespace answers the IPv4 address of every instance with the service's TTL, over UDP and TCP")
    void aRecords() throws IOException {
        String serviceId = service("backend", RoutingPolicy.MULTIVALUE, false, RecordType.A);
        register(serviceId, "t-1", Map.of("AWS_INSTANCE_IPV4", "172.31.0.11"));
        register(serviceId, "t-2", Map.of("AWS_INSTANCE_IPV4", "172.31.0.12"));

        for (boolean tcp : new boolean[] {false, true}) {
            Message answer = query("backend." + zone, Type.A, tcp);
            assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answer.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress().getHostAddress())
                    .containsExactlyInAnyOrder("172.31.0.11", "172.31.0.12");
            assertThat(answer.getSection(Section.ANSWER)).extracting(Record::getTTL).containsOnly(30L);
        }
    }

    @Test
    @DisplayName("MULTIVALUE routing answers at most eight instances, WEIGHTED routing one at random")
    void routingPolicies() throws IOException {
        String many = service("many", RoutingPolicy.MULTIVALUE, false, RecordType.A);
        String one = service("one", RoutingPolicy.WEIGHTED, false, RecordType.A);
        for (int i = 1; i <= 10; i++) {
            String ip = "172.31.1." + i;
            String id = "i-" + i;
            cloudMap.registerInstance(b -> b.serviceId(many).instanceId(id).attributes(Map.of("AWS_INSTANCE_IPV4", ip)));
            cloudMap.registerInstance(b -> b.serviceId(one).instanceId(id).attributes(Map.of("AWS_INSTANCE_IPV4", ip)));
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(query("many." + zone, Type.A, false).getSection(Section.ANSWER)).hasSize(8);
        assertThat(query("one." + zone, Type.A, false).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    @DisplayName("SRV records carry priority 1, weight 1, the instance's port and the target instance.service.namespace, which resolves")
    void srvRecords() throws IOException {
        String serviceId = service("_api._tcp", RoutingPolicy.MULTIVALUE, false, RecordType.SRV);
        register(serviceId, "task-7", Map.of("AWS_INSTANCE_IPV4", "172.31.2.7", "AWS_INSTANCE_PORT", "8080"));

        Message answer = query("_api._tcp." + zone, Type.SRV, false);
        SRVRecord srv = (SRVRecord) answer.getSection(Section.ANSWER).get(0);
        assertThat(srv.getPriority()).isEqualTo(1);
        assertThat(srv.getWeight()).isEqualTo(1);
        assertThat(srv.getPort()).isEqualTo(8080);
        assertThat(srv.getTarget().toString()).isEqualTo("task-7._api._tcp." + zone + ".");
        assertThat(answer.getSection(Section.ADDITIONAL)).hasSize(1);
        assertThat(addresses(query("task-7._api._tcp." + zone, Type.A, false))).containsExactly("172.31.2.7");
    }

    @Test
    @DisplayName("AAAA records answer the IPv6 addresses, and an A query on an AAAA-only service is an empty NOERROR")
    void aaaaRecords() throws IOException {
        String serviceId = service("six", RoutingPolicy.MULTIVALUE, false, RecordType.AAAA);
        register(serviceId, "v6", Map.of("AWS_INSTANCE_IPV6", "2001:db8::1"));

        assertThat(addresses(query("six." + zone, Type.AAAA, false))).containsExactly("2001:db8:0:0:0:0:0:1");
        Message noA = query("six." + zone, Type.A, false);
        assertThat(noA.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(noA.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    @DisplayName("Unhealthy instances are left out of answers, unless none is healthy")
    void health() throws IOException {
        String serviceId = service("checked", RoutingPolicy.MULTIVALUE, true, RecordType.A);
        register(serviceId, "good", Map.of("AWS_INSTANCE_IPV4", "172.31.3.1"));
        register(serviceId, "bad", Map.of("AWS_INSTANCE_IPV4", "172.31.3.2"));
        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(serviceId).instanceId("bad").status(CustomHealthStatus.UNHEALTHY));
        assertThat(addresses(query("checked." + zone, Type.A, false))).as("the status changes 30 s later").hasSize(2);
        clock.advance(Duration.ofSeconds(30));

        assertThat(addresses(query("checked." + zone, Type.A, false))).containsExactly("172.31.3.1");
        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(serviceId).instanceId("good").status(CustomHealthStatus.UNHEALTHY));
        clock.advance(Duration.ofSeconds(30));
        assertThat(addresses(query("checked." + zone, Type.A, false))).hasSize(2);
    }

    @Test
    @DisplayName("A deregistered instance leaves the answers once its operation has succeeded")
    void deregistration() throws IOException {
        String serviceId = service("moving", RoutingPolicy.MULTIVALUE, false, RecordType.A);
        register(serviceId, "old", Map.of("AWS_INSTANCE_IPV4", "172.31.4.1"));
        register(serviceId, "new", Map.of("AWS_INSTANCE_IPV4", "172.31.4.2"));

        String operationId = cloudMap.deregisterInstance(b -> b.serviceId(serviceId).instanceId("old")).operationId();
        assertThat(addresses(query("moving." + zone, Type.A, false))).hasSize(2);
        finish(operationId);
        assertThat(addresses(query("moving." + zone, Type.A, false))).containsExactly("172.31.4.2");
    }

    @Test
    @DisplayName("An unknown name in a namespace is NXDOMAIN with the zone's SOA; a name outside every namespace is REFUSED")
    void unknownNames() throws IOException {
        Message unknown = query("nobody." + zone, Type.A, false);
        assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(unknown.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
        assertThat(query("example.org", Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
        service("empty", RoutingPolicy.MULTIVALUE, false, RecordType.A);
        assertThat(query("empty." + zone, Type.A, false).getRcode()).as("no instance, no record").isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    @DisplayName("dig finds the instances through the emulator's DNS server (skipped where dig is not installed)")
    void dig() throws Exception {
        assumeTrue(onPath("dig"), "dig is not installed here; .ci/run installs Debian's dnsutils");
        String serviceId = service("dug", RoutingPolicy.MULTIVALUE, false, RecordType.A);
        register(serviceId, "d-1", Map.of("AWS_INSTANCE_IPV4", "172.31.5.1"));

        for (String transport : List.of("+notcp", "+tcp")) {
            Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(emulator.dnsPort()), transport,
                    "+short", "+time=2", "+tries=1", "dug." + zone, "A").redirectErrorStream(true).start();
            assertThat(dig.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("172.31.5.1");
        }
    }

    private static String service(String name, RoutingPolicy policy, boolean customHealth, RecordType type) {
        return cloudMap.createService(b -> {
            b.name(name).namespaceId(namespaceId)
                    .dnsConfig(d -> d.routingPolicy(policy).dnsRecords(r -> r.type(type).ttl(30L)));
            if (customHealth) {
                b.healthCheckCustomConfig(c -> { });
            }
        }).service().id();
    }

    private static void register(String serviceId, String instanceId, Map<String, String> attributes) {
        finish(cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId(instanceId).attributes(attributes))
                .operationId());
    }

    private static String finish(String operationId) {
        clock.advance(Duration.ofMinutes(2));
        return cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings().get("NAMESPACE");
    }

    private static Message query(String name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(emulator.dnsPort());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    private static List<String> addresses(Message answer) {
        return answer.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
