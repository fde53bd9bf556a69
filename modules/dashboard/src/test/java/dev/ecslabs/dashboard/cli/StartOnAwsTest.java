package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.SwappedAwsAccount;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.emulator.Emulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code ./lab start --backend aws} through the real entry point, its AWS account being the emulator
 * behind the aws backend's test-only endpoint swap (labs.aws.testEndpoint): nothing starts and
 * nothing is asked of the account without a typed yes; with it the dashboard alone runs, reading
 * the account through the default credential and Region chain, and its clean button deletes nothing.
 */
class StartOnAwsTest {
    private static final String ACCOUNT = "123456789077";
    private final AtomicInteger awsCalls = new AtomicInteger();
    private SwappedAwsAccount aws;

    @TempDir
    Path dir;

    @BeforeEach
    void anAccount() {
        aws = SwappedAwsAccount.start(ACCOUNT, Emulator.builder().routes(routes -> routes.before("/", ctx -> awsCalls.incrementAndGet())));
        aws.set("labs.aws.confirm", "false");
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    @DisplayName("Without a typed yes, lab start --backend aws says what the labs cost and create there, starts nothing and asks "
            + "nothing of the account")
    void refusesWithoutYes() {
        Course course = TempCourse.copyInto(dir);
        AwaitableOutput out = new AwaitableOutput();
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter()).setErr(out.printWriter());
        StartCommand command = commandLine.getSubcommands().get("start").getCommand();
        command.in = new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8));

        int exit = Cli.inCourse(course, () -> commandLine.execute("start", "--backend", "aws", "--dashboard-port", "0"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("costs money", "Fargate tasks", "Type yes to go ahead", "Nothing started")
                .doesNotContain("Dashboard:");
        assertThat(awsCalls).as("not even STS").hasValue(0);
        assertThat(RunningCourse.find(course)).isEmpty();
    }

    @Test
    @DisplayName("After a typed yes, lab start --backend aws runs the dashboard alone on the account of the default credential "
            + "chain: its resources page shows what the account holds, and its clean button deletes nothing")
    void dashboardOnTheAccount() throws Exception {
        Course course = TempCourse.copyInto(dir);
        try (EcsClient ecs = aws.ecs()) {
            ecs.createCluster(r -> r.clusterName("already-in-the-account"));
        }
        AwaitableOutput out = new AwaitableOutput();
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter()).setErr(out.printWriter());
        StartCommand command = commandLine.getSubcommands().get("start").getCommand();
        command.in = new ByteArrayInputStream("yes\n".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () ->
                commandLine.execute("start", "--backend", "aws", "--dashboard-port", "0")));
        if (!command.started.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("lab start --backend aws did not start; it printed: " + out
                    + (exit.isDone() ? " and exited " + exit.get() : ""));
        }
        try {
            String printed = out.toString();
            assertThat(printed).contains("ECS Labs is running on your AWS account").contains("account " + ACCOUNT + " · us-east-1")
                    .doesNotContain("AWS endpoint (");
            Matcher dashboard = Pattern.compile("Dashboard: (\\S+)").matcher(printed);
            assertThat(dashboard.find()).as(printed).isTrue();
            URI url = URI.create(dashboard.group(1));
            HttpClient http = HttpClient.newHttpClient();
            String resources = http.send(HttpRequest.newBuilder(url.resolve("/resources")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(resources).contains("already-in-the-account").contains("account " + ACCOUNT);
            String clean = http.send(HttpRequest.newBuilder(url.resolve("/resources/clean")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(clean).contains("the dashboard deletes nothing").contains("./lab cleanup --backend aws");
            assertThat(RunningCourse.find(course)).as("no endpoint for other lab commands to use").isEmpty();
        } finally {
            command.stop.countDown();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
    }
}
