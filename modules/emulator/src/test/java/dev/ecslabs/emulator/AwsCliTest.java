package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The AWS CLI, a second real client, works against the emulator (skipped where the CLI is not installed). */
@EmulatorTest
class AwsCliTest {
    static Emulator emulator;
    static ManualClock clock;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("aws"), "the AWS CLI (aws) is not installed here; .ci/run installs Debian's awscli");
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
    @DisplayName("aws logs: create-log-group, put-retention-policy, create-log-stream, put-log-events, get-log-events and filter-log-events")
    void logsCommands() throws Exception {
        aws("logs", "create-log-group", "--log-group-name", "/cli/app", "--tags", "team=cli");
        aws("logs", "put-retention-policy", "--log-group-name", "/cli/app", "--retention-in-days", "7");
        aws("logs", "create-log-stream", "--log-group-name", "/cli/app", "--log-stream-name", "web/1");
        long now = clock.now().toEpochMilli();
        aws("logs", "put-log-events", "--log-group-name", "/cli/app", "--log-stream-name", "web/1", "--log-events",
                "timestamp=" + now + ",message=INFO started", "timestamp=" + (now + 1) + ",message=ERROR broke");

        JsonNode groups = aws("logs", "describe-log-groups", "--log-group-name-prefix", "/cli/");
        JsonNode events = aws("logs", "get-log-events", "--log-group-name", "/cli/app", "--log-stream-name", "web/1", "--start-from-head");
        JsonNode errors = aws("logs", "filter-log-events", "--log-group-name", "/cli/app", "--filter-pattern", "ERROR");

        assertThat(groups.path("logGroups").get(0).path("retentionInDays").asInt()).isEqualTo(7);
        assertThat(events.path("events").findValuesAsText("message")).containsExactly("INFO started", "ERROR broke");
        assertThat(events.path("nextForwardToken").asText()).startsWith("f/");
        assertThat(errors.path("events").findValuesAsText("message")).containsExactly("ERROR broke");
        assertThat(run("logs", "delete-log-group", "--log-group-name", "/cli/none").output())
                .contains("ResourceNotFoundException").contains("The specified log group does not exist");
    }

    @Test
    @DisplayName("an error reaches the CLI as AWS's error code and message")
    void errors() throws Exception {
        Result result = run("ecs", "delete-cluster", "--cluster", "never-created");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ClusterNotFoundException").contains("Cluster not found.");
    }

    @Test
    @DisplayName("aws servicediscovery discover-instances reaches the emulator once AWS_DISABLE_HOST_PREFIX_INJECTION=true, "
            + "not through the data- host the CLI otherwise builds from --endpoint-url")
    void discoverInstances() throws Exception {
        String operation = aws("servicediscovery", "create-http-namespace", "--name", "cli-lab")
                .path("OperationId").asText();
        clock.advance(Duration.ofMinutes(1));
        String namespace = aws("servicediscovery", "get-operation", "--operation-id", operation)
                .path("Operation").path("Targets").path("NAMESPACE").asText();
        String service = aws("servicediscovery", "create-service", "--name", "db", "--namespace-id", namespace)
                .path("Service").path("Id").asText();
        aws("servicediscovery", "register-instance", "--service-id", service, "--instance-id", "db-1",
                "--attributes", "AWS_INSTANCE_IPV4=10.0.2.15,stage=prod");
        clock.advance(Duration.ofMinutes(1));
        String[] discover = {"servicediscovery", "discover-instances", "--namespace-name", "cli-lab", "--service-name", "db"};

        Result withPrefix = run(emulator, Map.of(), discover);
        JsonNode found = aws(discover);

        assertThat(withPrefix.output()).as("without the setting, the CLI asks data-<endpoint host>").contains("data-");
        assertThat(found.path("Instances").get(0).path("InstanceId").asText()).isEqualTo("db-1");
        assertThat(found.path("Instances").get(0).path("Attributes").path("stage").asText()).isEqualTo("prod");
    }

    private static JsonNode aws(String... args) throws Exception {
        return aws(emulator, args);
    }

    /** Runs the CLI against {@code target} with host prefixes off, as a learner's own CLI should be set. */
    private static JsonNode aws(Emulator target, String... args) throws Exception {
        Result result = run(target, Map.of("AWS_DISABLE_HOST_PREFIX_INJECTION", "true"), args);
        assertThat(result.exitCode()).as("aws %s answered:%n%s", String.join(" ", args), result.output()).isZero();
        return AwsJsonCodec.MAPPER.readTree(result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        return run(emulator, Map.of(), args);
    }

    private static Result run(Emulator target, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", target.url().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "cli");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "cli");
        builder.environment().put("AWS_DEFAULT_REGION", "eu-west-1");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().putAll(environment);
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
