package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.DuplicateRequestException;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.InvalidInputException;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceAlreadyExistsException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilter;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.ResourceInUseException;

/**
 * Cloud Map namespaces through the real SDK, as the API reference describes them
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateHttpNamespace.html and its siblings).
 */
class NamespaceApiTest extends CloudMapTestBase {

    @Test
    @DisplayName("CreateHttpNamespace is an operation: SUBMITTED, then PENDING, then SUCCESS, and the namespace exists only then")
    void creationIsAnOperation() {
        String name = unique("orders");
        String operationId = cloudMap.createHttpNamespace(b -> b.name(name).description("the orders team")).operationId();

        Operation submitted = cloudMap.getOperation(b -> b.operationId(operationId)).operation();
        assertThat(submitted.status()).isEqualTo(OperationStatus.SUBMITTED);
        assertThat(submitted.type()).isEqualTo(OperationType.CREATE_NAMESPACE);
        String namespaceId = submitted.targetsAsStrings().get("NAMESPACE");
        assertThat(namespaceId).matches("ns-[a-z2-7]{16}");
        assertThatThrownBy(() -> cloudMap.getNamespace(b -> b.id(namespaceId))).isInstanceOf(NamespaceNotFoundException.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().status())
                .isEqualTo(OperationStatus.PENDING);
        assertThat(cloudMap.listNamespaces(b -> { }).namespaces()).extracting(NamespaceSummary::id).doesNotContain(namespaceId);

        clock.advance(Duration.ofSeconds(4));
        Operation done = cloudMap.getOperation(b -> b.operationId(operationId)).operation();
        assertThat(done.status()).isEqualTo(OperationStatus.SUCCESS);
        assertThat(done.updateDate()).isAfter(done.createDate());
        Namespace namespace = cloudMap.getNamespace(b -> b.id(namespaceId)).namespace();
        assertThat(namespace.name()).isEqualTo(name);
        assertThat(namespace.type()).isEqualTo(NamespaceType.HTTP);
        assertThat(namespace.description()).isEqualTo("the orders team");
        assertThat(namespace.arn()).isEqualTo("arn:aws:servicediscovery:us-east-1:000000000000:namespace/" + namespaceId);
        assertThat(namespace.properties().httpProperties().httpName()).isEqualTo(name);
        assertThat(namespace.serviceCount()).isZero();
    }

