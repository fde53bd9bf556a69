package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContainerCommandsTest {

    @Test
    @DisplayName("a container with nothing to run, or a program the simulation doesn't know, runs until stopped")
    void servers() {
        assertThat(ContainerCommands.interpret(null, null)).isEqualTo(ContainerBehaviour.RUNS_UNTIL_STOPPED);
        assertThat(ContainerCommands.interpret(List.of("nginx"), List.of("-g", "daemon off;")).runsUntilStopped()).isTrue();
        assertThat(ContainerCommands.interpret(List.of(), List.of("sleep", "infinity")).runsUntilStopped()).isTrue();
        assertThat(ContainerCommands.interpret(List.of(), List.of("sh", "-c", "echo starting; java -jar app.jar"))
                .runsUntilStopped()).isTrue();
    }

    @Test
    @DisplayName("sleep N waits, then the container exits 0: a batch job")
    void batchJob() {
        assertThat(ContainerCommands.interpret(List.of(), List.of("sleep", "30")))
                .isEqualTo(ContainerBehaviour.exitsAfter(Duration.ofSeconds(30), 0));
        assertThat(ContainerCommands.interpret(List.of(), List.of("sleep", "2m")).exitsAfter()).contains(Duration.ofMinutes(2));
        assertThat(ContainerCommands.interpret(List.of(), List.of("sleep", "0.5")).exitsAfter()).contains(Duration.ofMillis(500));
    }

    @Test
    @DisplayName("sh -c \"sleep 5; exit 3\" exits with 3 after five seconds: a crash")
    void crash() {
        assertThat(ContainerCommands.interpret(List.of("sh", "-c"), List.of("sleep 5; exit 3")))
                .isEqualTo(ContainerBehaviour.exitsAfter(Duration.ofSeconds(5), 3));
        assertThat(ContainerCommands.interpret(List.of(), List.of("/bin/bash", "-c", "sleep 1 && false")))
                .isEqualTo(ContainerBehaviour.exitsAfter(Duration.ofSeconds(1), 1));
        assertThat(ContainerCommands.interpret(List.of(), List.of("sh", "-c", "false || exit 4")))
                .isEqualTo(ContainerBehaviour.exitsAfter(Duration.ZERO, 4));
        assertThat(ContainerCommands.interpret(List.of(), List.of("sh", "-c", "true && sleep 2 && echo 'done; really'")))
                .isEqualTo(ContainerBehaviour.exitsAfter(Duration.ofSeconds(2), 0)
                        .withOutput(List.of(new ContainerBehaviour.OutputLine(Duration.ofSeconds(2), "done; really"))));
    }

    @Test
    @DisplayName("echo and printf write their lines at the time they run, to stdout or stderr (>&2), none into a file")
    void output() {
        ContainerBehaviour behaviour = ContainerCommands.interpret(List.of("sh", "-c"), List.of(
                "echo -n starting; sleep 1; echo \"to stderr\" >&2; echo hidden > /tmp/file; printf '%s=%d\\nnext\\n' count 7; "
                        + "echo -e 'a\\nb'; exec server"));

        assertThat(behaviour.runsUntilStopped()).isTrue();
        assertThat(behaviour.output()).extracting(ContainerBehaviour.OutputLine::text)
                .containsExactly("starting", "to stderr", "count=7", "next", "a", "b");
        assertThat(behaviour.output()).extracting(ContainerBehaviour.OutputLine::after)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("exec hands the shell's place to the program it names")
    void exec() {
        assertThat(ContainerCommands.interpret(List.of(), List.of("sh", "-c", "exec sleep 10")))
                .isEqualTo(ContainerBehaviour.exitsAfter(Duration.ofSeconds(10), 0));
    }

    @Test
    @DisplayName("a health check passes or fails by its exit status, and curl asks what answers HTTP")
    void healthChecks() {
        ProbeEnvironment only8080 = (host, port, path) -> host.equals("localhost") && port == 8080;

        assertThat(HealthCheckCommands.run(List.of("CMD-SHELL", "exit 0"), only8080)).isZero();
        assertThat(HealthCheckCommands.run(List.of("CMD-SHELL", "exit 1"), only8080)).isEqualTo(1);
        assertThat(HealthCheckCommands.run(List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), only8080)).isZero();
        assertThat(HealthCheckCommands.run(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"), only8080)).isEqualTo(1);
        assertThat(HealthCheckCommands.run(List.of("CMD", "curl", "-f", "http://backend:8080/"), only8080)).isEqualTo(7);
        assertThat(HealthCheckCommands.run(List.of("CMD", "pg_isready"), only8080)).isZero();
    }
}
