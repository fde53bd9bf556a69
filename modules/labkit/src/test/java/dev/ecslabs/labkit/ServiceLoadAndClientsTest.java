package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;

/** Lab 08's labkit pieces: any SDK client built for the backend, and the load put on a service through it. */
// Backends reads labkit's settings (labs.*) from the JVM's system properties, which other classes set.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ)
class ServiceLoadAndClientsTest {

    @Test
    @DisplayName("labkit builds any SDK client interface with a static builder(), and nothing else")
    void servesSdkClients() {
        assertThat(OtherClients.serves(CloudWatchClient.class)).isTrue();
        assertThat(OtherClients.serves(String.class)).isFalse();
        assertThat(OtherClients.serves(software.amazon.awssdk.core.SdkClient.class)).isFalse();
    }

    @Test
    @DisplayName("ServiceLoad.set puts load on a service of the backend's account; an unknown service is refused with a sentence")
    void setsTheLoadOfAService() {
        Backend backend = Backends.forTestClass();
        try (EcsClient ecs = backend.ecs(); OtherClients clients = new OtherClients(backend)) {
            CloudWatchClient cloudWatch = (CloudWatchClient) clients.get(CloudWatchClient.class);
            assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/ECS")).metrics()).as("a client of the backend").isEmpty();
            ecs.createCluster(r -> r.clusterName("loaded"));
            String definition = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(
                            software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                    .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27")))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster("loaded").serviceName("web").taskDefinition(definition).desiredCount(1)
                    .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                            .subnets(backend.defaultSubnets()))));

            ServiceLoad.set(backend, "loaded", "web", 120);

            assertThatThrownBy(() -> ServiceLoad.set(backend, "loaded", "nothing", 1))
                    .hasMessageContaining("answered 404").hasMessageContaining("create the service first");
            ServiceLoad.set(backend, "loaded", "web", 0);
            ecs.deleteService(r -> r.cluster("loaded").service("web").force(true));
        }
    }
}
