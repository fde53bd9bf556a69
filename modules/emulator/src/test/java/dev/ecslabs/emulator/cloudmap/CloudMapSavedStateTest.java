package dev.ecslabs.emulator.cloudmap;

import static dev.ecslabs.emulator.state.SavedStateAssertions.assertEveryComponentSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckCustomConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * Cloud Map's saved state is records bound by SavedStateJson (namespaces, services with their
 * instances, operations with their effects and queued changes): each, with every component set,
 * survives the round trip through JSON and back into the area's objects.
 */
class CloudMapSavedStateTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final DnsConfig DNS = DnsConfig.builder().namespaceId("ns-1").dnsRecords(DnsRecord.builder()
            .type(RecordType.A).ttl(60L).build()).build();
    private static final HealthCheckConfig HEALTH = HealthCheckConfig.builder().type("HTTP").resourcePath("/health")
            .failureThreshold(2).build();

    private static <T> T roundTrip(T saved, Class<T> type) {
        return SavedStateJson.read(SavedStateJson.write(saved), type);
    }

    @Test
    @DisplayName("A DNS namespace with every component set (SOA TTL, VPC, tags, state, sequence) reads back the same")
    void namespace() {
        NamespaceRecord.Saved saved = new NamespaceRecord.Saved(Namespace.builder().id("ns-1").name("lab.local")
                .type(NamespaceType.DNS_PRIVATE).arn("arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-1")
                .resourceOwner("000000000000").description("the lab").creatorRequestId("req-1").serviceCount(0)
                .createDate(AT).properties(p -> p.httpProperties(h -> h.httpName("lab.local"))
                        .dnsProperties(d -> d.hostedZoneId("Z1").soa(s -> s.ttl(30L)))).build(),
                "vpc-1", List.of(Tag.builder().key("team").value("labs").build()), NamespaceRecord.State.DELETING, 7);
        assertEveryComponentSet(saved);

        assertThat(NamespaceRecord.restored(roundTrip(saved, NamespaceRecord.Saved.class)).saved()).isEqualTo(saved);
    }

    @Test
    @DisplayName("A service with attributes, tags and an instance whose health change is pending reads back the same")
    void serviceWithInstances() {
        InstanceRecord.Saved instance = new InstanceRecord.Saved(Instance.builder().id("i-1").creatorRequestId("req-2")
                .attributes(new TreeMap<>(Map.of("AWS_INSTANCE_IPV4", "10.0.0.5", "AWS_INSTANCE_PORT", "8080")))
                .createdByAccount("000000000000").build(), HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, AT.plusSeconds(30));
        CloudMapServiceRecord.Saved saved = new CloudMapServiceRecord.Saved(Service.builder().id("srv-1")
                .arn("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1").resourceOwner("000000000000").name("web")
                .namespaceId("ns-1").description("the web tier").instanceCount(1).dnsConfig(DNS).type(ServiceType.DNS_HTTP)
                .healthCheckConfig(HEALTH).healthCheckCustomConfig(HealthCheckCustomConfig.builder().build())
                .createDate(AT).creatorRequestId("req-3").createdByAccount("000000000000").build(),
                List.of(Tag.builder().key("team").value("labs").build()), new TreeMap<>(Map.of("tier", "web")), 4,
                List.of(instance));
        assertEveryComponentSet(saved);

        assertThat(CloudMapServiceRecord.restored(roundTrip(saved, CloudMapServiceRecord.Saved.class)).saved()).isEqualTo(saved);
    }

    @Test
    @DisplayName("An operation in progress keeps its effect (each kind) and the instance changes queued behind it")
    void operationsWithEachEffect() {
        List<OperationEffect> effects = List.of(new OperationEffect.CreateNamespace("ns-1"),
                new OperationEffect.DeleteNamespace("ns-1"), new OperationEffect.UpdateNamespace("ns-1", "new", 45L),
                new OperationEffect.UpdateService("srv-1", "new", DNS, HEALTH),
                new OperationEffect.RegisterInstance("srv-1", "i-1", "req-4", Map.of("AWS_INSTANCE_IPV4", "10.0.0.6")),
                new OperationEffect.DeregisterInstance("srv-1", "i-1"));
        for (OperationEffect effect : effects) {
            OperationRecord.Saved saved = new OperationRecord.Saved(Operation.builder().id("op-1").ownerAccount("000000000000")
                    .type(OperationType.REGISTER_INSTANCE).status(OperationStatus.PENDING).errorCode("E").errorMessage("m")
                    .createDate(AT).updateDate(AT.plusSeconds(1))
                    .targets(Map.of(OperationTargetType.SERVICE, "srv-1", OperationTargetType.INSTANCE, "i-1")).build(),
                    12, "request-1", "srv-1/i-1", AT.plusSeconds(5), effect,
                    List.of(QueuedInstanceChange.register("srv-1", "i-1", Map.of("AWS_INSTANCE_IPV4", "10.0.0.7")),
                            QueuedInstanceChange.deregister("srv-1", "i-2")));
            assertEveryComponentSetButDeregistration(saved);

            assertThat(OperationRecord.restored(roundTrip(saved, OperationRecord.Saved.class)).saved()).as(effect.toString())
                    .isEqualTo(saved);
        }
    }

    /** A queued deregistration has no attributes by design: every other component is checked. */
    private static void assertEveryComponentSetButDeregistration(OperationRecord.Saved saved) {
        assertEveryComponentSet(new OperationRecord.Saved(saved.operation(), saved.sequence(), saved.requestId(),
                saved.resourceKey(), saved.dueAt(), saved.effect(), saved.queued().subList(0, 1)));
    }

    @Test
    @DisplayName("The JSON keeps the names of the hand-written format: an effect's kind, a queued change's serviceId")
    void sameJsonAsBefore() {
        OperationRecord.Saved saved = new OperationRecord.Saved(Operation.builder().id("op-1").type(OperationType.CREATE_NAMESPACE)
                .status(OperationStatus.SUBMITTED).createDate(AT).targets(Map.of(OperationTargetType.NAMESPACE, "ns-1")).build(),
                1, "request-1", "ns-1", AT, new OperationEffect.CreateNamespace("ns-1"),
                List.of(QueuedInstanceChange.deregister("srv-1", "i-2")));
        JsonNode json = SavedStateJson.write(saved);
        assertThat(json.path("effect").path("kind").asText()).isEqualTo("createNamespace");
        assertThat(json.path("effect").path("namespaceId").asText()).isEqualTo("ns-1");
        assertThat(json.path("queued").path(0).path("serviceId").asText()).isEqualTo("srv-1");
        assertThat(json.path("dueAt").asText()).isEqualTo("2026-12-03T10:00:00Z");

        ObjectNode unknownKind = json.deepCopy();
        ((ObjectNode) unknownKind.path("effect")).put("kind", "teleport");
        assertThatThrownBy(() -> SavedStateJson.read(unknownKind, OperationRecord.Saved.class)).hasMessageContaining("teleport");
        ObjectNode noNamespace = json.deepCopy();
        ((ObjectNode) noNamespace.path("effect")).remove("namespaceId");
        assertThatThrownBy(() -> SavedStateJson.read(noNamespace, OperationRecord.Saved.class)).hasMessageContaining("namespaceId");
    }
}
