package dev.ecslabs.ecr;

import java.net.URI;

/**
 * What a registry client needs to log in to an ECR registry: the user name (always {@code AWS}),
 * the password, and the registry's address ({@code proxyEndpoint}).
 */
public record RegistryLogin(String username, String password, URI proxyEndpoint) {

    @Override
    public String toString() {
        // A password never belongs in a log line.
        return "RegistryLogin[username=" + username + ", password=***, proxyEndpoint=" + proxyEndpoint + "]";
    }
}
