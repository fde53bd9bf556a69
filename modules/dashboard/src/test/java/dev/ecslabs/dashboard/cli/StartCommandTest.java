package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@code lab start} through the real entry point: the emulator and the dashboard, announced to the other commands, kept across restarts. */
class StartCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A started course, and the way to stop it. */
    private record Started(StartCommand command, CompletableFuture<Integer> exit, String out, URI endpoint, URI dashboard) {
        int stop() throws Exception {
            command.stop.countDown();
            return exit.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("lab start serves the emulator and the dashboard, prints both URLs, and tells other lab commands where it runs")
    void startServesEmulatorAndDashboard() throws Exception {
        Course course = TempCourse.copyInto(dir);
        Started started = start(course);
        try {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(started.endpoint().resolve("/_emulator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"running\"");
            assertThat(http.send(HttpRequest.newBuilder(started.dashboard()).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("Lab 00 — Getting started");
            assertThat(started.out()).contains("Press Ctrl-C to stop.");
            assertThat(RunningCourse.find(course)).hasValueSatisfying(r -> assertThat(r.endpoint()).isEqualTo(started.endpoint()));

            Cli.Result check = Cli.run(course, "check", "00");
            assertThat(check.out()).contains("on the course's endpoint " + started.endpoint());
            HttpResponse<String> jumps = http.send(SignedRequests.signed("POST", started.endpoint()
                    .resolve("/_emulator/clock/jumps?seconds=0"), "test", "test", "us-east-1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jumps.statusCode()).as("its clock jumps while a check asks: " + jumps.body()).isEqualTo(200);
        } finally {
            assertThat(started.stop()).isZero();
        }
        assertThat(RunningCourse.find(course)).isEmpty();
    }

    @Test
    @DisplayName("What the learner created is still there after lab start is stopped and started again")
    void resourcesSurviveARestart() throws Exception {
        Course course = TempCourse.copyInto(dir);
        Started first = start(course);
        try (EcsClient ecs = ecs(first.endpoint())) {
            ecs.createCluster(b -> b.clusterName("kept-across-restarts"));
        } finally {
            first.stop();
        }

        Started second = start(course);
        try (EcsClient ecs = ecs(second.endpoint())) {
            assertThat(second.out()).contains("Restored 1 account-region from " + course.emulatorData().resolve("state.json"));
            assertThat(ecs.listClusters().clusterArns()).singleElement().asString().endsWith("cluster/kept-across-restarts");
        } finally {
            second.stop();
        }
    }

    @Test
    @DisplayName("lab start offers Cloud Map's DNS server and prints where; when its port is taken, the course starts without it and says so")
    void offersCloudMapDns() throws Exception {
        Course course = TempCourse.copyInto(dir);
        Started withDns = start(course);
        try {
            Matcher dns = Pattern.compile("Cloud Map DNS \\(UDP and TCP\\): 127\\.0\\.0\\.1:(\\d+)").matcher(withDns.out());
            assertThat(dns.find()).as(withDns.out()).isTrue();
            assertThat(Integer.parseInt(dns.group(1))).isPositive();
        } finally {
            withDns.stop();
        }

        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            Started withoutDns = start(course, String.valueOf(taken.getLocalPort()));
            try {
                assertThat(withoutDns.out()).contains("Cloud Map DNS: off, port " + taken.getLocalPort() + " is already in use")
                        .contains("--dns-port");
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(withoutDns.endpoint()
                        .resolve("/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            } finally {
                withoutDns.stop();
            }
        }
    }

    @Test
    @DisplayName("lab start on a port in use says so, and how to pick another, with exit code 1")
    void startOnABusyPort() throws Exception {
        Course course = TempCourse.copyInto(dir);
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            for (String option : new String[] {"--port", "--dashboard-port"}) {
                StringWriter err = new StringWriter();
                CommandLine commandLine = LabCommand.commandLine().setErr(new PrintWriter(err, true));
                String[] args = option.equals("--port")
                        ? new String[] {"start", "--port", String.valueOf(busy.getLocalPort()), "--dashboard-port", "0", "--dns-port", "0"}
                        : new String[] {"start", "--port", "0", "--dashboard-port", String.valueOf(busy.getLocalPort()), "--dns-port", "0"};

                int exit = Cli.inCourse(course, () -> commandLine.execute(args));

                assertThat(exit).isEqualTo(1);
                assertThat(err.toString()).contains("Port " + busy.getLocalPort() + " is already in use").contains(option + " ");
            }
        }
        assertThat(RunningCourse.find(course)).isEmpty();
    }

    private Started start(Course course) throws Exception {
        return start(course, "0");
    }

    private Started start(Course course, String dnsPort) throws Exception {
        AwaitableOutput out = new AwaitableOutput();
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter());
        StartCommand command = commandLine.getSubcommands().get("start").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () ->
                commandLine.execute("start", "--port", "0", "--dashboard-port", "0", "--dns-port", dnsPort)));
        if (!command.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("lab start did not start; it printed: " + out + (exit.isDone() ? " and exited " + exit.get() : ""));
        }
        String printed = out.toString();
        return new Started(command, exit, printed, url(printed, "AWS endpoint \\([^)]*\\): (\\S+)"),
                url(printed, "Dashboard: (\\S+)"));
    }

    private static URI url(String printed, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(printed);
        assertThat(matcher.find()).as("printed %s in:%n%s", pattern, printed).isTrue();
        return URI.create(matcher.group(1));
    }

    private static EcsClient ecs(URI endpoint) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
