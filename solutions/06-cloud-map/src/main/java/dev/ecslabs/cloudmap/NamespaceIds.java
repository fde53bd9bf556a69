package dev.ecslabs.cloudmap;

/**
 * The two namespaces of exercise 06.1, by id. Given: nothing to write here.
 *
 * @param privateDnsNamespaceId the private DNS namespace: names resolvable by DNS inside its VPC, and by DiscoverInstances
 * @param httpNamespaceId       the HTTP namespace: names discoverable by DiscoverInstances only
 */
public record NamespaceIds(String privateDnsNamespaceId, String httpNamespaceId) {
}
