package dev.ecslabs.emulator.ecs.serviceconnect;

/**
 * A Service Connect endpoint of a namespace: a client alias and the discovery name (the Cloud Map
 * service) whose instances take its connections.
 */
public record Endpoint(ClientAlias alias, String namespaceArn, String discoveryName) {
}
