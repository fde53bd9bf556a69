package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.dashboard.cli.StartedCourse;
import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.labkit.ExerciseResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab classroom} and {@code lab start --join} through the real entry point, each in a copy
 * of the course of its own (the instructor's and a learner's), talking over real HTTP.
 */
class ClassroomCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @DisplayName("lab classroom prints the join code and the command learners type, and serves the grid of the course")
    void classroomOpens() throws Exception {
        Course instructor = TempCourse.copyInto(dir.resolve("instructor"));
        try (RunningClassroom classroom = new RunningClassroom(instructor, "--host", "127.0.0.1", "--port", "0", "--code", "ABCD12")) {
            String printed = classroom.out.toString();
            assertThat(printed).contains("Join code: ABCD12", "1 lab, 4 exercises")
                    .contains("./lab start --join " + classroom.url() + " --name \"Your Name\" --code ABCD12");
            Document page = Jsoup.parse(HttpClient.newHttpClient().send(HttpRequest.newBuilder(classroom.url()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(page.select("head > link[rel=stylesheet][href=/static/classroom.css]")).as("the grid's stylesheet, in the head")
                    .hasSize(1);
            assertThat(page.select("section.join strong#join-code").text()).isEqualTo("ABCD12");
            assertThat(page.select("section.join code#join-command").text())
                    .isEqualTo("./lab start --join " + classroom.url() + " --name \"Your Name\" --code ABCD12");
            assertThat(page.select("table#grid th.lab[data-lab=00]").attr("title")).isEqualTo("Lab 00 — Getting started");
            assertThat(page.select("table#grid th.exercise").eachAttr("title")).contains("00.2 List the clusters of the account");
            assertThat(page.select("table#grid > tbody td.empty").text()).isEqualTo("Nobody has joined yet.");
            assertThat(classroom.stop()).isZero();
        }
        assertThat(instructor.toolsDirectory().resolve("classroom/room.json")).exists();
    }

    @Test
    @DisplayName("A learner's lab start --join sends the results of lab check to the classroom's grid, and only the results")
    void learnerJoinsFromLabStart() throws Exception {
        Course instructor = TempCourse.copyInto(dir.resolve("instructor"));
        Course learner = TempCourse.copyInto(dir.resolve("learner"));
        try (RunningClassroom classroom = new RunningClassroom(instructor, "--host", "127.0.0.1", "--port", "0");
             GridWatch grid = new GridWatch(classroom.url());
             StartedCourse started = StartedCourse.start(learner, "--port", "0", "--dashboard-port", "0",
                     "--join", classroom.url().toString(), "--name", "Ana Lima", "--code", classroom.code())) {
            started.out.awaitContains(0, "Joined the classroom at " + classroom.url() + " as Ana Lima", PATIENCE);

            Cli.Result check = Cli.run(learner, "check", "00");

            assertThat(check.out()).contains("✘ 00.2");
            Grid shown = grid.await(g -> g.rows().containsKey("Ana Lima") && g.row("Ana Lima").state("00.4").equals("FAILED"),
                    PATIENCE, "Ana's four failed exercises");
            assertThat(shown.row("Ana Lima").states()).containsOnly(java.util.Map.entry("00.1", "FAILED"),
                    java.util.Map.entry("00.2", "FAILED"), java.util.Map.entry("00.3", "FAILED"), java.util.Map.entry("00.4", "FAILED"));
            // The grid shows a result as soon as the room holds it; the file gets it when its save is done.
            Path roomFile = instructor.toolsDirectory().resolve("classroom/room.json");
            FileWait.await(roomFile, file -> text(file).contains("\"00.4\""), PATIENCE, "the four results saved");
            assertThat(Files.readString(roomFile)).contains("\"00.2\"").doesNotContain("not done yet").doesNotContain("GettingStarted");
        }
    }

    @Test
    @DisplayName("A learner whose classroom is down starts all the same; results wait on disk and arrive when it opens")
    void classroomDownThenUp() throws Exception {
        Course instructor = TempCourse.copyInto(dir.resolve("instructor"));
        Course learner = TempCourse.copyInto(dir.resolve("learner"));
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = reserved.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        try (StartedCourse started = StartedCourse.start(learner, "--port", "0", "--dashboard-port", "0",
                "--join", url.toString(), "--name", "Ben", "--code", "ROOM42")) {
            started.out.awaitContains(0, "The classroom at " + url + " does not answer", PATIENCE);
            learner.progress().record(new ExerciseResult("00.1", ExerciseResult.Status.PASSED, null, Instant.now(), "ide"));
            Path membership = ClassroomJoin.membershipFile(learner);
            FileWait.await(membership, file -> pending(file) == 1, PATIENCE, "the result queued on disk");

            try (RunningClassroom classroom = new RunningClassroom(instructor, "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--code", "ROOM42");
                 GridWatch grid = new GridWatch(classroom.url())) {
                Grid shown = grid.await(g -> g.rows().containsKey("Ben") && g.row("Ben").state("00.1").equals("PASSED"),
                        PATIENCE, "Ben's passed exercise");
                assertThat(shown.row("Ben").received()).isEqualTo(1);
                started.out.awaitContains(0, "The classroom answers again", PATIENCE);
            }
        }
    }

    @Test
    @DisplayName("lab start --join checks its options before starting anything: all three, a URL, a name, a code")
    void joinOptionsAreChecked() {
        Course learner = TempCourse.copyInto(dir.resolve("learner"));

        Cli.Result noCode = Cli.run(learner, "start", "--port", "0", "--dashboard-port", "0", "--join", "http://127.0.0.1:7080",
                "--name", "Ana");
        Cli.Result badName = Cli.run(learner, "start", "--port", "0", "--dashboard-port", "0", "--join", "http://127.0.0.1:7080",
                "--name", "<b>Ana</b>", "--code", "ABCD12");
        Cli.Result badUrl = Cli.run(learner, "start", "--port", "0", "--dashboard-port", "0", "--join", "ftp://room",
                "--name", "Ana", "--code", "ABCD12");

        assertThat(noCode.exitCode()).isEqualTo(2);
        assertThat(noCode.err()).contains("Joining a classroom takes all three");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("may hold letters, digits, spaces");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--join takes the classroom's URL");
    }

    private static int pending(Path membership) {
        try {
            JsonNode json = new ObjectMapper().readTree(membership.toFile());
            return json.path("pending").size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
