package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.protocol.CallerIdentity;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * The internal API the ECS integration calls, seen through the public API as a learner's program
 * would: a task registered when it runs and deregistered when it stops, even when the stop comes
 * before the registration has finished.
 */
class CloudMapInternalApiTest extends CloudMapTestBase {

    @Test
    @DisplayName("A service created on behalf of ECS and a task registered through CloudMap are discovered by the API")
    void registerForATask() {
        String namespace = unique("ecs") + ".local";
        String namespaceId = privateNamespace(namespace);
        String[] serviceId = new String[1];
        inRegion(cm -> serviceId[0] = cm.createService(CreateServiceRequest.builder().name("backend").namespaceId(namespaceId)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L))).healthCheckCustomConfig(c -> { })
                .build()).id());
        inRegion(cm -> cm.registerInstance(serviceId[0], "task-1", Map.of("AWS_INSTANCE_IPV4", "172.31.7.1",
                "ECS_CLUSTER_NAME", "lab")));
        clock.advance(Duration.ofMinutes(1));

        assertThat(discover(namespace)).containsExactly("task-1");
        inRegion(cm -> cm.updateInstanceCustomHealthStatus(serviceId[0], "task-1", CustomHealthStatus.UNHEALTHY));
        clock.advance(Duration.ofSeconds(30));
        assertThat(discover(namespace)).isEmpty();
    }

    @Test
    @DisplayName("A deregistration asked for while the registration is in progress waits for it, and the task ends up gone")
    void stopBeforeRegistered() {
        String namespace = unique("ecs") + ".local";
        String namespaceId = privateNamespace(namespace);
        String serviceId = dnsService(namespaceId, "backend", RecordType.A).id();

        inRegion(cm -> cm.registerInstance(serviceId, "task-2", Map.of("AWS_INSTANCE_IPV4", "172.31.7.2")));
        inRegion(cm -> cm.deregisterInstance(serviceId, "task-2"));
        inRegion(cm -> cm.deregisterInstance(serviceId, "never-registered"));
        clock.advance(Duration.ofSeconds(20));
        assertThat(discover(namespace)).as("registered first").containsExactly("task-2");
        clock.advance(Duration.ofSeconds(20));

        assertThat(discover(namespace)).isEmpty();
        assertThat(cloudMap.discoverInstancesRevision(b -> b.namespaceName(namespace).serviceName("backend"))
                .instancesRevision()).isEqualTo(2);
    }

    @Test
    @DisplayName("Namespaces are found by id, ARN or name, also while their creation is in progress")
    void namespaceLookup() {
        String name = unique("find");
        String[] arn = new String[1];
        inRegion(cm -> arn[0] = cm.findOrCreateHttpNamespace(name));
        inRegion(cm -> assertThat(cm.namespace(name)).hasValueSatisfying(ns -> assertThat(ns.arn()).isEqualTo(arn[0])));
        inRegion(cm -> assertThat(cm.findOrCreateHttpNamespace(name)).isEqualTo(arn[0]));
        clock.advance(Duration.ofMinutes(1));
        inRegion(cm -> assertThat(cm.namespace(arn[0])).isPresent());
        inRegion(cm -> assertThat(cm.namespace("no-such-namespace")).isEmpty());
    }

    private static void inRegion(Consumer<CloudMap> work) {
        AccountRegion region = emulator.state().get(CallerIdentity.DEFAULT_ACCOUNT, "us-east-1");
        region.locked(() -> work.accept(CloudMap.of(region)));
    }

    private static List<String> discover(String namespace) {
        return cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName("backend")
                .healthStatus(HealthStatusFilter.HEALTHY)).instances().stream().map(HttpInstanceSummary::instanceId).toList();
    }
}
