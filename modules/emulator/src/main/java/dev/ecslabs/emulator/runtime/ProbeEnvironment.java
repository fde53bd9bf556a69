package dev.ecslabs.emulator.runtime;

/**
 * What a simulated health check can reach from inside its task: whether an HTTP request to a host
 * and port would be answered. {@code localhost} is the task itself; other names are for Service
 * Connect aliases and DNS to resolve.
 */
@FunctionalInterface
public interface ProbeEnvironment {
    boolean answersHttp(String host, int port, String path);
}
