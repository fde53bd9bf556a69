package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.Rooms;
import dev.ecslabs.dashboard.classroom.member.ClassroomClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may open the classroom's page, and by which name: it shows the join code, so by default only
 * the instructor's own machine, by any of its addresses (the LAN URL printed for learners too); and
 * only by this machine's own names and addresses, so that a DNS name someone points here (DNS
 * rebinding) gets nothing, whatever address the classroom listens on.
 */
class ClassroomPageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @DisplayName("The instructor's own browser opens the page on the LAN URL printed for learners; the API answers the network")
    void theInstructorsMachineByAnyAddress() throws Exception {
        List<String> lan = LanAddresses.lanAddresses();
        Assumptions.assumeFalse(lan.isEmpty(), "This machine has no address on a network besides loopback.");
        try (Classroom classroom = Rooms.open("0.0.0.0", dir.resolve("private"), 0, "PAGE42", Rooms.outline(2), false)) {
            URI fromLan = URI.create("http://" + lan.get(0) + ":" + classroom.url().getPort());

            assertThat(classroom.joinUrl()).isEqualTo(fromLan);
            HttpResponse<String> page = get(fromLan.resolve("/"));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("PAGE42");
            assertThat(get(fromLan.resolve("/fragments/grid")).statusCode()).isEqualTo(200);
            assertThat(get(URI.create("http://localhost:" + classroom.url().getPort() + "/")).body()).contains("PAGE42");
            ClassroomClient.Joined joined = new ClassroomClient(fromLan).join(LearnerName.of("Ana"), "PAGE42",
                    LearnerSecret.create());
            assertThat(joined.name()).isEqualTo("Ana");
        }
    }

    @Test
    @DisplayName("Another machine's address is not the instructor's; this machine's every interface address and loopback are")
    void otherMachinesAreNotThisOne() {
        ThisMachine machine = new ThisMachine(Set.of());

        assertThat(machine.isOwnAddress("203.0.113.7")).isFalse();
        assertThat(machine.isOwnAddress("192.0.2.10")).isFalse();
        assertThat(machine.isOwnAddress("127.0.0.1")).isTrue();
        assertThat(machine.isOwnAddress("::1")).isTrue();
        LanAddresses.lanAddresses().forEach(own -> assertThat(machine.isOwnAddress(own)).as(own).isTrue());
    }

    @Test
    @DisplayName("With the default bind address (every address), a forged Host header gets neither the page nor the join code")
    void aForgedHostGetsNothing() throws Exception {
        try (Classroom classroom = Rooms.open("0.0.0.0", dir.resolve("rebinding"), 0, "PAGE44", Rooms.outline(2), false)) {
            int port = classroom.url().getPort();

            String forged = rawGet(port, "/", "attacker.example:" + port);
            String forgedGrid = rawGet(port, "/fragments/grid", "rebind.attacker.example");
            String forgedJoin = rawGet(port, "/api/join", "attacker.example");

            assertThat(forged).startsWith("HTTP/1.1 403").contains("not to 'attacker.example:" + port + "'").doesNotContain("PAGE44");
            assertThat(forgedGrid).startsWith("HTTP/1.1 403");
            assertThat(forgedJoin).startsWith("HTTP/1.1 403");
            assertThat(rawGet(port, "/", "localhost:" + port)).startsWith("HTTP/1.1 200").contains("PAGE44");
            assertThat(rawGet(port, "/", "127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
            for (String own : LanAddresses.lanAddresses()) {
                assertThat(rawGet(port, "/", own + ":" + port)).as(own).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** A GET with the Host header given (Java's HTTP client will not forge one). */
    private static String rawGet(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}
