package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A started container of a real runtime: where its ports answer, what it printed, and how to stop it. */
public interface RunningContainer {

    /** The container's ports (container port → port on 127.0.0.1 of this machine). */
    Map<Integer, Integer> localPorts();

    /** The last lines it wrote to stdout and stderr, oldest first. */
    List<String> lastOutputLines();

    /** Sends SIGTERM, then SIGKILL if it is still running after {@code stopTimeout}, as ECS stops a container. */
    void stop(Duration stopTimeout);

    /** SIGKILL now. */
    void kill();

    boolean isAlive();

    /** The operating-system process it runs as, where it is one (CloudWatch's utilisation is measured from it). */
    default java.util.Optional<ProcessHandle> process() {
        return java.util.Optional.empty();
    }
}
