package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The runtime that runs nothing: the task's lifecycle plays the container from what its command
 * says ({@link ContainerCommands}, {@link StopSignals}, {@link HealthCheckCommands}). It runs any
 * image, and is what every container gets that the local-process runtime cannot run.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    public static final String NAME = "simulated";
    public static final SimulatedRuntime INSTANCE = new SimulatedRuntime();

    private SimulatedRuntime() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> whyNot(ContainerLaunch launch) {
        return Optional.empty();
    }

    @Override
    public ContainerBehaviour behaviour(List<String> argv) {
        return ContainerCommands.interpret(argv, List.of());
    }

    @Override
    public StopSignals.StopResponse onStop(List<String> argv) {
        return StopSignals.respond(argv);
    }

    @Override
    public RunningContainer start(ContainerLaunch launch, IntConsumer onExit) {
        return new RunningContainer() {
            @Override
            public Map<Integer, Integer> localPorts() {
                return Map.of();
            }

            @Override
            public List<String> lastOutputLines() {
                return List.of();
            }

            @Override
            public void stop(Duration stopTimeout) {
            }

            @Override
            public void kill() {
            }

            @Override
            public boolean isAlive() {
                return false;
            }
        };
    }
}
