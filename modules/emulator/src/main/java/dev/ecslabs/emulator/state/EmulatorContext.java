package dev.ecslabs.emulator.state;

import dev.ecslabs.emulator.clock.EmulatorClock;
import java.net.URI;
import java.util.function.Supplier;

/**
 * What every service area may need from the running emulator besides its own state: the clock,
 * and the URL the emulator answers on (ECR's {@code proxyEndpoint}, for one, is that URL).
 */
public final class EmulatorContext {
    private final EmulatorClock clock;
    private final Supplier<URI> url;

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
}
