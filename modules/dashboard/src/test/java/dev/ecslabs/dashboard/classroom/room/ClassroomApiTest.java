package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.Grid;
import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.classroom.Rooms;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classroom's API over real HTTP: who may join, who may write what, and the bounds on both. */
class ClassroomApiTest {
    private static final String CODE = "K7QX2M";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    Classroom classroom;

    @BeforeEach
    void open() {
        classroom = Rooms.open(dir, 0, CODE, Rooms.outline(4, 8));
    }

    @AfterEach
    void close() {
        classroom.close();
    }

    @Test
    @DisplayName("Joining needs the join code: none or a wrong one is refused with a sentence, and nobody joins")
    void joinNeedsTheCode() throws Exception {
        HttpResponse<String> none = post("/api/join", "{\"name\":\"Ana\",\"secret\":\"" + LearnerSecret.create() + "\"}",
                Map.of());
        HttpResponse<String> wrong = join("Ana", "WRONG1", LearnerSecret.create());

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("needs its join code");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("The join code is not right");
        assertThat(Grid.read(classroom.url()).rows()).isEmpty();
        assertThat(join("Ana", CODE.toLowerCase(), LearnerSecret.create()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("Names are unique in a classroom, whatever their case and spacing; the same name with the same secret is the same learner")
    void namesAreUnique() throws Exception {
        String secret = LearnerSecret.create();
        HttpResponse<String> first = join("Ana Lima", CODE, secret);
        HttpResponse<String> again = join("Ana Lima", CODE, secret);
        HttpResponse<String> other = join("  ana   LIMA ", CODE, LearnerSecret.create());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).containsPattern("\"account\":\"\\d{12}\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("already joined as 'Ana Lima': choose another name");
        assertThat(Grid.read(classroom.url()).rows()).containsOnlyKeys("Ana Lima");
    }

    @Test
    @DisplayName("A name is bounded: too long, markup or nothing but punctuation is refused")
    void namesAreBounded() throws Exception {
        assertThat(join("A".repeat(Limits.NAME_LENGTH), CODE, LearnerSecret.create()).statusCode()).isEqualTo(200);
        HttpResponse<String> tooLong = join("B".repeat(Limits.NAME_LENGTH + 1), CODE, LearnerSecret.create());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("longer than 40 characters");
        assertThat(join("<script>alert(1)</script>", CODE, LearnerSecret.create()).statusCode()).isEqualTo(400);
        assertThat(join("...", CODE, LearnerSecret.create()).statusCode()).isEqualTo(400);
        assertThat(join("", CODE, LearnerSecret.create()).statusCode()).isEqualTo(400);
        assertThat(join("Zoë O'Neil-Ngữ", CODE, LearnerSecret.create()).statusCode()).isEqualTo(200);
        assertThat(join("Cleo", CODE, "short-secret").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("Results need the code and the learner's secret; a learner's secret writes only that learner's row")
    void noLearnerWritesAnothersProgress() throws Exception {
        String ana = LearnerSecret.create();
        String ben = LearnerSecret.create();
        join("Ana", CODE, ana);
        join("Ben", CODE, ben);

        assertThat(events(null, ana, event(1, "00.1", "PASSED")).statusCode()).isEqualTo(403);
        assertThat(events(CODE, null, event(1, "00.1", "PASSED")).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = events(CODE, LearnerSecret.create(), event(1, "00.1", "PASSED"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("does not know you");
        // an event has no field naming a learner: one that tries is refused whole
        HttpResponse<String> naming = post("/api/events", "{\"events\":[{\"seq\":1,\"exercise\":\"00.2\",\"status\":\"PASSED\","
                + "\"at\":\"" + Instant.now() + "\",\"learner\":\"Ana\"}]}", headers(CODE, ben));
        assertThat(naming.statusCode()).isEqualTo(400);
        assertThat(naming.body()).contains("'learner' is not taken");

        assertThat(events(CODE, ben, event(1, "00.1", "PASSED"), event(2, "00.2", "FAILED")).statusCode()).isEqualTo(200);

        Grid grid = Grid.read(classroom.url());
        assertThat(grid.row("Ana").states()).allSatisfy((exercise, state) -> assertThat(state).isEqualTo("NOT_RUN"));
        assertThat(grid.row("Ana").received()).isZero();
        assertThat(grid.row("Ben").state("00.1")).isEqualTo("PASSED");
        assertThat(grid.row("Ben").state("00.2")).isEqualTo("FAILED");
    }

    @Test
    @DisplayName("Every event is taken exactly once: a batch sent again (its answer was lost) changes nothing")
    void eventsAreTakenExactlyOnce() throws Exception {
        String ana = LearnerSecret.create();
        join("Ana", CODE, ana);
        String[] batch = {event(1, "00.1", "FAILED"), event(2, "00.1", "PASSED"), event(3, "00.2", "FAILED")};

        HttpResponse<String> first = events(CODE, ana, batch);
        HttpResponse<String> again = events(CODE, ana, batch);
        HttpResponse<String> overlapping = events(CODE, ana, event(3, "00.2", "FAILED"), event(4, "00.2", "PASSED"));

        assertThat(first.body()).isEqualTo("{\"through\":3,\"applied\":3,\"duplicates\":0,\"ignored\":0}");
        assertThat(again.body()).isEqualTo("{\"through\":3,\"applied\":0,\"duplicates\":3,\"ignored\":0}");
        assertThat(overlapping.body()).isEqualTo("{\"through\":4,\"applied\":1,\"duplicates\":1,\"ignored\":0}");
        Grid.Row row = Grid.read(classroom.url()).row("Ana");
        assertThat(row.received()).isEqualTo(4);
        assertThat(row.state("00.1")).isEqualTo("PASSED");
        assertThat(row.state("00.2")).isEqualTo("PASSED");
    }

    @Test
    @DisplayName("Results for exercises this course does not have are taken (never sent again) but not shown")
    void unknownExercisesAreNotShown() throws Exception {
        String ana = LearnerSecret.create();
        join("Ana", CODE, ana);

        HttpResponse<String> answer = events(CODE, ana, event(1, "09.1", "PASSED"), event(2, "00.1", "PASSED"));

        assertThat(answer.body()).isEqualTo("{\"through\":2,\"applied\":1,\"duplicates\":0,\"ignored\":1}");
        assertThat(Grid.read(classroom.url()).row("Ana").states()).doesNotContainKey("09.1").containsEntry("00.1", "PASSED");
    }

    @Test
    @DisplayName("Input is bounded: batch size, body size, JSON only, well-formed events in order, and never from a web page")
    void inputIsBounded() throws Exception {
        String ana = LearnerSecret.create();
        join("Ana", CODE, ana);
        String[] tooMany = IntStream.rangeClosed(1, Limits.EVENTS_PER_REQUEST + 1).mapToObj(i -> event(i, "00.1", "PASSED"))
                .toArray(String[]::new);
        String huge = "{\"events\":[" + event(1, "00.1", "PASSED") + "],\"padding\":\"" + "x".repeat(Limits.REQUEST_BYTES) + "\"}";

        assertThat(events(CODE, ana, tooMany).statusCode()).isEqualTo(413);
        assertThat(post("/api/events", huge, headers(CODE, ana)).statusCode()).isEqualTo(413);
        assertThat(events(CODE, ana, event(2, "00.1", "PASSED"), event(1, "00.2", "PASSED")).body())
                .contains("must come in the order of their seq");
        assertThat(events(CODE, ana, event(1, "00.1", "DONE")).body()).contains("PASSED, FAILED or RESET, not 'DONE'");
        assertThat(events(CODE, ana, event(1, "lab one", "PASSED")).statusCode()).isEqualTo(400);
        assertThat(post("/api/events", "{\"events\":[" + event(1, "00.1", "PASSED") + "]}",
                Map.of("Content-Type", "text/plain", "X-Classroom-Code", CODE, "Authorization", "Bearer " + ana)).statusCode())
                .isEqualTo(415);
        Map<String, String> fromAPage = new java.util.HashMap<>(headers(CODE, ana));
        fromAPage.put("Sec-Fetch-Site", "cross-site");
        assertThat(post("/api/events", "{\"events\":[" + event(1, "00.1", "PASSED") + "]}", fromAPage).statusCode())
                .isEqualTo(403);
        assertThat(Grid.read(classroom.url()).row("Ana").received()).isZero();
    }

    @Test
    @DisplayName("Rates are bounded: a learner flooding requests and an address guessing codes are told to wait")
    void ratesAreBounded() throws Exception {
        String ana = LearnerSecret.create();
        join("Ana", CODE, ana);
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int seq = 1; seq <= Limits.REQUEST_BURST + 10; seq++) {
            answers.add(events(CODE, ana, event(seq, "00.1", "PASSED")));
        }
        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(statuses.get(200)).isGreaterThanOrEqualTo(Limits.REQUEST_BURST);
        assertThat(statuses.get(429)).isPositive();
        assertThat(answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow().headers()
                .firstValue("Retry-After")).isPresent();

        for (int guess = 0; guess < Limits.WRONG_CODE_BURST; guess++) {
            assertThat(join("Guesser", "GUESS" + guess, LearnerSecret.create()).statusCode()).isEqualTo(403);
        }
        HttpResponse<String> slowDown = join("Guesser", "GUESSX", LearnerSecret.create());
        assertThat(slowDown.statusCode()).isEqualTo(429);
        assertThat(slowDown.body()).contains("Too many wrong join codes");
    }

    @Test
    @DisplayName("A restarted classroom keeps its code, its learners, their results and which events it took")
    void stateSurvivesARestart() throws Exception {
        String ana = LearnerSecret.create();
        join("Ana", CODE, ana);
        events(CODE, ana, event(1, "00.1", "PASSED"), event(2, "00.2", "FAILED"));
        int port = classroom.url().getPort();
        classroom.close();

        classroom = Rooms.open(dir, port, null, Rooms.outline(4, 8));

        assertThat(classroom.code()).isEqualTo(CODE);
        assertThat(classroom.restoredLearners()).isEqualTo(1);
        assertThat(events(CODE, ana, event(2, "00.2", "FAILED"), event(3, "00.2", "PASSED")).body())
                .isEqualTo("{\"through\":3,\"applied\":1,\"duplicates\":1,\"ignored\":0}");
        assertThat(join("ana", CODE, LearnerSecret.create()).statusCode()).isEqualTo(409);
        Grid.Row row = Grid.read(classroom.url()).row("Ana");
        assertThat(row.received()).isEqualTo(3);
        assertThat(row.state("00.1")).isEqualTo("PASSED");
        assertThat(row.state("00.2")).isEqualTo("PASSED");
        assertThat(java.nio.file.Files.readString(classroom.stateFile())).doesNotContain(ana);
    }

    private HttpResponse<String> join(String name, String code, String secret) throws Exception {
        return post("/api/join", "{\"code\":\"" + code + "\",\"name\":\"" + name.replace("\"", "\\\"") + "\",\"secret\":\""
                + secret + "\"}", Map.of());
    }

    private HttpResponse<String> events(String code, String secret, String... events) throws Exception {
        return post("/api/events", "{\"events\":[" + String.join(",", events) + "]}", headers(code, secret));
    }

    private static Map<String, String> headers(String code, String secret) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (code != null) {
            headers.put("X-Classroom-Code", code);
        }
        if (secret != null) {
            headers.put("Authorization", "Bearer " + secret);
        }
        return headers;
    }

    private static String event(long seq, String exercise, String status) {
        return "{\"seq\":" + seq + ",\"exercise\":\"" + exercise + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now()
                + "\",\"runner\":\"maven\"}";
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(classroom.url().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
