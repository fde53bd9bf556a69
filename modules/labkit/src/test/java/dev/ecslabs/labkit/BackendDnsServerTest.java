package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.regions.Region;

/** Where a lab asks DNS for Cloud Map's private names, on each kind of backend. */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class BackendDnsServerTest {

    @AfterEach
    void clear() {
        System.clearProperty("labs.dnsServer");
    }

    @Test
    @DisplayName("the embedded emulator's DNS server, and on ./lab start's emulator the port its health route tells")
    void courseEmulator() {
        try (Emulator emulator = Emulator.builder().port(0).dnsPort(0).start()) {
            InetSocketAddress expected = new InetSocketAddress("127.0.0.1", emulator.dnsPort());

            assertThat(backend(Backend.Kind.EMBEDDED, emulator.url(), emulator).dnsServer()).contains(expected);
            assertThat(backend(Backend.Kind.ENDPOINT, emulator.url(), null).dnsServer()).contains(expected);
        }
        try (Emulator withoutDns = Emulator.start(0)) {
            assertThat(backend(Backend.Kind.ENDPOINT, withoutDns.url(), null).dnsServer()).isEmpty();
        }
    }

    @Test
    @DisplayName("none on an endpoint that is not the course's emulator, unless labs.dnsServer names one")
    void otherEndpoints() {
        Backend aws = backend(Backend.Kind.ENDPOINT, URI.create("http://127.0.0.1:1"), null);
        assertThat(aws.dnsServer()).isEmpty();

        System.setProperty("labs.dnsServer", "169.254.169.253:53");
        assertThat(aws.dnsServer()).contains(new InetSocketAddress("169.254.169.253", 53));
        System.setProperty("labs.dnsServer", "169.254.169.253");
        assertThatThrownBy(aws::dnsServer).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
    }

    private static Backend backend(Backend.Kind kind, URI endpoint, Emulator emulator) {
        return new Backend(kind, endpoint, Region.US_EAST_1, "test", "test", emulator, false);
    }
}
