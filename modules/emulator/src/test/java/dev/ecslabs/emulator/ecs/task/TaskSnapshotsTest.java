package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.state.SavedStateAssertions.assertEveryComponentSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.runtime.StopSignals;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/** A task's saved state is its records bound whole: every component of a task and its containers is saved. */
class TaskSnapshotsTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00.250Z");

    static TaskRun everyComponentSet() {
        Task task = Task.builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/lab/0123456789abcdef0123456789abcdef")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/lab").lastStatus("RUNNING").desiredStatus("RUNNING")
                .createdAt(AT).build();
        ContainerRun container = new ContainerRun("web", true, List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"),
                List.of(ContainerDependency.builder().containerName("init").condition(ContainerCondition.SUCCESS).build()),
                HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost/ || exit 1").interval(10).build(),
                30, 20, List.of(80), List.of("nginx", "-g", "daemon off;"), List.of(80),
                ContainerBehaviour.exitsAfter(Duration.ofSeconds(90), 3)
                        .withOutput(List.of(new ContainerBehaviour.OutputLine(Duration.ofMillis(1500), "listening on 8080"))),
                new StopSignals.StopResponse(Duration.ofSeconds(2), 143),
                AT.plusSeconds(5), 4, 1);
        return new TaskRun(task, List.of(container), AT.plusSeconds(3), AT.plusSeconds(60));
    }

    @Test
    @DisplayName("A task with every component of TaskRun and ContainerRun set reads back equal: nothing of it is left out of the saved state")
    void everyComponentIsSaved() {
        TaskRun run = everyComponentSet();
        assertEveryComponentSet(run);

        assertThat(TaskSnapshots.read(TaskSnapshots.write(run))).isEqualTo(run);
    }

    @Test
    @DisplayName("Instants and durations are saved as ISO-8601 text, and a behaviour that runs until stopped reads back so")
    void savedForm() {
        TaskRun run = everyComponentSet();
        JsonNode json = TaskSnapshots.write(run);
        assertThat(json.path("activatingAt").asText()).isEqualTo("2026-12-03T10:00:03.250Z");
        assertThat(json.path("containers").path(0).path("behaviour").path("exitsAfter").asText()).isEqualTo("PT1M30S");
        assertThat(json.path("task").path("taskArn").asText()).isEqualTo(run.taskArn());

        ContainerRun server = run.containers().get(0);
        TaskRun serving = run.withRun(new ContainerRun(server.name(), server.essential(), server.entryPoint(), server.command(),
                server.dependsOn(), server.healthCheck(), server.startTimeout(), server.stopTimeout(), server.declaredPorts(),
                server.argv(), server.listeningPorts(), ContainerBehaviour.RUNS_UNTIL_STOPPED, server.onStop(), server.startedAt(),
                server.healthChecksRun(), server.consecutiveFailures()));
        assertThat(TaskSnapshots.read(TaskSnapshots.write(serving)).containers().get(0).behaviour().exitsAfter()).isEqualTo(Optional.empty());
        // as the hand-written form before the records left it out
        JsonNode older = TaskSnapshots.write(serving);
        ((com.fasterxml.jackson.databind.node.ObjectNode) older.path("containers").path(0).path("behaviour")).remove("exitsAfter");
        assertThat(TaskSnapshots.read(older).containers().get(0).behaviour().exitsAfter()).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("The whole area, with a client token RunTask has seen and the subnet turn, reads back equal")
    void theWholeArea() {
        TaskRun run = everyComponentSet();
        Tasks.Saved saved = new Tasks.Saved(List.of(run), new TreeMap<>(java.util.Map.of("token-1", new Tasks.ClientTokenUse(
                RunTaskRequest.builder().cluster("lab").taskDefinition("web:1").clientToken("token-1").build(), List.of(run.taskArn())))), 7);
        assertEveryComponentSet(saved);

        assertThat(SavedStateJson.read(SavedStateJson.write(saved), Tasks.Saved.class)).isEqualTo(saved);
    }

    @Test
    @DisplayName("A saved task without its task, or with a status ECS doesn't have, is refused, so that its area is set aside")
    void refusesWhatTheLifecycleCannotRun() throws Exception {
        assertThatThrownBy(() -> TaskSnapshots.read(AwsJsonCodec.MAPPER.readTree("{\"containers\":[]}")))
                .isInstanceOf(IllegalArgumentException.class);
        JsonNode json = TaskSnapshots.write(everyComponentSet());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("task")).put("lastStatus", "SLEEPING");
        assertThatThrownBy(() -> TaskSnapshots.read(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
