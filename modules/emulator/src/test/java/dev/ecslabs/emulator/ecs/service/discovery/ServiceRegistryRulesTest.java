package dev.ecslabs.emulator.ecs.service.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/**
 * CreateService and UpdateService check a service registry as the ECS API reference describes
 * ServiceRegistry: the Cloud Map service exists, one registry per service, and an SRV record takes
 * either {@code port} or {@code containerName} and {@code containerPort} of the task definition,
 * never both (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRegistry.html).
 */
class ServiceRegistryRulesTest extends DiscoveryTestBase {
    String cluster;
    String namespaceId;
    String taskDefinition;

    @BeforeEach
    void setUp() {
        cluster = cluster();
        namespaceId = privateNamespace(unique("rules") + ".local");
        taskDefinition = register(unique("web"), web().build());
    }

    @Test
    @DisplayName("A registry ARN with no Cloud Map service behind it is refused, and no service is created")
    void unknownRegistry() {
        String missing = "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-0000000000000000";

        assertRefused(service(cluster, "web", taskDefinition, 1, missing), r -> { }, "does not exist");
        assertThat(ecs.listServices(r -> r.cluster(cluster)).serviceArns()).isEmpty();
    }

    @Test
    @DisplayName("A Cloud Map service with an SRV record needs a port: refused without one, accepted with port or containerName and containerPort")
    void srvNeedsAPort() {
        String srv = dnsService(namespaceId, "srv", false, RecordType.SRV).arn();

        assertRefused(service(cluster, "none", taskDefinition, 1, srv), r -> { }, "needs the port");
        assertRefused(service(cluster, "nameonly", taskDefinition, 1, srv),
                r -> r.serviceRegistries(ServiceRegistry.builder().registryArn(srv).containerName("web").build()),
                "needs the port");
        ecs.createService(service(cluster, "byport", taskDefinition, 1, srv)
                .serviceRegistries(ServiceRegistry.builder().registryArn(srv).port(8080).build()).build());
        ecs.createService(service(cluster, "bycontainer", taskDefinition, 1, srv).serviceRegistries(
                ServiceRegistry.builder().registryArn(srv).containerName("web").containerPort(80).build()).build());
    }

    @Test
    @DisplayName("port together with containerName and containerPort is refused: one or the other")
    void portOrContainerPort() {
        String srv = dnsService(namespaceId, "both", false, RecordType.SRV).arn();

        assertRefused(service(cluster, "both", taskDefinition, 1, srv), r -> r.serviceRegistries(ServiceRegistry.builder()
                .registryArn(srv).port(80).containerName("web").containerPort(80).build()), "not both");
    }

    @Test
    @DisplayName("containerName and containerPort must name a port mapping of the task definition")
    void containerPortOfTheTaskDefinition() {
        String srv = dnsService(namespaceId, "ports", false, RecordType.SRV).arn();

        assertRefused(service(cluster, "port", taskDefinition, 1, srv), r -> r.serviceRegistries(ServiceRegistry.builder()
                .registryArn(srv).containerName("web").containerPort(8080).build()), "did not have a container port 8080");
        assertRefused(service(cluster, "name", taskDefinition, 1, srv), r -> r.serviceRegistries(ServiceRegistry.builder()
                .registryArn(srv).containerName("api").containerPort(80).build()), "The container api does not exist");
    }

    @Test
    @DisplayName("A service takes one service registry, and a Cloud Map service it registers tasks in needs A or SRV records")
    void oneRegistryOfAddresses() {
        String a = dnsService(namespaceId, "a", false, RecordType.A).arn();
        String b = dnsService(namespaceId, "b", false, RecordType.A).arn();
        String cname = cloudMap.createService(r -> r.name("alias").namespaceId(namespaceId).dnsConfig(d -> d
                .routingPolicy(RoutingPolicy.WEIGHTED).dnsRecords(rec -> rec.type(RecordType.CNAME).ttl(10L)))).service().arn();

        assertRefused(service(cluster, "two", taskDefinition, 1, a), r -> r.serviceRegistries(
                ServiceRegistry.builder().registryArn(a).build(), ServiceRegistry.builder().registryArn(b).build()),
                "only one service registry");
        assertRefused(service(cluster, "cname", taskDefinition, 1, cname), r -> { }, "CNAME");
    }

    @Test
    @DisplayName("UpdateService checks a new registry the same way, and changes nothing when it is refused")
    void updateChecksToo() {
        String a = dnsService(namespaceId, "upd", false, RecordType.A).arn();
        String srv = dnsService(namespaceId, "updsrv", false, RecordType.SRV).arn();
        ecs.createService(service(cluster, "web", taskDefinition, 0, a).build());

        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(cluster).service("web")
                .serviceRegistries(ServiceRegistry.builder().registryArn(srv).build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("needs the port");
        assertThat(ecs.describeServices(r -> r.cluster(cluster).services("web")).services().get(0).serviceRegistries())
                .extracting(ServiceRegistry::registryArn).containsExactly(a);
    }

    private static void assertRefused(CreateServiceRequest.Builder request, Consumer<CreateServiceRequest.Builder> change,
                                      String message) {
        change.accept(request);
        assertThatThrownBy(() -> ecs.createService(request.build()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
    }
}
