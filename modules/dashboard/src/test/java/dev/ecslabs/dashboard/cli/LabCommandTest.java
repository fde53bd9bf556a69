package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code lab} command line through its real entry point. */
class LabCommandTest {
    @org.junit.jupiter.api.io.TempDir
    Path progressDir;

    @Test
    @DisplayName("lab start serves the emulator on the given port and prints where it is")
    void startServesTheEmulator() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StartCommand start = new StartCommand();
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(start).setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("--port", String.valueOf(port)));

        assertThat(start.started.await(30, TimeUnit.SECONDS)).as("the course started").isTrue();
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString());
        start.stop.countDown();

        assertThat(health.body()).contains("\"status\":\"running\"");
        assertThat(out.toString()).contains("AWS endpoint (ECS, ECR, Cloud Map): http://127.0.0.1:" + port);
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    @DisplayName("lab start on a port in use says so, and how to pick another, with exit code 1")
    void startOnABusyPort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new StartCommand()).setErr(new PrintWriter(err, true))
                    .execute("--port", String.valueOf(busy.getLocalPort()));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("is already in use").contains("--port");
        }
    }

    @Test
    @DisplayName("lab check 00 on the starter code lists every exercise as not done, and exits 1")
    void checkOnTheStarter() {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        System.setProperty("labs.courseRoot", root.toString());
        System.setProperty("labs.progressFile", progressDir.resolve("progress.json").toString());
        StringWriter out = new StringWriter();
        try {
            int exit = new CommandLine(new LabCommand()).setOut(new PrintWriter(out, true)).execute("check", "00");

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString())
                    .contains("✘ 00.1", "✘ 00.2", "✘ 00.3", "✘ 00.4")
                    .contains("GettingStarted.ecsClient is not done yet")
                    .contains("0/4 exercises of lab 00");
        } finally {
            System.clearProperty("labs.courseRoot");
            System.clearProperty("labs.progressFile");
        }
    }

    @Test
    @DisplayName("lab check with an unknown lab names the labs there are")
    void checkAnUnknownLab() {
        System.setProperty("labs.courseRoot", Path.of("../..").toAbsolutePath().normalize().toString());
        StringWriter err = new StringWriter();
        try {
            int exit = new CommandLine(new LabCommand()).setErr(new PrintWriter(err, true)).execute("check", "42");

            assertThat(exit).isNotZero();
            assertThat(err.toString()).contains("There is no lab '42'").contains("00-getting-started");
        } finally {
            System.clearProperty("labs.courseRoot");
        }
    }
}