    @Test
    @DisplayName("Reading an operation never moves it on: without the clock it stays SUBMITTED")
    void readsDoNotAdvance() {
        String operationId = cloudMap.createHttpNamespace(b -> b.name(unique("still"))).operationId();
        for (int i = 0; i < 5; i++) {
            assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().status())
                    .isEqualTo(OperationStatus.SUBMITTED);
        }
        finish(operationId);
    }

    @Test
    @DisplayName("A private DNS namespace takes a VPC (the default one or any well-formed id) and gets a hosted zone and SOA TTL")
    void privateDnsNamespace() {
        String name = unique("lab") + ".local";
        String operationId = cloudMap.createPrivateDnsNamespace(b -> b.name(name).vpc(DefaultVpc.VPC_ID)
                .properties(p -> p.dnsProperties(d -> d.soa(s -> s.ttl(60L))))).operationId();
        clock.advance(Duration.ofSeconds(30));
        assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().status())
                .as("a hosted zone takes longer than an HTTP namespace").isEqualTo(OperationStatus.PENDING);
        Namespace namespace = cloudMap.getNamespace(b -> b.id(finish(operationId).targetsAsStrings().get("NAMESPACE")))
                .namespace();

        assertThat(namespace.type()).isEqualTo(NamespaceType.DNS_PRIVATE);
        assertThat(namespace.properties().dnsProperties().hostedZoneId()).startsWith("Z");
        assertThat(namespace.properties().dnsProperties().soa().ttl()).isEqualTo(60L);
        assertThat(namespace.properties().httpProperties().httpName()).isEqualTo(name);

        String other = finish(cloudMap.createPrivateDnsNamespace(b -> b.name(unique("any") + ".local")
                .vpc("vpc-0123456789abcdef0")).operationId()).status().toString();
        assertThat(other).isEqualTo("SUCCESS");
        assertThatThrownBy(() -> cloudMap.createPrivateDnsNamespace(b -> b.name(unique("bad") + ".local").vpc("my-vpc")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("VPC");
    }

    @Test
    @DisplayName("A public DNS namespace needs a DNS domain name; an HTTP name is refused with InvalidInput")
    void publicDnsNamespace() {
        String name = unique("shop") + ".example.com";
        String namespaceId = finish(cloudMap.createPublicDnsNamespace(b -> b.name(name)).operationId())
                .targetsAsStrings().get("NAMESPACE");

        assertThat(cloudMap.getNamespace(b -> b.id(namespaceId)).namespace().type()).isEqualTo(NamespaceType.DNS_PUBLIC);
        assertThatThrownBy(() -> cloudMap.createPublicDnsNamespace(b -> b.name("not a domain")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("A second namespace of the same name is refused with NamespaceAlreadyExists naming the existing one")
    void alreadyExists() {
        String name = unique("dup");
        String existingId = cloudMap.createHttpNamespace(b -> b.name(name).creatorRequestId("first-try")).operationId();
        assertThatThrownBy(() -> cloudMap.createHttpNamespace(b -> b.name(name)))
                .as("while the first is still being created").isInstanceOf(DuplicateRequestException.class)
                .satisfies(e -> assertThat(((DuplicateRequestException) e).duplicateOperationId()).isEqualTo(existingId));
        String namespaceId = finish(existingId).targetsAsStrings().get("NAMESPACE");

        assertThatThrownBy(() -> cloudMap.createHttpNamespace(b -> b.name(name)))
                .isInstanceOf(NamespaceAlreadyExistsException.class)
                .satisfies(e -> {
                    NamespaceAlreadyExistsException error = (NamespaceAlreadyExistsException) e;
                    assertThat(error.namespaceId()).isEqualTo(namespaceId);
                    assertThat(error.creatorRequestId()).isEqualTo("first-try");
                });
        assertThat(cloudMap.listNamespaces(b -> b.filters(filter(NamespaceFilterName.NAME, FilterCondition.EQ, name)))
                .namespaces()).hasSize(1);
    }

    @Test
    @DisplayName("A repeated CreatorRequestId while the first request is in progress is refused with DuplicateRequest")
    void duplicateCreatorRequestId() {
        String first = cloudMap.createHttpNamespace(b -> b.name(unique("one")).creatorRequestId("same-id-1")).operationId();

        assertThatThrownBy(() -> cloudMap.createHttpNamespace(b -> b.name(unique("two")).creatorRequestId("same-id-1")))
                .isInstanceOf(DuplicateRequestException.class)
                .satisfies(e -> assertThat(((DuplicateRequestException) e).duplicateOperationId()).isEqualTo(first));
        finish(first);
    }

    @Test
    @DisplayName("The same private DNS name in another VPC is allowed, and its HttpName gets a generated suffix")
    void sameNameOtherVpc() {
        String name = unique("shared") + ".local";
        privateNamespace(name);
        String second = finish(cloudMap.createPrivateDnsNamespace(b -> b.name(name).vpc("vpc-0aaaabbbbccccdddd"))
                .operationId()).targetsAsStrings().get("NAMESPACE");

        String httpName = cloudMap.getNamespace(b -> b.id(second)).namespace().properties().httpProperties().httpName();
        assertThat(httpName).startsWith(name + "-").isNotEqualTo(name);
        assertThatThrownBy(() -> cloudMap.createPrivateDnsNamespace(b -> b.name(name).vpc(DefaultVpc.VPC_ID)))
                .isInstanceOf(NamespaceAlreadyExistsException.class);
    }

    @Test
    @DisplayName("ListNamespaces filters by TYPE, NAME and HTTP_NAME with EQ or BEGINS_WITH, and refuses other conditions")
    void listFilters() {
        String prefix = unique("flt");
        String http = httpNamespace(prefix + "-api");
        String dns = privateNamespace(prefix + ".local");

        assertThat(list(filter(NamespaceFilterName.NAME, FilterCondition.BEGINS_WITH, prefix))).containsExactlyInAnyOrder(http, dns);
        assertThat(list(filter(NamespaceFilterName.NAME, FilterCondition.BEGINS_WITH, prefix),
                filter(NamespaceFilterName.TYPE, FilterCondition.EQ, "DNS_PRIVATE"))).containsExactly(dns);
        assertThat(list(filter(NamespaceFilterName.HTTP_NAME, null, prefix + "-api"))).containsExactly(http);
        assertThatThrownBy(() -> list(filter(NamespaceFilterName.NAME, FilterCondition.IN, prefix)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("DeleteNamespace is refused with ResourceInUse while the namespace holds a service, and works once it is empty")
    void deleteNamespace() {
        String namespaceId = httpNamespace(unique("busy"));
        String serviceId = cloudMap.createService(b -> b.name("worker").namespaceId(namespaceId)).service().id();

        assertThatThrownBy(() -> cloudMap.deleteNamespace(b -> b.id(namespaceId))).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DeleteService");
        cloudMap.deleteService(b -> b.id(serviceId));
        String operationId = cloudMap.deleteNamespace(b -> b.id(namespaceId)).operationId();
        assertThat(cloudMap.getNamespace(b -> b.id(namespaceId)).namespace()).as("still there until the operation is done")
                .isNotNull();

        assertThat(finish(operationId).type()).isEqualTo(OperationType.DELETE_NAMESPACE);
        assertThatThrownBy(() -> cloudMap.getNamespace(b -> b.id(namespaceId))).isInstanceOf(NamespaceNotFoundException.class);
    }

    @Test
    @DisplayName("UpdateHttpNamespace changes the description only when its operation succeeds; the wrong update action is refused")
    void updateNamespace() {
        String namespaceId = httpNamespace(unique("upd"));
        String operationId = cloudMap.updateHttpNamespace(b -> b.id(namespaceId)
                .namespace(n -> n.description("new words"))).operationId();
        assertThat(cloudMap.getNamespace(b -> b.id(namespaceId)).namespace().description()).isNull();

        assertThat(finish(operationId).type()).isEqualTo(OperationType.UPDATE_NAMESPACE);
        assertThat(cloudMap.getNamespace(b -> b.id(namespaceId)).namespace().description()).isEqualTo("new words");
        assertThatThrownBy(() -> cloudMap.updatePrivateDnsNamespace(b -> b.id(namespaceId)
                .namespace(n -> n.description("x")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("UpdateHttpNamespace");
    }

    private static List<String> list(NamespaceFilter... filters) {
        return cloudMap.listNamespacesPaginator(b -> b.filters(filters)).stream()
                .flatMap(page -> page.namespaces().stream()).map(NamespaceSummary::id).toList();
    }

    private static NamespaceFilter filter(NamespaceFilterName name, FilterCondition condition, String value) {
        return NamespaceFilter.builder().name(name).condition(condition).values(value).build();
    }
}
