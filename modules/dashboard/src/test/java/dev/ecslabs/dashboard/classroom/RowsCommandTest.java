package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.member.ClassroomClient;
import dev.ecslabs.dashboard.classroom.room.Classroom;
import dev.ecslabs.dashboard.cli.LabCommand;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lab classroom rename|merge|remove} on the instructor's machine, against a running classroom. */
class RowsCommandTest {
    private static final String CODE = "ROWS42";

    @TempDir
    Path dir;

    Classroom classroom;
    ClassroomClient client;

    @BeforeEach
    void open() {
        classroom = Rooms.open(dir, 0, CODE, Rooms.outline(3, 2));
        client = new ClassroomClient(classroom.url());
    }

    @AfterEach
    void close() {
        classroom.close();
    }

    @Test
    @DisplayName("rename gives a row another name, and the learner's tool keeps writing to it")
    void rename() throws Exception {
        String ana = LearnerSecret.create();
        client.join(LearnerName.of("ana"), CODE, ana);

        Result renamed = lab("classroom", "rename", "ana", "Ana Lima");

        assertThat(renamed.exit()).as(renamed.err()).isZero();
        assertThat(renamed.out()).contains("Renamed 'ana' to 'Ana Lima'.");
        client.send(CODE, ana, List.of(event(1, "00.1", ExerciseResult.Status.PASSED)));
        assertThat(Grid.read(classroom.url()).rows()).containsOnlyKeys("Ana Lima");
        assertThat(Grid.read(classroom.url()).row("Ana Lima").state("00.1")).isEqualTo("PASSED");
    }

    @Test
    @DisplayName("merge puts one learner's two rows together: results of both, both tools write to the one row, each event still once")
    void merge() throws Exception {
        String laptop = LearnerSecret.create();
        String otherLaptop = LearnerSecret.create();
        client.join(LearnerName.of("Ana"), CODE, laptop);
        client.join(LearnerName.of("Ana 2"), CODE, otherLaptop);
        client.send(CODE, laptop, List.of(event(1, "00.1", ExerciseResult.Status.PASSED)));
        client.send(CODE, otherLaptop, List.of(event(1, "00.2", ExerciseResult.Status.PASSED)));

        Result merged = lab("classroom", "merge", "Ana 2", "Ana");

        assertThat(merged.exit()).as(merged.err()).isZero();
        ClassroomClient.Sent again = client.send(CODE, otherLaptop, List.of(event(1, "00.2", ExerciseResult.Status.PASSED),
                event(2, "00.3", ExerciseResult.Status.FAILED)));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.applied()).isEqualTo(1);
        client.send(CODE, laptop, List.of(event(2, "01.1", ExerciseResult.Status.PASSED)));
        int port = classroom.url().getPort();
        classroom.close();
        classroom = Rooms.open(dir, port, CODE, Rooms.outline(3, 2));
        assertThat(client.send(CODE, otherLaptop, List.of(event(2, "00.3", ExerciseResult.Status.FAILED))).duplicates())
                .as("the merged row's event numbers, after a restart").isEqualTo(1);
        Grid grid = Grid.read(classroom.url());
        assertThat(grid.rows()).containsOnlyKeys("Ana");
        assertThat(grid.row("Ana").states()).containsEntry("00.1", "PASSED").containsEntry("00.2", "PASSED")
                .containsEntry("00.3", "FAILED").containsEntry("01.1", "PASSED");
    }

    @Test
    @DisplayName("remove takes a row away; a mistake (no such row, no classroom on the port) is a sentence and exit code 1")
    void removeAndMistakes() throws Exception {
        String ben = LearnerSecret.create();
        client.join(LearnerName.of("Ben"), CODE, ben);

        Result removed = lab("classroom", "remove", "Ben");
        Result unknown = lab("classroom", "remove", "Nobody");

        assertThat(removed.exit()).isZero();
        assertThat(Grid.read(classroom.url()).rows()).isEmpty();
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("No learner is named 'Nobody'");
        int port = classroom.url().getPort();
        classroom.close();
        Result closed = lab("classroom", "remove", "Ben", "--port", String.valueOf(port));
        assertThat(closed.exit()).isEqualTo(1);
        assertThat(closed.err()).contains("No classroom answers on port " + port);
        classroom = Rooms.open(dir, port, CODE, Rooms.outline(3, 2));
    }

    private record Result(int exit, String out, String err) {
    }

    private Result lab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--port")) {
            all.add("--port");
            all.add(String.valueOf(classroom.url().getPort()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LabCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static ResultEvent event(long seq, String exercise, ExerciseResult.Status status) {
        return new ResultEvent(seq, exercise, status, Instant.now(), "ide");
    }
}
