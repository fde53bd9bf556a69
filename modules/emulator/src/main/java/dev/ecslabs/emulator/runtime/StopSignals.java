package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How a simulated container answers the stop signal ECS sends when its task stops: StopTask, an
 * essential container's exit, a Spot interruption. ECS sends SIGTERM, waits the container's
 * {@code stopTimeout} (30 s by default on Fargate, at most 120) and then sends SIGKILL
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html). The rules, for lab
 * authors:
 * <ul>
 *   <li>nginx and Apache httpd stop gracefully and exit 0 within a second;</li>
 *   <li>a shell ({@code sh -c "…"}) or {@code sleep} running as the container's first process
 *       ignores SIGTERM (the kernel gives process 1 no default signal actions), so it is killed
 *       when {@code stopTimeout} runs out and exits 137 (128 + SIGKILL);</li>
 *   <li>any other program ends on SIGTERM within a second with exit code 143 (128 + SIGTERM).</li>
 * </ul>
 */
public final class StopSignals {
    /** How long a program that handles SIGTERM takes to exit. */
    static final Duration GRACEFUL_EXIT = Duration.ofSeconds(1);
    public static final int KILLED = 137;
    public static final int TERMINATED = 143;

    private static final Set<String> GRACEFUL_SERVERS = Set.of("nginx", "httpd", "httpd-foreground", "apachectl");
    private static final Set<String> IGNORES_SIGTERM = Set.of("sh", "bash", "ash", "dash", "zsh", "sleep");

    private StopSignals() {
    }

    /**
     * What the container does on SIGTERM: exits with {@code exitCode} after {@code exitsAfter}, or
     * ignores it ({@code exitsAfter} is {@code null}) and is killed when its stop timeout runs out.
     */
    public record StopResponse(Duration exitsAfter, int exitCode) {
        public static final StopResponse IGNORES = new StopResponse(null, KILLED);

        public boolean ignoresSignal() {
            return exitsAfter == null;
        }
    }

    /** The response of the program that runs as process 1 for {@code argv} (entry point and command joined). */
    public static StopResponse respond(List<String> argv) {
        if (argv == null || argv.isEmpty()) {
            return new StopResponse(GRACEFUL_EXIT, TERMINATED);
        }
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (GRACEFUL_SERVERS.contains(program)) {
            return new StopResponse(GRACEFUL_EXIT, 0);
        }
        if (IGNORES_SIGTERM.contains(program)) {
            return StopResponse.IGNORES;
        }
        return new StopResponse(GRACEFUL_EXIT, TERMINATED);
    }
}
