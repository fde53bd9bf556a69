package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.Locale;

/**
 * How the Service Connect proxy routes a client alias request by request: the {@code appProtocol}
 * of the port mapping behind it ({@code http}, {@code http2} or {@code grpc}) and the service's
 * per-request timeout (zero: none).
 */
public record PerRequestRouting(String appProtocol, Duration perRequestTimeout) {
    /** Whether the endpoints speak HTTP/2 (http2 and grpc), so the proxy does too. */
    public boolean http2() {
        String protocol = appProtocol.toLowerCase(Locale.ROOT);
        return protocol.equals("http2") || protocol.equals("grpc");
    }
}
