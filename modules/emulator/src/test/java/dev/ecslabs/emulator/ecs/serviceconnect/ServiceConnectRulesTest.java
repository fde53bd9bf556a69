package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * CreateService's and UpdateService's Service Connect rules, as the API reference
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html) and the
 * developer guide's considerations state them: each refusal is an InvalidParameterException (or
 * NamespaceNotFoundException) a learner can act on, and creates nothing, in ECS or in Cloud Map.
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class ServiceConnectRulesTest {
    ServiceConnectFixtures fx;
    String backend;

    @BeforeEach
    void createCluster(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        fx = new ServiceConnectFixtures(emulator, ecs, cloudMap);
        backend = fx.registerBackend("api");
    }

    @Test
    @DisplayName("Service Connect in the cluster's default namespace: the deployment shows the configuration with the namespace's ARN and its serviceConnectResources")
    void usesTheClusterDefault() {
        Service service = fx.createBackend("api", backend, 1);

        ServiceConnectConfiguration shown = ServiceConnectFixtures.primary(service).serviceConnectConfiguration();
        assertThat(shown.enabled()).isTrue();
        assertThat(shown.namespace()).isEqualTo(fx.namespaceArn);
        assertThat(shown.services()).singleElement().satisfies(s -> {
            assertThat(s.portName()).isEqualTo("http");
            assertThat(s.discoveryName()).isEqualTo("backend");
            assertThat(s.clientAliases()).singleElement().satisfies(a -> assertThat(a.dnsName() + ":" + a.port())
                    .isEqualTo("backend:8080"));
        });
        assertThat(ServiceConnectFixtures.primary(service).serviceConnectResources()).singleElement().satisfies(r -> {
            assertThat(r.discoveryName()).isEqualTo("backend");
            assertThat(r.discoveryArn()).startsWith("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-");
        });
        String revision = service.currentServiceRevisions().get(0).arn();
        assertThat(fx.ecs.describeServiceRevisions(r -> r.serviceRevisionArns(revision)).serviceRevisions().get(0)
                .serviceConnectConfiguration().namespace()).isEqualTo(fx.namespaceArn);
    }

    @Test
    @DisplayName("The namespace is named by name or ARN; without a discoveryName the port name is used")
    void namesTheNamespace() {
        fx.cloudMap.createHttpNamespace(r -> r.name("other"));
        fx.advance(Duration.ofSeconds(10));
        String otherArn = fx.cloudMap.listNamespaces(r -> { }).namespaces().stream().filter(n -> n.name().equals("other"))
                .findFirst().orElseThrow().arn();

        Service byName = fx.create("by-name", backend, 0, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)
                .namespace("other").services(s -> s.portName("http"))));
        Service byArn = fx.create("by-arn", backend, 0, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)
                .namespace(otherArn).services(s -> s.portName("http").discoveryName("http-two"))));

        assertThat(ServiceConnectFixtures.primary(byName).serviceConnectConfiguration().namespace()).isEqualTo(otherArn);
        assertThat(ServiceConnectFixtures.primary(byName).serviceConnectResources()).singleElement()
                .satisfies(r -> assertThat(r.discoveryName()).isEqualTo("http"));
        assertThat(ServiceConnectFixtures.primary(byArn).serviceConnectConfiguration().namespace()).isEqualTo(otherArn);
    }

    @Test
    @DisplayName("An unknown namespace is NamespaceNotFoundException, and no service is created")
    void refusesAnUnknownNamespace() {
        assertThatThrownBy(() -> fx.create("api", backend, 1, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)
                .namespace("nowhere"))))
                .isInstanceOf(NamespaceNotFoundException.class)
                .hasMessageContaining("The Cloud Map namespace 'nowhere' was not found");
        assertNothingCreated("api");
    }

    @Test
    @DisplayName("Without a namespace of its own or a cluster default, Service Connect is refused")
    void needsANamespace() {
        fx.ecs.createCluster(r -> r.clusterName("bare"));
        assertThatThrownBy(() -> fx.ecs.createService(fx.fargate("api", backend, 1).cluster("bare")
                .serviceConnectConfiguration(sc -> sc.enabled(true)).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Service Connect needs a namespace: give serviceConnectConfiguration.namespace");
    }

    @Test
    @DisplayName("Each rule of a Service Connect service refuses with a message that says what would be right, and creates nothing")
    void refusesBadServices() {
        refused(s -> s.portName("https"), "The Service Connect portName 'https' is not the name of a port mapping in the "
                + "task definition api:1 (it names http).");
        refused(s -> s.portName("http").discoveryName("Backend"), "Invalid discoveryName 'Backend'");
        refused(s -> s.portName("http").clientAliases(a -> a.port(8080).dnsName("b"), a -> a.port(8081).dnsName("c")),
                "a Service Connect service can have at most 1");
        refused(s -> s.portName("http").clientAliases(a -> a.port(0)), "needs a port from 1 to 65535, not 0");
        refused(s -> s.portName("http").clientAliases(a -> a.port(80).dnsName("Backend")), "Invalid client alias dnsName 'Backend'");
        refused(s -> s.portName("http").ingressPortOverride(0), "ingressPortOverride must be a port from 1 to 65535, not 0.");
        refused(s -> s.portName("http").timeout(t -> t.perRequestTimeoutSeconds(5)),
                "perRequestTimeoutSeconds can only be set if the Service Connect appProtocol isn't TCP");
        refused(s -> s.portName("http").tls(t -> t.issuerCertificateAuthority(ca -> ca.awsPcaAuthorityArn("my-ca"))),
                "is not the ARN of an AWS Private CA certificate authority");
        refusedConfiguration(c -> c.services(ServiceConnectService.builder().portName("http").build(),
                ServiceConnectService.builder().portName("http").build()), "The discoveryName 'http' is given to two");
        refusedConfiguration(c -> c.accessLogConfiguration(a -> a.format("TEXT")), "give a logConfiguration");
    }

    @Test
    @DisplayName("A per-request timeout is for HTTP-like ports: with appProtocol http it is accepted")
    void acceptsATimeoutForHttp() {
        String http = fx.register("typed", ContainerDefinition.builder().name("api").image(ServiceConnectFixtures.NGINX)
                .portMappings(PortMapping.builder().containerPort(80).name("http").appProtocol(ApplicationProtocol.HTTP).build())
                .build());

        Service service = fx.create("typed", http, 0, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)
                .services(s -> s.portName("http").timeout(t -> t.perRequestTimeoutSeconds(5).idleTimeoutSeconds(60)))));

        assertThat(ServiceConnectFixtures.primary(service).serviceConnectConfiguration().services().get(0).timeout()
                .perRequestTimeoutSeconds()).isEqualTo(5);
    }

    @Test
    @DisplayName("Service Connect refuses platform 1.3.0, and a task whose containers leave no memory for the proxy")
    void refusesWhatTheProxyCantWorkWith() {
        refusedRequest(r -> r.serviceConnectConfiguration(ServiceConnectFixtures.backendConnect()).platformVersion("1.3.0"),
                "Service Connect needs Fargate platform version 1.4.0 or later");
        String full = fx.register("full", ContainerDefinition.builder().name("api").image(ServiceConnectFixtures.NGINX)
                .memory(512).portMappings(PortMapping.builder().containerPort(80).name("http").build()).build());
        assertThatThrownBy(() -> fx.create("api", full, 1, r -> r.serviceConnectConfiguration(ServiceConnectFixtures.backendConnect())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("the containers of full:1 take 512 of its 512 MiB");
        assertNothingCreated("api");
    }

    @Test
    @DisplayName("Discovery names and client aliases are unique in the namespace, and a Cloud Map service ECS did not create keeps its name")
    void keepsNamesUniqueInTheNamespace() {
        fx.createBackend("api", backend, 0);
        fx.cloudMap.createService(r -> r.name("orders").namespaceId(fx.namespaceArn));

        refusedRequest(r -> r.serviceName("api-two").serviceConnectConfiguration(ServiceConnectFixtures.backendConnect()),
                "The discoveryName 'backend' is already used in the namespace lab by the service api.");
        refusedRequest(r -> r.serviceName("api-two").serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s
                .portName("http").discoveryName("backend-two").clientAliases(a -> a.dnsName("backend").port(8080)))),
                "The client alias backend:8080 is already an endpoint of the service api in the namespace lab.");
        refusedRequest(r -> r.serviceName("orders").serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s
                .portName("http").discoveryName("orders"))),
                "The namespace lab already has a Cloud Map service named orders that ECS did not create");
        assertNothingCreated("api-two");
    }

    @Test
    @DisplayName("UpdateService: a task definition without the port name is refused and changes nothing; adding Service Connect deploys, the same again does not")
    void checksUpdates() {
        fx.create("api", backend, 0, r -> { });
        String unnamed = fx.register("api", ContainerDefinition.builder().name("api").image(ServiceConnectFixtures.NGINX)
                .portMappings(PortMapping.builder().containerPort(80).build()).build());

        Service connected = fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api")
                .serviceConnectConfiguration(ServiceConnectFixtures.backendConnect())).service();
        Service again = fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api")
                .serviceConnectConfiguration(ServiceConnectFixtures.backendConnect())).service();

        assertThat(connected.deployments()).hasSize(2);
        assertThat(again.deployments()).hasSize(2);
        assertThatThrownBy(() -> fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api")
                .taskDefinition(unnamed)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("The Service Connect portName 'http' is not the name of a port mapping in the task "
                        + "definition api:2 (it names none: give a port mapping a name).");
        assertThat(fx.describe("api").taskDefinition()).isEqualTo(backend);
        assertThat(fx.describe("api").deployments()).hasSize(2);
    }

    private void refused(Consumer<ServiceConnectService.Builder> service, String message) {
        refusedConfiguration(c -> c.services(ServiceConnectService.builder().applyMutation(service).build()), message);
    }

    private void refusedConfiguration(Consumer<ServiceConnectConfiguration.Builder> configuration, String message) {
        refusedRequest(r -> r.serviceConnectConfiguration(ServiceConnectConfiguration.builder().enabled(true)
                .applyMutation(configuration).build()), message);
    }

    private void refusedRequest(Consumer<CreateServiceRequest.Builder> request, String message) {
        CreateServiceRequest.Builder builder = fx.fargate("api-new", backend, 1);
        request.accept(builder);
        String name = builder.build().serviceName();
        assertThatThrownBy(() -> fx.ecs.createService(builder.build()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
        assertNothingCreated(name);
    }

    private void assertNothingCreated(String service) {
        assertThat(fx.ecs.describeServices(r -> r.cluster(ServiceConnectFixtures.CLUSTER).services(service)).failures())
                .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThat(fx.cloudMap.listServices(r -> { }).services())
                .allSatisfy(s -> assertThat(s.name()).isIn("backend", "orders"));
    }
}
