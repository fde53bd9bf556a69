package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceConnectEndToEndTest {
    final ServiceConnectFixtures fx = new ServiceConnectFixtures();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    @DisplayName("smoke")
    void smoke() {
        fx.createBackend("api", fx.registerBackend("api"), 2);
        fx.advance(Duration.ofMinutes(2));
        fx.createFrontend("web", fx.registerFrontend("web"), 1);
        fx.advance(Duration.ofMinutes(2));
        System.out.println(fx.describe("api"));
        System.out.println(fx.tasks("web", "RUNNING"));
        System.out.println(fx.instances(fx.discoveryArn("api", "backend")));
        assertThat(fx.tasks("web", "RUNNING").get(0).healthStatusAsString()).isEqualTo("HEALTHY");
    }
}
