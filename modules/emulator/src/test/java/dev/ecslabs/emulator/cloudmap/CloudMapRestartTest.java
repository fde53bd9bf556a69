package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.state.AccountRegion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceAlreadyExistsException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * Cloud Map in an emulator with a data directory: namespaces, services and instances survive a
 * restart, and what was under way (operations, health changes, registrations queued behind them)
 * finishes after it, on the resumed clock.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class CloudMapRestartTest {
    @TempDir
    Path data;

    @Test
    @DisplayName("Namespaces, services and instances survive a restart; operations submitted just before it complete after it, on time")
    void namespacesServicesAndOperationsSurvive() throws Exception {
        ManualClock clock = new ManualClock();
        Namespace dnsNamespace;
        String serviceId;
        String registerOperation;
        String createOperation;
        try (Emulator first = Restarts.start(data, clock); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            String namespaceId = finish(clock, cloudMap, cloudMap.createPrivateDnsNamespace(b -> b.name("lab.local")
                    .vpc(DefaultVpc.VPC_ID).tags(Tag.builder().key("lab").value("06").build())).operationId());
            serviceId = cloudMap.createService(b -> b.name("web").namespaceId(namespaceId).description("the web tier")
                    .dnsConfig(d -> d.dnsRecords(DnsRecord.builder().type(RecordType.A).ttl(60L).build()))).service().id();
            dnsNamespace = cloudMap.getNamespace(b -> b.id(namespaceId)).namespace();
            cloudMap.updateServiceAttributes(b -> b.serviceId(serviceId).attributes(Map.of("tier", "front")));
            finish(clock, cloudMap, cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("web-1")
                    .attributes(Map.of("AWS_INSTANCE_IPV4", "172.31.0.10", "version", "1"))).operationId());
            registerOperation = cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("web-2")
                    .attributes(Map.of("AWS_INSTANCE_IPV4", "172.31.0.11", "version", "2"))).operationId();
            createOperation = cloudMap.createHttpNamespace(b -> b.name("shop").creatorRequestId("create-shop")).operationId();
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Emulator.builder().clock(resumed).port(0).dnsPort(0).dataDirectory(data).start();
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            assertThat(cloudMap.getNamespace(b -> b.id(dnsNamespace.id())).namespace()).isEqualTo(dnsNamespace);
            assertThat(cloudMap.listTagsForResource(b -> b.resourceARN(dnsNamespace.arn())).tags())
                    .containsExactly(Tag.builder().key("lab").value("06").build());
            assertThat(cloudMap.getService(b -> b.id(serviceId)).service().description()).isEqualTo("the web tier");
            assertThat(cloudMap.getServiceAttributes(b -> b.serviceId(serviceId)).serviceAttributes().attributes())
                    .containsExactly(Map.entry("tier", "front"));
            assertThat(status(cloudMap, registerOperation)).isEqualTo(OperationStatus.SUBMITTED);
            assertThat(discover(cloudMap)).extracting(HttpInstanceSummary::instanceId).containsExactly("web-1");
            String shopId = operationTarget(cloudMap, createOperation);
            assertThatThrownBy(() -> cloudMap.getNamespace(b -> b.id(shopId))).as("still being created")
                    .isInstanceOf(NamespaceNotFoundException.class);

            resumed.advance(OperationTimings.PENDING_AFTER);
            assertThat(status(cloudMap, registerOperation)).isEqualTo(OperationStatus.PENDING);
            resumed.advance(OperationTimings.HTTP_NAMESPACE.minus(OperationTimings.PENDING_AFTER));
            assertThat(status(cloudMap, createOperation)).isEqualTo(OperationStatus.SUCCESS);
            assertThat(cloudMap.getNamespace(b -> b.id(shopId)).namespace().name()).isEqualTo("shop");
            assertThat(cloudMap.getOperation(b -> b.operationId(createOperation)).operation().updateDate())
                    .isEqualTo(cloudMap.getOperation(b -> b.operationId(createOperation)).operation().createDate()
                            .plus(OperationTimings.HTTP_NAMESPACE));
            assertThat(status(cloudMap, registerOperation)).as("a DNS registration takes 20 s").isEqualTo(OperationStatus.PENDING);
            resumed.advance(OperationTimings.DNS_INSTANCE);
            assertThat(status(cloudMap, registerOperation)).isEqualTo(OperationStatus.SUCCESS);

            assertThat(discover(cloudMap)).extracting(HttpInstanceSummary::instanceId).containsExactly("web-1", "web-2");
            assertThat(cloudMap.getInstance(b -> b.serviceId(serviceId).instanceId("web-2")).instance().attributes())
                    .containsEntry("version", "2");
            assertThat(addresses(second, "web.lab.local")).containsExactlyInAnyOrder("172.31.0.10", "172.31.0.11");
            assertThatThrownBy(() -> cloudMap.createHttpNamespace(b -> b.name("shop").creatorRequestId("create-shop")))
                    .as("the CreatorRequestId is remembered across the restart")
                    .isInstanceOf(NamespaceAlreadyExistsException.class);
        }
    }

    @Test
    @DisplayName("A custom health change on its way, and a registration queued behind an operation, take effect after the restart")
    void healthChangesAndQueuedRegistrationsResume() {
        ManualClock clock = new ManualClock();
        String serviceId;
        try (Emulator first = Restarts.start(data, clock); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            String namespaceId = finish(clock, cloudMap, cloudMap.createHttpNamespace(b -> b.name("health")).operationId());
            serviceId = cloudMap.createService(b -> b.name("api").namespaceId(namespaceId)
                    .healthCheckCustomConfig(c -> c.failureThreshold(1))).service().id();
            finish(clock, cloudMap, cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("api-1")
                    .attributes(Map.of("AWS_INSTANCE_IPV4", "172.31.0.20"))).operationId());
            cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(serviceId).instanceId("api-1")
                    .status(CustomHealthStatus.UNHEALTHY));
            cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("api-2")
                    .attributes(Map.of("AWS_INSTANCE_IPV4", "172.31.0.21")));
            AccountRegion region = first.state().get("000000000000", "us-east-1");
            // the internal API queues a change to an instance whose registration is still in progress
            region.locked(() -> CloudMap.of(region).registerInstance(serviceId, "api-2",
                    Map.of("AWS_INSTANCE_IPV4", "172.31.0.22")));
            clock.advance(Duration.ofSeconds(1));
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Restarts.start(data, resumed); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            assertThat(health(cloudMap, serviceId)).containsOnlyKeys("api-1").containsEntry("api-1", HealthStatus.HEALTHY);

            resumed.advance(OperationTimings.HTTP_INSTANCE.minusSeconds(1));
            assertThat(ipv4(cloudMap, serviceId, "api-2")).isEqualTo("172.31.0.21");
            resumed.advance(OperationTimings.HTTP_INSTANCE);
            assertThat(ipv4(cloudMap, serviceId, "api-2")).as("the queued registration ran once the first one had finished")
                    .isEqualTo("172.31.0.22");
            resumed.advance(OperationTimings.CUSTOM_HEALTH_DELAY.minusSeconds(7));
            assertThat(health(cloudMap, serviceId)).containsEntry("api-1", HealthStatus.HEALTHY);
            resumed.advance(Duration.ofSeconds(1));
            assertThat(health(cloudMap, serviceId)).as("30 s after the update").containsEntry("api-1", HealthStatus.UNHEALTHY);
        }
    }

    private static String ipv4(ServiceDiscoveryClient cloudMap, String serviceId, String instanceId) {
        return cloudMap.getInstance(b -> b.serviceId(serviceId).instanceId(instanceId)).instance().attributes()
                .get("AWS_INSTANCE_IPV4");
    }

    private static String finish(ManualClock clock, ServiceDiscoveryClient cloudMap, String operationId) {
        clock.advance(Duration.ofMinutes(2));
        return operationTarget(cloudMap, operationId);
    }

    private static String operationTarget(ServiceDiscoveryClient cloudMap, String operationId) {
        Map<String, String> targets = cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings();
        return targets.getOrDefault("SERVICE", targets.get("NAMESPACE"));
    }

    private static OperationStatus status(ServiceDiscoveryClient cloudMap, String operationId) {
        return cloudMap.getOperation(b -> b.operationId(operationId)).operation().status();
    }

    private static java.util.List<HttpInstanceSummary> discover(ServiceDiscoveryClient cloudMap) {
        return cloudMap.discoverInstances(b -> b.namespaceName("lab.local").serviceName("web")).instances().stream()
                .sorted(java.util.Comparator.comparing(HttpInstanceSummary::instanceId)).toList();
    }

    private static Map<String, HealthStatus> health(ServiceDiscoveryClient cloudMap, String serviceId) {
        return cloudMap.getInstancesHealthStatus(b -> b.serviceId(serviceId)).status();
    }

    private static java.util.List<String> addresses(Emulator emulator, String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(emulator.dnsPort());
        resolver.setTimeout(Duration.ofSeconds(5));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
        return answer.getSection(Section.ANSWER).stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }
}
