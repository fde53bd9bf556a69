package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.List;

/** The Service Connect proxy of one client alias routed per request, on a loopback port of its own. */
interface AliasProxy extends AutoCloseable {
    /** The loopback port the alias's address leads to. */
    int port();

    /**
     * The endpoints' loopback ports that take requests from now on; {@code timeout} zero waits for
     * an answer as long as it takes (0 disables the per-request timeout).
     */
    void route(List<Integer> loopbackPorts, Duration timeout);

    @Override
    void close();
}
