package dev.ecslabs.emulator.network;

/**
 * An elastic network interface the emulator attached for an awsvpc task: what ECS reports in the
 * task's {@code ElasticNetworkInterface} attachment.
 */
public record NetworkInterface(String networkInterfaceId, String subnetId, String vpcId, String availabilityZone,
                               String privateIpv4Address, String macAddress, String privateDnsName) {
}
