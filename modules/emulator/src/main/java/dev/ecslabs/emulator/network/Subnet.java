package dev.ecslabs.emulator.network;

/**
 * A subnet a task's network interface can be placed in: its id, VPC, Availability Zone and IPv4
 * range ({@code base} is the network address, {@code prefixLength} the CIDR prefix).
 */
public record Subnet(String subnetId, String vpcId, String availabilityZone, int base, int prefixLength) {

    public String cidrBlock() {
        return Ipv4.format(base) + "/" + prefixLength;
    }

    /** AWS keeps the first four addresses and the last one of every subnet for itself. */
    public int firstUsable() {
        return base + 4;
    }

    public int lastUsable() {
        return base + (1 << (32 - prefixLength)) - 2;
    }
}
