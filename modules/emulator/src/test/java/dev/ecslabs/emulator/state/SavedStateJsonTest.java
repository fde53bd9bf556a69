package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.servicediscovery.model.Operation;

/** Saved state bound as records, with the SDK's model objects in them written as AWS writes them. */
class SavedStateJsonTest {
    record Saved(List<Cluster> clusters, Map<String, Long> counters) {
    }

    @Test
    @DisplayName("An SDK model inside a record is saved exactly as the wire codec writes it, and read back equal")
    void sdkModelsInRecordsGoThroughTheCodec() {
        Cluster cluster = Cluster.builder().clusterName("lab").status("ACTIVE")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/lab")
                .tags(Tag.builder().key("team").value("a").build()).build();
        Operation operation = Operation.builder().id("op-1").status("PENDING").createDate(Instant.parse("2026-01-01T00:00:00.250Z"))
                .build();

        JsonNode json = SavedStateJson.write(new Saved(List.of(cluster), Map.of("next", 3L)));

        assertThat(json.path("clusters").get(0)).isEqualTo(AwsJsonCodec.write(cluster));
        assertThat(SavedStateJson.read(json, Saved.class)).isEqualTo(new Saved(List.of(cluster), Map.of("next", 3L)));
        assertThat(SavedStateJson.read(SavedStateJson.write(operation), Operation.class)).isEqualTo(operation);
        assertThat(SavedStateJson.write(operation).path("CreateDate").asText()).as("Cloud Map's PascalCase wire names")
                .isEqualTo("1767225600.25");
    }

    @Test
    @DisplayName("Saved state of the wrong shape is refused with a message, so that its area is set aside alone")
    void theWrongShapeIsRefused() {
        assertThatThrownBy(() -> SavedStateJson.read(AwsJsonCodec.MAPPER.readTree("{\"clusters\":{\"not\":\"a list\"}}"), Saved.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
