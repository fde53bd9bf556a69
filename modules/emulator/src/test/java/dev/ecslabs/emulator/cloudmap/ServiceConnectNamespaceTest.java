package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;

/**
 * A cluster's Service Connect defaults use a real Cloud Map namespace: an existing one by name or
 * ARN, or a new HTTP namespace
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterServiceConnectDefaultsRequest.html).
 */
class ServiceConnectNamespaceTest extends CloudMapTestBase {
    static EcsClient ecs;

    @BeforeAll
    static void ecs() {
        ecs = AwsClients.ecs(emulator);
    }

    @AfterAll
    static void closeEcs() {
        ecs.close();
    }

    @Test
    @DisplayName("A new name creates an HTTP namespace in Cloud Map, which a second cluster with that name reuses")
    void newNameCreatesAnHttpNamespace() {
        String name = unique("connect");
        String arn = ecs.createCluster(b -> b.clusterName(unique("c"))
                .serviceConnectDefaults(d -> d.namespace(name))).cluster().serviceConnectDefaults().namespace();
        String again = ecs.createCluster(b -> b.clusterName(unique("c"))
                .serviceConnectDefaults(d -> d.namespace(name))).cluster().serviceConnectDefaults().namespace();
        clock.advance(Duration.ofMinutes(1)); // the CREATE_NAMESPACE operation succeeds

        Namespace namespace = cloudMap.getNamespace(b -> b.id(arn)).namespace();
        assertThat(namespace.name()).isEqualTo(name);
        assertThat(namespace.type()).isEqualTo(NamespaceType.HTTP);
        assertThat(again).isEqualTo(arn);
    }

    @Test
    @DisplayName("An existing namespace of any type is used by name or ARN; an unknown ARN is NamespaceNotFoundException")
    void existingNamespace() {
        String name = unique("dns") + ".local";
        String namespaceId = privateNamespace(name);
        String arn = cloudMap.getNamespace(b -> b.id(namespaceId)).namespace().arn();

        assertThat(ecs.createCluster(b -> b.clusterName(unique("c")).serviceConnectDefaults(d -> d.namespace(name)))
                .cluster().serviceConnectDefaults().namespace()).isEqualTo(arn);
        assertThat(ecs.createCluster(b -> b.clusterName(unique("c")).serviceConnectDefaults(d -> d.namespace(arn)))
                .cluster().serviceConnectDefaults().namespace()).isEqualTo(arn);
        assertThatThrownBy(() -> ecs.createCluster(b -> b.clusterName(unique("c"))
                .serviceConnectDefaults(d -> d.namespace(arn.replace(namespaceId, "ns-aaaaaaaaaaaaaaaa")))))
                .isInstanceOf(NamespaceNotFoundException.class);
    }
}
