package dev.ecslabs.emulator.ecs.serviceconnect;

import java.util.Locale;

/**
 * An endpoint of a Service Connect service: the name and port that client tasks in the namespace
 * connect to ({@code http://backend:8080}); the proxy in the client task takes the connection.
 */
public record ClientAlias(String dnsName, int port) {

    /** Whether a client connecting to {@code host:port} reaches this endpoint; DNS names ignore case. */
    public boolean matches(String host, int requestedPort) {
        return port == requestedPort && dnsName.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return dnsName + ":" + port;
    }
}
