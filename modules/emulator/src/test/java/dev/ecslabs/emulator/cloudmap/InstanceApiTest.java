package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DuplicateRequestException;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckType;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.InvalidInputException;
import software.amazon.awssdk.services.servicediscovery.model.OperationFilterName;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * Cloud Map instances and their health through the real SDK
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_RegisterInstance.html and its siblings).
 */
class InstanceApiTest extends CloudMapTestBase {

    @Test
    @DisplayName("RegisterInstance is an operation; the instance is found only once it has succeeded")
    void registerIsAnOperation() {
        String serviceId = dnsService(privateNamespace(unique("reg") + ".local"), "backend", RecordType.A).id();
        String operationId = cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("db-1")
                .attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.5", "version", "16"))).operationId();

        assertThatThrownBy(() -> cloudMap.getInstance(b -> b.serviceId(serviceId).instanceId("db-1")))
                .isInstanceOf(InstanceNotFoundException.class);
        assertThat(finish(operationId).type()).isEqualTo(OperationType.REGISTER_INSTANCE);

        var instance = cloudMap.getInstance(b -> b.serviceId(serviceId).instanceId("db-1"));
        assertThat(instance.instance().attributes()).containsEntry("AWS_INSTANCE_IPV4", "10.0.0.5").containsEntry("version", "16");
        assertThat(instance.resourceOwner()).isEqualTo("000000000000");
        assertThat(cloudMap.listInstances(b -> b.serviceId(serviceId)).instances()).extracting(InstanceSummary::id)
                .containsExactly("db-1");
        assertThat(cloudMap.getService(b -> b.id(serviceId)).service().instanceCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("RegisterInstance is an upsert: the same InstanceId replaces the attributes and stays one instance")
    void registerIsAnUpsert() {
        String serviceId = dnsService(privateNamespace(unique("ups") + ".local"), "backend", RecordType.A).id();
        register(serviceId, "task-1", Map.of("AWS_INSTANCE_IPV4", "10.0.0.5"));
        register(serviceId, "task-1", Map.of("AWS_INSTANCE_IPV4", "10.0.0.9"));

        assertThat(cloudMap.listInstances(b -> b.serviceId(serviceId)).instances()).singleElement()
                .satisfies(i -> assertThat(i.attributes()).containsEntry("AWS_INSTANCE_IPV4", "10.0.0.9"));
    }

    @Test
    @DisplayName("Attributes are checked against the service's DNS records, and a refused registration changes nothing")
    void attributesMatchTheRecords() {
        String namespaceId = privateNamespace(unique("attr") + ".local");
        String aService = dnsService(namespaceId, "a", RecordType.A).id();
        String srvService = dnsService(namespaceId, "srv", RecordType.SRV).id();

        assertThatThrownBy(() -> cloudMap.registerInstance(b -> b.serviceId(aService).instanceId("i")
                .attributes(Map.of("AWS_INSTANCE_PORT", "80")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AWS_INSTANCE_IPV4");
        assertThatThrownBy(() -> cloudMap.registerInstance(b -> b.serviceId(aService).instanceId("i")
                .attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.300")))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> cloudMap.registerInstance(b -> b.serviceId(srvService).instanceId("i")
                .attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.3")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AWS_INSTANCE_PORT");

        clock.advance(Duration.ofMinutes(2));
        assertThat(cloudMap.listInstances(b -> b.serviceId(aService)).instances()).isEmpty();
        assertThat(cloudMap.listOperations(b -> b.filters(f -> f.name(OperationFilterName.SERVICE_ID).values(aService)))
                .operations()).isEmpty();
    }

    @Test
    @DisplayName("A second change to the same instance while one is in progress is refused with DuplicateRequest")
    void oneChangeAtATime() {
        String serviceId = cloudMap.createService(b -> b.name("svc").namespaceId(httpNamespace(unique("busy"))))
                .service().id();
        String first = cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("i-1")
                .attributes(Map.of("k", "v"))).operationId();

        assertThatThrownBy(() -> cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("i-1")
                .attributes(Map.of("k", "w")))).isInstanceOf(DuplicateRequestException.class)
                .satisfies(e -> assertThat(((DuplicateRequestException) e).duplicateOperationId()).isEqualTo(first));
        finish(first);
    }

    @Test
    @DisplayName("DeregisterInstance removes the instance when its operation succeeds; an unknown instance is InstanceNotFound")
    void deregister() {
        String serviceId = cloudMap.createService(b -> b.name("svc").namespaceId(httpNamespace(unique("dereg"))))
                .service().id();
        register(serviceId, "i-1", Map.of("k", "v"));

        String operationId = cloudMap.deregisterInstance(b -> b.serviceId(serviceId).instanceId("i-1")).operationId();
        assertThat(cloudMap.listInstances(b -> b.serviceId(serviceId)).instances()).hasSize(1);
        assertThat(finish(operationId).type()).isEqualTo(OperationType.DEREGISTER_INSTANCE);

        assertThat(cloudMap.listInstances(b -> b.serviceId(serviceId)).instances()).isEmpty();
        assertThatThrownBy(() -> cloudMap.deregisterInstance(b -> b.serviceId(serviceId).instanceId("i-1")))
                .isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    @DisplayName("UpdateInstanceCustomHealthStatus takes effect 30 seconds later, and only on services with a custom health check")
    void customHealth() {
        String namespaceId = httpNamespace(unique("health"));
        String custom = cloudMap.createService(b -> b.name("custom").namespaceId(namespaceId)
                .healthCheckCustomConfig(c -> { })).service().id();
        String plain = cloudMap.createService(b -> b.name("plain").namespaceId(namespaceId)).service().id();
        register(custom, "ok", Map.of("k", "v"));
        register(custom, "starts-bad", Map.of("AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));
        register(plain, "p", Map.of("k", "v"));

        assertThat(health(custom)).containsEntry("ok", HealthStatus.HEALTHY).containsEntry("starts-bad", HealthStatus.UNHEALTHY);
        assertThat(health(plain)).containsEntry("p", HealthStatus.UNKNOWN);

        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(custom).instanceId("ok").status(CustomHealthStatus.UNHEALTHY));
        clock.advance(Duration.ofSeconds(20));
        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(custom).instanceId("ok").status(CustomHealthStatus.UNHEALTHY));
        assertThat(health(custom)).containsEntry("ok", HealthStatus.HEALTHY);
        clock.advance(Duration.ofSeconds(10));
        assertThat(health(custom)).as("30 s after the first request, not the second").containsEntry("ok", HealthStatus.UNHEALTHY);

        assertThatThrownBy(() -> cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(plain).instanceId("p")
                .status(CustomHealthStatus.UNHEALTHY))).isInstanceOf(CustomHealthNotFoundException.class);
        assertThatThrownBy(() -> cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(custom).instanceId("ghost")
                .status(CustomHealthStatus.HEALTHY))).isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    @DisplayName("A Route 53 health check reports UNKNOWN at first, then HEALTHY after its FailureThreshold checks")
    void route53HealthCheck() {
        String namespaceId = finish(cloudMap.createPublicDnsNamespace(b -> b.name(unique("web") + ".example.com"))
                .operationId()).targetsAsStrings().get("NAMESPACE");
        String serviceId = cloudMap.createService(b -> b.name("www").namespaceId(namespaceId)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(60L)))
                .healthCheckConfig(h -> h.type(HealthCheckType.HTTP).failureThreshold(2))).service().id();
        assertThatThrownBy(() -> cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("web-1")
                .attributes(Map.of("AWS_INSTANCE_IPV4", "192.0.2.44")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AWS_INSTANCE_PORT");

        String operationId = cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("web-1")
                .attributes(Map.of("AWS_INSTANCE_IPV4", "192.0.2.44", "AWS_INSTANCE_PORT", "80"))).operationId();
        clock.advance(Duration.ofSeconds(20));
        assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().status()).isEqualTo(OperationStatus.SUCCESS);
        assertThat(health(serviceId)).containsEntry("web-1", HealthStatus.UNKNOWN);
        clock.advance(Duration.ofSeconds(60));
        assertThat(health(serviceId)).containsEntry("web-1", HealthStatus.HEALTHY);
    }

    @Test
    @DisplayName("ListOperations filters by SERVICE_ID, TYPE (EQ or IN) and STATUS, and refuses a condition a filter does not take")
    void listOperations() {
        String serviceId = cloudMap.createService(b -> b.name("svc").namespaceId(httpNamespace(unique("ops"))))
                .service().id();
        register(serviceId, "a", Map.of("k", "v"));
        String pending = cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("b").attributes(Map.of("k", "v")))
                .operationId();

        List<String> registered = cloudMap.listOperations(b -> b.filters(
                f -> f.name(OperationFilterName.SERVICE_ID).values(serviceId),
                f -> f.name(OperationFilterName.TYPE).condition(FilterCondition.IN).values("REGISTER_INSTANCE", "DEREGISTER_INSTANCE")))
                .operations().stream().map(OperationSummary::id).toList();
        List<String> submitted = cloudMap.listOperations(b -> b.filters(
                f -> f.name(OperationFilterName.SERVICE_ID).values(serviceId),
                f -> f.name(OperationFilterName.STATUS).values("SUBMITTED")))
                .operations().stream().map(OperationSummary::id).toList();

        assertThat(registered).hasSize(2).contains(pending);
        assertThat(submitted).containsExactly(pending);
        assertThatThrownBy(() -> cloudMap.listOperations(b -> b.filters(
                f -> f.name(OperationFilterName.SERVICE_ID).condition(FilterCondition.IN).values(serviceId))))
                .isInstanceOf(InvalidInputException.class);
        finish(pending);
    }

    private static Map<String, HealthStatus> health(String serviceId) {
        return cloudMap.getInstancesHealthStatus(b -> b.serviceId(serviceId)).status();
    }
}
