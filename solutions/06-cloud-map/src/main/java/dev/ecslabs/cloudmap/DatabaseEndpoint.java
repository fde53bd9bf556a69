package dev.ecslabs.cloudmap;

/**
 * A database instance as the shop registers it in Cloud Map by hand (exercises 06.2 and 06.3).
 * Given: nothing to write here.
 *
 * @param instanceId the instance's id in its Cloud Map service, for example {@code orders-db-1}
 * @param address    its IPv4 address (attribute AWS_INSTANCE_IPV4)
 * @param port       its port (attribute AWS_INSTANCE_PORT)
 * @param version    the schema version it serves (custom attribute {@code version}), for example {@code v2}
 * @param stage      where it belongs (custom attribute {@code stage}): {@code prod} or {@code test}
 */
public record DatabaseEndpoint(String instanceId, String address, int port, String version, String stage) {
}
