package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A task whose container ran as a real process, restored from the data directory after a restart:
 * its container runs again as a real process, in the same task with the same private IP, as ECS's
 * container restart policy restarts a container in place. Starts emulators by hand: a restart on
 * one data directory is what it tests.
 */
class RealContainersRestartTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ACCOUNT = "000000000000";

    @Test
    @DisplayName("After a restart, a RUNNING task of a Java image runs its app again for real: same task, same IP, answering HTTP, "
            + "with the restarted emulator's AWS_ENDPOINT_URL and its task role's credentials endpoint")
    void realContainerRunsAgainAfterARestart(@TempDir Path data, @TempDir Path work) throws Exception {
        ManualClock clock = new ManualClock();
        String taskArn;
        String privateIp;
        try (Emulator first = Restarts.start(data, clock); EcsClient ecs = AwsClients.ecs(first); EcrClient ecr = AwsClients.ecr(first)) {
            String uri = ecr.createRepository(r -> r.repositoryName("hello")).repository().repositoryUri();
            JavaAppImages.push(ecr, uri, "1", work);
            ecs.createCluster(r -> r.clusterName("kept"));
            ecs.registerTaskDefinition(r -> r.family("kept").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .taskRoleArn("arn:aws:iam::000000000000:role/app")
                    .containerDefinitions(c -> c.name("app").image(uri + ":1").essential(true).portMappings(p -> p.containerPort(8080))));
            taskArn = ecs.runTask(r -> r.cluster("kept").taskDefinition("kept").launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))).tasks().get(0).taskArn();
            clock.advance(Duration.ofMinutes(1));
            Task running = ecs.describeTasks(r -> r.cluster("kept").tasks(taskArn)).tasks().get(0);
            assertThat(running.lastStatus()).isEqualTo("RUNNING");
            privateIp = running.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
            assertThat(get(url(first, taskArn))).isEqualTo("hello from ip-" + privateIp.replace('.', '-'));
            first.persistence().orElseThrow().saveNow();
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Restarts.start(data, resumed); EcsClient ecs = AwsClients.ecs(second)) {
            Task restored = ecs.describeTasks(r -> r.cluster("kept").tasks(taskArn)).tasks().get(0);
            assertThat(restored.lastStatus()).isEqualTo("RUNNING");
            assertThat(restored.containers().get(0).networkInterfaces().get(0).privateIpv4Address()).isEqualTo(privateIp);
            JsonNode ports = ports(second, taskArn);
            assertThat(ports.path("containers").get(0).path("runtime").asText()).isEqualTo(LocalProcessRuntime.NAME);
            assertThat(get(ports.path("ports").get(0).path("url").asText())).as("the app, started again")
                    .isEqualTo("hello from ip-" + privateIp.replace('.', '-'));
            String app = ports.path("ports").get(0).path("url").asText();
            String emulator = "http://127.0.0.1:" + second.port();
            assertThat(get(app + "/env?name=AWS_ENDPOINT_URL")).as("where the app's SDK calls go").isEqualTo(emulator);
            assertThat(get(app + "/env?name=AWS_CONTAINER_CREDENTIALS_FULL_URI")).as("the task role's credentials")
                    .startsWith(emulator + "/");
        }
        assertThat(Files.exists(data.resolve("state.json"))).isTrue();
    }

    private static String url(Emulator emulator, String taskArn) throws Exception {
        return RealTime.until(() -> ports(emulator, taskArn).path("ports"), p -> p.size() == 1, Duration.ofSeconds(10))
                .get(0).path("url").asText();
    }

    private static JsonNode ports(Emulator emulator, String taskArn) {
        String id = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        try {
            HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET",
                    URI.create(emulator.url() + "/_emulator/tasks/" + id + "/ports"), ACCOUNT, "secret", "us-east-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app's answer, once its JVM listens. */
    private static String get(String url) {
        return RealTime.until(RealTime.connecting(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body()), answer -> true,
                Duration.ofSeconds(30));
    }
}
