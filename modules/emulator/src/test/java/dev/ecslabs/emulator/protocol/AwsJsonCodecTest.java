package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/** The generic codec reads and writes the SDK's own model classes exactly as the AWS JSON protocol does. */
class AwsJsonCodecTest {

    @Test
    @DisplayName("A nested ECS request survives a write and a read unchanged, enums, lists and maps included")
    void roundTripsNestedRequests() {
        RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder()
                .family("web")
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder()
                        .name("app").image("nginx").essential(true)
                        .portMappings(PortMapping.builder().containerPort(80).name("http").build())
                        .environment(KeyValuePair.builder().name("STAGE").value("lab").build())
                        .logConfiguration(LogConfiguration.builder().logDriver("awslogs")
                                .options(java.util.Map.of("awslogs-group", "/ecs/web")).build())
                        .build())
                .build();

        ObjectNode json = AwsJsonCodec.write(request);
        RegisterTaskDefinitionRequest read = AwsJsonCodec.read(json, RegisterTaskDefinitionRequest.builder());

        assertThat(read).isEqualTo(request);
        assertThat(json.get("requiresCompatibilities").get(0).asText()).isEqualTo("FARGATE");
        assertThat(json.path("containerDefinitions").get(0).path("portMappings").get(0).path("containerPort").asInt()).isEqualTo(80);
    }

    @Test
    @DisplayName("Lists the caller never set are left out of the JSON")
    void skipsUnsetLists() {
        ObjectNode json = AwsJsonCodec.write(RegisterTaskDefinitionRequest.builder().family("web").build());

        assertThat(json.fieldNames()).toIterable().containsExactly("family");
    }

    @Test
    @DisplayName("Timestamps are epoch seconds with a fraction, written plainly and read back to the millisecond")
    void timestamps() {
        Instant at = Instant.parse("2026-11-26T10:15:30.123Z");
        ObjectNode json = AwsJsonCodec.write(Task.builder().createdAt(at).build());

        assertThat(json.get("createdAt").toString()).isEqualTo("1795688130.123");
        assertThat(AwsJsonCodec.read(json, Task.builder()).createdAt()).isEqualTo(at);
    }

    @Test
    @DisplayName("Cloud Map members are PascalCase on the wire")
    void pascalCase() {
        ObjectNode json = AwsJsonCodec.write(CreateHttpNamespaceRequest.builder().name("lab")
                .tags(Tag.builder().key("k").value("v").build()).build());

        assertThat(json.has("Name")).isTrue();
        assertThat(json.get("Tags").get(0).get("Key").asText()).isEqualTo("k");
    }

    @Test
    @DisplayName("Blobs are base64 on the wire")
    void blobs() {
        UploadLayerPartRequest request = UploadLayerPartRequest.builder()
                .layerPartBlob(SdkBytes.fromUtf8String("layer bytes")).build();

        JsonNode json = AwsJsonCodec.write(request);

        assertThat(json.get("layerPartBlob").asText()).isEqualTo("bGF5ZXIgYnl0ZXM=");
        assertThat(AwsJsonCodec.read(json, UploadLayerPartRequest.builder()).layerPartBlob().asUtf8String())
                .isEqualTo("layer bytes");
    }

    @Test
    @DisplayName("A member of the wrong JSON type is refused with its path")
    void wrongTypes() throws Exception {
        JsonNode json = AwsJsonCodec.MAPPER.readTree("{\"family\":\"web\",\"containerDefinitions\":[{\"portMappings\":[{\"containerPort\":\"80\"}]}]}");

        assertThatThrownBy(() -> AwsJsonCodec.read(json, RegisterTaskDefinitionRequest.builder()))
                .isInstanceOf(AwsJsonCodec.WrongTypeException.class)
                .hasMessage("Value at 'containerDefinitions.1.member.portMappings.1.member.containerPort' must be a whole "
                        + "number, but it is the string \"80\"");
    }
}
