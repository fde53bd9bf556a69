package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.member.ClassroomMember;
import dev.ecslabs.dashboard.classroom.room.Classroom;
import dev.ecslabs.labkit.ExerciseResult;
import dev.ecslabs.labkit.ProgressFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's tool and a classroom, for real: the learner keeps their identity (and their row) in
 * a classroom whatever URL reaches it, a reset of a lab reaches the grid, and an idle tool keeps
 * saying it is there.
 */
class LearnerIdentityTest {
    private static final String CODE = "SAME42";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    Classroom classroom;
    ClassroomMember member;
    final StringWriter printed = new StringWriter();

    @AfterEach
    void close() {
        if (member != null) {
            member.close();
        }
        if (classroom != null) {
            classroom.close();
        }
    }

    @Test
    @DisplayName("Starting again with the classroom's URL typed differently (localhost, not 127.0.0.1) keeps the learner's name, row and results")
    void identityIsPerClassroomNotPerUrl() throws Exception {
        classroom = Rooms.open(dir.resolve("room"), 0, CODE, Rooms.outline(4));
        ProgressFile progress = new ProgressFile(dir.resolve("progress.json"));
        URI byAddress = URI.create("http://127.0.0.1:" + classroom.url().getPort());
        URI byName = URI.create("http://localhost:" + classroom.url().getPort());
        member = start(progress, byAddress);
        progress.record(result("00.1", ExerciseResult.Status.PASSED));
        assertThat(member.deliverAll(PATIENCE)).isTrue();
        member.close();

        member = start(progress, byName);
        progress.record(result("00.2", ExerciseResult.Status.PASSED));

        assertThat(member.deliverAll(PATIENCE)).as(printed.toString()).isTrue();
        Grid grid = Grid.read(classroom.url());
        assertThat(grid.rows()).containsOnlyKeys("Ana Lima");
        assertThat(grid.row("Ana Lima").state("00.1")).isEqualTo("PASSED");
        assertThat(grid.row("Ana Lima").state("00.2")).isEqualTo("PASSED");
        assertThat(printed.toString()).doesNotContain("a new membership", "already joined");
        assertThat(Files.readString(dir.resolve("membership.json"))).contains("\"classroom\" : \"" + byName + "\"");
    }

    @Test
    @DisplayName("./lab reset forgets a lab's results, and the grid shows them not run again: a reset is an event too")
    void aResetReachesTheGrid() throws Exception {
        classroom = Rooms.open(dir.resolve("room"), 0, CODE, Rooms.outline(3, 2));
        ProgressFile progress = new ProgressFile(dir.resolve("progress.json"));
        member = start(progress, classroom.url());
        progress.record(result("00.1", ExerciseResult.Status.PASSED));
        progress.record(result("00.2", ExerciseResult.Status.FAILED));
        progress.record(result("01.1", ExerciseResult.Status.PASSED));
        assertThat(member.deliverAll(PATIENCE)).isTrue();
        assertThat(Grid.read(classroom.url()).row("Ana Lima").state("00.1")).isEqualTo("PASSED");

        progress.forgetLab("00");

        assertThat(member.deliverAll(PATIENCE)).isTrue();
        Grid.Row row = Grid.read(classroom.url()).row("Ana Lima");
        assertThat(row.state("00.1")).isEqualTo("NOT_RUN");
        assertThat(row.state("00.2")).isEqualTo("NOT_RUN");
        assertThat(row.state("01.1")).isEqualTo("PASSED");
        assertThat(row.done()).isEqualTo("1/5");
    }

    @Test
    @DisplayName("An idle tool tells the classroom it is still there, so its learner shows as connected")
    void anIdleToolKeepsItsLearnerConnected() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        classroom = Rooms.open(dir.resolve("room"), CODE, Rooms.outline(4), clock);
        member = ClassroomMember.start(new ProgressFile(dir.resolve("progress.json")), dir.resolve("membership.json"),
                classroom.url(), LearnerName.of("Ana Lima"), CODE, new PrintWriter(printed, true),
                new ClassroomMember.Timings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500),
                        Duration.ofMillis(200)));
        assertThat(member.awaitJoined(PATIENCE)).isTrue();
        // three heartbeats' time passes on the classroom's clock: only a heartbeat after it shows Ana connected
        clock.advance(Limits.CONNECTED_WITHIN.multipliedBy(2));

        try (GridWatch watch = new GridWatch(classroom.url())) {
            Grid connected = watch.await(grid -> grid.rows().values().stream().anyMatch(Grid.Row::connected), PATIENCE,
                    "the heartbeat of Ana's idle tool");
            assertThat(connected.rows()).containsOnlyKeys("Ana Lima");
        }
    }

    private ClassroomMember start(ProgressFile progress, URI classroomUrl) {
        return ClassroomMember.start(progress, dir.resolve("membership.json"), classroomUrl, LearnerName.of("Ana Lima"), CODE,
                new PrintWriter(printed, true), SimulatedLearner.TIMINGS);
    }

    private static ExerciseResult result(String exercise, ExerciseResult.Status status) {
        return new ExerciseResult(exercise, status, status == ExerciseResult.Status.FAILED ? "not yet" : null, Instant.now(), "maven");
    }
}
