package dev.ecslabs.dashboard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.RunningDashboard;
import dev.ecslabs.dashboard.fixtures.Workloads;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * A task's log stream on the dashboard ({@code /tasks/<id>/logs}, polled every second) and in the
 * terminal ({@code ./lab logs <task>}), with the course's emulator and its awslogs driver behind them.
 */
class TaskLogsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    RunningDashboard running;
    EcsClient ecs;
    EcsWaiter waiter;

    @BeforeEach
    void start() {
        running = new RunningDashboard(dir);
        ecs = running.learnerEcs();
        waiter = Workloads.waiter(ecs);
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(running.emulator.url())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            logs.createLogGroup(b -> b.logGroupName("/ecs/hello"));
        }
        ecs.createCluster(b -> b.clusterName("web"));
    }

    @AfterEach
    void stop() {
        waiter.close();
        ecs.close();
        running.close();
    }

    @Test
    @DisplayName("The task's page shows each awslogs stream's lines, in a part the page reads again every second, and links from the resources page")
    void dashboardShowsTheStream() throws Exception {
        Task task = runJob("echo hello from the task; sleep 1; echo \"<b>not bold</b>\"");
        waiter.waitUntilTasksStopped(b -> b.cluster("web").tasks(task.taskArn()));
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        Document page = get("/tasks/" + id + "/logs");
        assertThat(page.select("[data-live]").attr("data-live")).isEqualTo("/fragments/tasks/" + id + "/logs");
        assertThat(page.select("[data-live]").attr("data-every")).isEqualTo("1000");
        assertThat(page.select("script[src^=http]")).as("no script from the network").isEmpty();
        assertThat(page.select("section.log-stream[data-container=job] h3").text()).contains("/ecs/hello", "app/job/" + id);
        assertThat(page.select("section.log-stream pre.output").text()).contains("hello from the task", "<b>not bold</b>");
        assertThat(page.select("section.log-stream pre.output b")).as("messages are escaped").isEmpty();
        assertThat(page.select("#task-status").text()).contains("STOPPED");

        Document fragment = get("/fragments/tasks/" + id + "/logs");
        assertThat(fragment.select("section.log-stream pre.output").text()).contains("hello from the task");
        assertThat(get("/resources").select("a.logs").eachAttr("href")).contains("/tasks/" + id + "/logs");
        assertThat(get("/tasks/nope/logs").select("p.message").text()).contains("No cluster of this account has a task nope");
    }

    @Test
    @DisplayName("./lab logs <task> prints the stream's lines as they come and ends once the task has stopped, with why")
    void labLogsFollows() {
        RunningCourse.here(running.emulator.url(), running.dashboard.url(), "the course's emulator").announce(running.course);
        Task task = runJob("echo first line; sleep 20; echo last line; exit 2");

        Cli.Result result = Cli.run(running.course, "logs", task.taskArn(), "--every", "PT0.2S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("# job: /ecs/hello › app/job/")
                .containsSubsequence("first line", "last line", "# task ")
                .contains("stopped: Essential container in task exited");
        Cli.Result once = Cli.run(running.course, "logs", task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1), "--no-follow");
        assertThat(once.out()).contains("first line", "last line").doesNotContain("# task");
        assertThat(Cli.run(running.course, "logs", "nope").err()).contains("No cluster of", "has a task nope");
    }

    private Task runJob(String script) {
        String family = ecs.registerTaskDefinition(r -> r.family("job").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                .containerDefinitions(c -> c.name("job").image("public.ecr.aws/docker/library/busybox:1.37").command("sh", "-c", script)
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/hello",
                                "awslogs-region", "us-east-1", "awslogs-stream-prefix", "app")))))
                .taskDefinition().taskDefinitionArn();
        return ecs.runTask(r -> r.cluster("web").taskDefinition(family).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))).tasks().get(0);
    }

    private Document get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(running.url(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }
}
