package dev.ecslabs.emulator.ecs.serviceconnect;

import static dev.ecslabs.emulator.state.SavedStateAssertions.assertEveryComponentSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Service Connect's saved state is bound as records: every component of it is saved. */
class ServiceConnectStateSavedTest {
    @Test
    @DisplayName("Discovery services and task endpoints with every component set read back equal")
    void everyComponentIsSaved() {
        String namespace = "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-0123456789abcdef";
        ServiceConnectState.Saved saved = new ServiceConnectState.Saved(
                List.of(new ServiceConnectState.DiscoveryService(namespace, "backend",
                        "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-0123456789abcdef")),
                List.of(new ServiceConnectState.TaskEndpoints("arn:aws:ecs:us-east-1:000000000000:task/lab/0123",
                        List.of(new ServiceConnectState.SavedEndpoint("backend", 8080, namespace, "backend")))));
        assertEveryComponentSet(saved);

        assertThat(SavedStateJson.read(SavedStateJson.write(saved), ServiceConnectState.Saved.class)).isEqualTo(saved);
    }
}
