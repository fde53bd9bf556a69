package dev.ecslabs.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.RunningDashboard;
import dev.ecslabs.dashboard.fixtures.ServiceConnectBackend;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The dashboard's routes over real HTTP, on a copy of the course, with the emulator behind it. */
class DashboardRoutesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern RESOLVED = Pattern.compile("backend:8080 → \\d+\\.\\d+\\.\\d+\\.\\d+:80");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    RunningDashboard running;

    @BeforeEach
    void start() {
        running = new RunningDashboard(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    @DisplayName("The course page lists every lab with its exercises, not run yet, and a progress bar")
    void coursePage() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Element lab = Jsoup.parse(page.body()).selectFirst("div.labs article.lab[data-lab=00]");
        assertThat(lab).isNotNull();
        assertThat(lab.select("h2 a[href=/labs/00]").text()).isEqualTo("Lab 00 — Getting started");
        assertThat(lab.select(".progress progress[max=4][value=0]")).hasSize(1);
        assertThat(lab.select(".progress .count").text()).isEqualTo("0/4");
        assertThat(lab.select("p.when").text()).isEqualTo("Not run yet");
        assertThat(lab.select("li.exercise.not_run[data-exercise=\"00.2\"][data-state=NOT_RUN] span.title").text())
                .isEqualTo("List the clusters of the account");
    }

    @Test
    @DisplayName("A lab's page renders its guide (tables too), and each exercise with a hint button, no hint shown until asked for")
    void labPage() throws Exception {
        Document page = page("/labs/00");

        assertThat(page.title()).isEqualTo("Lab 00 — Getting started · ECS Labs");
        assertThat(page.select("article.guide h1").text()).isEqualTo("Lab 00 — Getting started");
        assertThat(page.select("article.guide table")).isNotEmpty();
        Element hints = page.selectFirst("li.exercise[id=\"exercise-00.2\"] > div.hints[data-hints-shown=0][data-hints=3]");
        assertThat(hints).isNotNull();
        assertThat(hints.select("form.hint-next[method=post][action=\"/labs/00/exercises/00.2/hint\"] > button[type=submit]").text())
                .isEqualTo("Hint (1 of 3: the idea)");
        assertThat(hints.select("p.hint-level")).as("no level is shown before the learner asks").isEmpty();
        assertThat(page.text()).doesNotContain("Code that reads only the first page misses clusters");
        assertThat(page.select("form.check[method=post][action=/labs/00/check] > button#check[type=submit]").text()).isEqualTo("Check lab 00");
        assertThat(page.select("button#check").hasAttr("disabled")).as("no check runs").isFalse();
        assertThat(get("/labs/00-getting-started").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("The hint button reveals one level more per click (the idea, which API, the shape of the call), as ./lab hint does")
    void hintButtonRevealsTheNextLevel() throws Exception {
        String origin = running.dashboard.url().toString();

        HttpResponse<String> first = post("/labs/00/exercises/00.2/hint", origin);
        HttpResponse<String> second = post("/labs/00/exercises/00.2/hint", origin);
        String page = get("/labs/00").body();
        HttpResponse<String> third = post("/labs/00/exercises/00.2/hint", origin);

        assertThat(first.statusCode()).isEqualTo(200);
        Element hints = hintsOf(Jsoup.parse(first.body()), "00.2");
        assertThat(hints.attr("data-hints-shown")).as("the exercises' part of the page, for the script to put in place").isEqualTo("1");
        assertThat(hints.select("p.hint-level[data-level=1]").text()).startsWith("The idea: List actions answer in pages");
        assertThat(hints.select("p.hint-level[data-level=1] > strong").text()).isEqualTo("The idea:");
        assertThat(hints.select("form.hint-next button").text()).isEqualTo("Next hint (2 of 3: which api)");
        assertThat(hints.text()).doesNotContain("ListClusters, through its paginator");
        Element secondHints = hintsOf(Jsoup.parse(second.body()), "00.2");
        assertThat(secondHints.attr("data-hints-shown")).isEqualTo("2");
        assertThat(secondHints.select("p.hint-level[data-level=2]").text()).startsWith("Which API: ListClusters, through its paginator");
        assertThat(hintsOf(Jsoup.parse(page), "00.2").attr("data-hints-shown")).as("the lab's page remembers the levels shown").isEqualTo("2");
        Element thirdHints = hintsOf(Jsoup.parse(third.body()), "00.2");
        assertThat(thirdHints.attr("data-hints-shown")).isEqualTo("3");
        assertThat(thirdHints.select("p.hint-level[data-level=3] > strong").text()).isEqualTo("The shape of the call:");
        assertThat(thirdHints.select("form.hint-next")).as("no level is left to ask for").isEmpty();
        assertThat(running.course.hintsShown().all()).containsEntry("00.2", 3);
        assertThat(post("/labs/00/exercises/00.9/hint", origin).statusCode()).isEqualTo(404);
        assertThat(post("/labs/00/exercises/01.2/hint", origin).statusCode()).as("another lab's exercise").isEqualTo(404);
        assertThat(post("/labs/00/exercises/00.1/hint", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(running.course.hintsShown().all()).doesNotContainKey("00.1");
    }

    @Test
    @DisplayName("Without the script, the hint button is a plain form: it reveals the level and goes back to the exercise on the lab's page")
    void hintButtonWithoutScript() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(running.url("/labs/00/exercises/00.3/hint"))
                .header("Origin", running.dashboard.url().toString().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/labs/00#exercise-00.3");
        Element exercise = page("/labs/00").selectFirst("li.exercise[id=\"exercise-00.3\"]");
        assertThat(exercise).isNotNull();
        assertThat(exercise.select("p.hint-level[data-level=1]").text()).startsWith("The idea: A tag is a key-value label");
    }

    @Test
    @DisplayName("Only the course's own labs have pages: another name is a 404")
    void onlyKnownLabs() throws Exception {
        assertThat(get("/labs/42").statusCode()).isEqualTo(404);
        assertThat(get("/labs/..%2F..%2Fmodules").statusCode()).isEqualTo(404);
        assertThat(post("/labs/42/check", running.dashboard.url().toString()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("A guide's pictures are served from the lab's folder, and nothing else is: no other files, no way out")
    void pictures() throws Exception {
        Path lab = running.course.root().resolve("labs").resolve(TempCourse.LAB);
        Files.write(lab.resolve("diagram.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.write(running.course.root().resolve("secret.png"), new byte[] {1});
        Files.createSymbolicLink(lab.resolve("outside.png"), running.course.root().resolve("secret.png"));
        Files.writeString(lab.resolve("README.md"), Files.readString(lab.resolve("README.md")) + "\n![The flow](diagram.png)\n");

        assertThat(page("/labs/00").select("article.guide img[src=/labs/00/pictures/diagram.png][alt=The flow]")).hasSize(1);
        HttpResponse<String> picture = get("/labs/00/pictures/diagram.png");
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(get("/labs/00/pictures/README.md").statusCode()).isEqualTo(404);
        assertThat(get("/labs/00/pictures/..%2F..%2Fsecret.png").statusCode()).isEqualTo(404);
        assertThat(get("/labs/00/pictures/outside.png").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("A check must be a POST from the dashboard's own origin: no Origin, or another one, is refused with 403")
    void checksNeedTheSameOrigin() throws Exception {
        assertThat(post("/labs/00/check", null).statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = post("/labs/00/check", "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("must come from the dashboard's own pages");
        assertThat(get("/labs/00/check").statusCode()).isEqualTo(404);
        assertThat(running.course.progress().read()).isEmpty();
    }

    @Test
    @DisplayName("On 127.0.0.1 the dashboard refuses a request that names another host (DNS rebinding)")
    void refusesOtherHostNames() throws Exception {
        String answer = rawGet("/", "attacker.example:" + running.dashboard.url().getPort());

        assertThat(answer).startsWith("HTTP/1.1 403");
    }

    @Test
    @DisplayName("The Check button runs the exercise at hand first, streams its output as events, records results as the dashboard's, and says when it is done")
    void checkStreamsItsOutput() throws Exception {
        AwaitableOutput stream = listen();
        stream.awaitContains(0, "event: hello", PATIENCE);

        HttpResponse<String> started = post("/labs/00/check", running.dashboard.url().toString());

        assertThat(started.statusCode()).isEqualTo(202);
        String events = stream.await(0, text -> text.matches("(?s).*event: check-finished\ndata: \\{[^\n]*\\}\n.*"),
                PATIENCE, "the check-finished event and its data");
        assertThat(events).contains("event: check-started", "event: check-output", "✘ 00.1 Build an ECS client",
                "0/4 exercises of lab 00", "Ran 00.1 first", "\"complete\":false");
        assertThat(events).as("the rest of the lab waits until 00.1 passes").doesNotContain("✘ 00.2");
        assertThat(running.course.progress().read().values()).singleElement()
                .satisfies(result -> assertThat(result.runner()).isEqualTo("dashboard"));
        assertThat(page("/fragments/course").select("li.exercise.failed[data-exercise=\"00.1\"][data-state=FAILED]")).hasSize(1);
    }

    @Test
    @DisplayName("Pages hear when the progress file changes, whoever wrote it (here: as Maven would)")
    void progressEvents() throws Exception {
        AwaitableOutput stream = listen();
        stream.awaitContains(0, "event: hello", PATIENCE);

        running.course.progress().record(new ExerciseResult("00.1", ExerciseResult.Status.PASSED, null, Instant.now(), "maven"));

        stream.awaitContains(0, "event: progress", PATIENCE);
        Element exercise = page("/labs/00/exercises").selectFirst("li.exercise[data-exercise=\"00.1\"]");
        assertThat(exercise).isNotNull();
        assertThat(exercise.attr("data-state")).isEqualTo("PASSED");
        assertThat(exercise.select("span.when").text()).endsWith(" by maven");
        assertThat(exercise.select("span.when > time[datetime]")).hasSize(1);
    }

    @Test
    @DisplayName("The resources page shows the learner's clusters, read through the SDK, and says which parts the backend can't answer")
    void resourcesPage() throws Exception {
        try (EcsClient ecs = running.learnerEcs()) {
            ecs.createCluster(b -> b.clusterName("shown-on-the-page"));
        }

        Document page = page("/resources");

        assertThat(page.select("header span.backend").text()).contains("account 000000000000");
        assertThat(page.select("div[data-live=/fragments/resources] > section.service > h2").eachText())
                .anySatisfy(title -> assertThat(title).startsWith("ECS clusters"))
                .anySatisfy(title -> assertThat(title).startsWith("ECR repositories"))
                .anySatisfy(title -> assertThat(title).startsWith("Cloud Map namespaces"));
        assertThat(page.select("section#ecs article.cluster[data-name=shown-on-the-page] h3 span.status").text()).isEqualTo("ACTIVE");
        assertThat(page.select("a#clean[href=/resources/clean]")).hasSize(1);
        assertThat(page("/fragments/resources").select("article.cluster[data-name=shown-on-the-page]")).hasSize(1);
    }

    @Test
    @DisplayName("The resources page shows what each Service Connect client alias resolves to: the backend's running tasks")
    void serviceConnectAliases() throws Exception {
        try (EcsClient ecs = running.learnerEcs()) {
            ServiceConnectBackend.create(ecs);

            Document fragment = Waiter.builder(Document.class)
                    .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(page -> RESOLVED.matcher(aliasesOf(page, "api")).find()))
                    .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(body -> true))
                    .overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(450)
                            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).build())
                    .build().run(() -> Jsoup.parse(getBody("/fragments/resources"))).matched().response().orElseThrow();

            String backendIp = ServiceConnectBackend.runningTaskIp(ecs);
            Element api = fragment.selectFirst("section.service#service-connect > article.service-connect[data-name=api]");
            assertThat(fragment.select("section#service-connect > h2").text()).isEqualTo("Service Connect");
            assertThat(api.select("> h3 > span.status").text()).isEqualTo("namespace shop");
            assertThat(api.select("ul.aliases > li")).singleElement().satisfies(alias -> {
                assertThat(alias.select("> code").text()).isEqualTo("backend:8080");
                assertThat(alias.text()).isEqualTo("backend:8080 → " + backendIp + ":80 (Cloud Map service backend)");
                assertThat(alias.select("> span.meta").text()).isEqualTo("(Cloud Map service backend)");
            });
        }
    }

    /** The Service Connect aliases of a service as the page shows them, as text (empty while it is not shown). */
    private static String aliasesOf(Document page, String service) {
        return page.select("section#service-connect > article.service-connect[data-name=\"" + service + "\"] ul.aliases > li").text();
    }

    private String getBody(String path) {
        try {
            return get(path).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Document page(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(answer.body());
    }

    /** The hints of an exercise on a lab's page or its exercises' part. */
    private static Element hintsOf(Document page, String exercise) {
        Element hints = page.selectFirst("li.exercise[data-exercise=\"" + exercise + "\"] > div.hints");
        assertThat(hints).as("the hints of " + exercise).isNotNull();
        return hints;
    }

    private AwaitableOutput listen() {
        AwaitableOutput lines = new AwaitableOutput();
        HttpRequest request = HttpRequest.newBuilder(running.url("/events")).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> CompletableFuture.runAsync(() -> r.body().forEach(line -> lines.add(line + "\n"))));
        return lines;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(running.url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.url(path)).header("X-Requested-With", "fetch")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin.replaceAll("/$", ""));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Java's HTTP client won't send a Host header of our choosing, so this one request is written by hand. */
    private String rawGet(String path, String host) throws IOException {
        URI url = running.dashboard.url();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
