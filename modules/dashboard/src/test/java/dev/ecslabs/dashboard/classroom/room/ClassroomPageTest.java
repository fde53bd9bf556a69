package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.Rooms;
import dev.ecslabs.dashboard.classroom.member.ClassroomClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may open the classroom's page: it shows the join code, so by default only the instructor's
 * own machine; learners' tools reach the API from the network all the same. Called over this
 * machine's address on the room's network, so the classroom sees a caller that is not loopback.
 */
class ClassroomPageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @DisplayName("The page opens on the instructor's machine only, unless asked; the API answers the network")
    void pageIsForThisMachine() throws Exception {
        List<String> lan = LanAddresses.lanAddresses();
        Assumptions.assumeFalse(lan.isEmpty(), "This machine has no address on a network besides loopback.");
        try (Classroom classroom = Rooms.open("0.0.0.0", dir.resolve("private"), 0, "PAGE42", Rooms.outline(2), false)) {
            URI fromNetwork = URI.create("http://" + lan.get(0) + ":" + classroom.url().getPort());

            HttpResponse<String> refused = get(fromNetwork.resolve("/"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("opens on the instructor's machine only", "--page-on-network");
            assertThat(get(fromNetwork.resolve("/fragments/grid")).statusCode()).isEqualTo(403);
            assertThat(get(URI.create("http://127.0.0.1:" + classroom.url().getPort() + "/")).body()).contains("PAGE42");
            ClassroomClient.Joined joined = new ClassroomClient(fromNetwork).join(LearnerName.of("Ana"), "PAGE42",
                    LearnerSecret.create());
            assertThat(joined.name()).isEqualTo("Ana");
        }
        try (Classroom classroom = Rooms.open("0.0.0.0", dir.resolve("shared"), 0, "PAGE43", Rooms.outline(2), true)) {
            URI fromNetwork = URI.create("http://" + lan.get(0) + ":" + classroom.url().getPort());
            assertThat(get(fromNetwork.resolve("/")).body()).contains("PAGE43");
        }
    }

    private HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}
