package dev.ecslabs.emulator.state;

import dev.ecslabs.emulator.clock.EmulatorClock;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What every service area may need from the running emulator besides its own state: the clock,
 * and the URL the emulator answers on (ECR's {@code proxyEndpoint}, for one, is that URL).
 */
public final class EmulatorContext {
    private final EmulatorClock clock;
    private final Supplier<URI> url;
    private final AtomicLong changes = new AtomicLong();
    private final CallChanges calls = new CallChanges();

    public EmulatorContext(EmulatorClock clock, Supplier<URI> url) {
        this.clock = clock;
        this.url = url;
    }

    public EmulatorClock clock() {
        return clock;
    }

    public URI url() {
        return url.get();
    }

    /** Which areas the call on the current thread reached, so that they are journaled before it is answered. */
    public CallChanges calls() {
        return calls;
    }

    /** Counts a call or a lifecycle step that may have changed some state. */
    public void stateChanged() {
        changes.incrementAndGet();
    }

    /** How many calls and steps may have changed state so far; a snapshot is due when this moved. */
    public long changes() {
        return changes.get();
    }
}
