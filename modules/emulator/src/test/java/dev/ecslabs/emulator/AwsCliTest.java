package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The AWS CLI, a second real client, works against the emulator (skipped where the CLI is not installed). */
class AwsCliTest {
    static Emulator emulator;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("aws"), "the AWS CLI (aws) is not installed here; .ci/run installs Debian's awscli");
        emulator = Emulator.start(0);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @DisplayName("aws ecs create-cluster, list-clusters and describe-clusters answer as ECS does")
    void clusterCommands() throws Exception {
        JsonNode created = aws("ecs", "create-cluster", "--cluster-name", "from-the-cli", "--tags", "key=team,value=cli");
        JsonNode listed = aws("ecs", "list-clusters");
        JsonNode described = aws("ecs", "describe-clusters", "--clusters", "from-the-cli", "ghost", "--include", "TAGS");

        assertThat(created.path("cluster").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.path("clusterArns").get(0).asText())
                .isEqualTo("arn:aws:ecs:eu-west-1:000000000000:cluster/from-the-cli");
        assertThat(described.path("clusters").get(0).path("tags").get(0).path("value").asText()).isEqualTo("cli");
        assertThat(described.path("failures").get(0).path("reason").asText()).isEqualTo("MISSING");
    }

    @Test
    @DisplayName("an error reaches the CLI as AWS's error code and message")
    void errors() throws Exception {
        Result result = run("ecs", "delete-cluster", "--cluster", "never-created");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ClusterNotFoundException").contains("Cluster not found.");
    }

    private static JsonNode aws(String... args) throws Exception {
        Result result = run(args);
        assertThat(result.exitCode()).as("aws %s answered:%n%s", String.join(" ", args), result.output()).isZero();
        return AwsJsonCodec.MAPPER.readTree(result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", emulator.url().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "cli");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "cli");
        builder.environment().put("AWS_DEFAULT_REGION", "eu-west-1");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the aws command finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
