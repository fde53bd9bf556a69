package dev.ecslabs.emulator.network;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The network interfaces of one account and region, and the private IPs they hold. A new
 * interface takes the next free address of its subnet after the last one handed out, so a task
 * that replaces a stopped one gets a new IP, as on AWS where addresses are not handed back at once.
 */
public final class NetworkInterfaces {
    private final String region;
    private final Map<String, NetworkInterface> byId = new HashMap<>();
    private final Map<String, Set<Integer>> usedBySubnet = new HashMap<>();
    private final Map<String, Integer> cursorBySubnet = new HashMap<>();

    private NetworkInterfaces(AccountRegion accountRegion) {
        this.region = accountRegion.region();
    }

    public static NetworkInterfaces of(AccountRegion region) {
        return region.area(NetworkInterfaces.class, NetworkInterfaces::new);
    }

    /** Creates an interface with a new private IP in the subnet; empty when the subnet has no free address. */
    public Optional<NetworkInterface> create(Subnet subnet) {
        Set<Integer> used = usedBySubnet.computeIfAbsent(subnet.subnetId(), id -> new HashSet<>());
        int first = subnet.firstUsable();
        int last = subnet.lastUsable();
        int size = last - first + 1;
        int start = cursorBySubnet.getOrDefault(subnet.subnetId(), first);
        for (int i = 0; i < size; i++) {
            int candidate = first + Math.floorMod(start - first + i, size);
            if (!used.contains(candidate)) {
                used.add(candidate);
                cursorBySubnet.put(subnet.subnetId(), candidate + 1 > last ? first : candidate + 1);
                NetworkInterface eni = new NetworkInterface(newId(), subnet.subnetId(), subnet.vpcId(),
                        subnet.availabilityZone(), Ipv4.format(candidate), macAddress(), dnsName(candidate));
                byId.put(eni.networkInterfaceId(), eni);
                return Optional.of(eni);
            }
        }
        return Optional.empty();
    }

    /** Deletes an interface and frees its address for later tasks. */
    public void delete(String networkInterfaceId) {
        NetworkInterface eni = byId.remove(networkInterfaceId);
        if (eni != null) {
            String[] octets = eni.privateIpv4Address().split("\\.");
            int address = Ipv4.of(Integer.parseInt(octets[0]), Integer.parseInt(octets[1]),
                    Integer.parseInt(octets[2]), Integer.parseInt(octets[3]));
            usedBySubnet.getOrDefault(eni.subnetId(), Set.of()).remove(address);
        }
    }

    public Optional<NetworkInterface> find(String networkInterfaceId) {
        return Optional.ofNullable(byId.get(networkInterfaceId));
    }

    /** EC2's private DNS name: {@code ip-172-31-3-17.ec2.internal} in us-east-1, {@code <region>.compute.internal} elsewhere. */
    private String dnsName(int address) {
        String host = "ip-" + Ipv4.format(address).replace('.', '-');
        return host + ("us-east-1".equals(region) ? ".ec2.internal" : "." + region + ".compute.internal");
    }

    private static String newId() {
        return "eni-" + randomHex(17);
    }

    /** A locally administered unicast MAC, as EC2's interfaces have. */
    private static String macAddress() {
        StringBuilder mac = new StringBuilder("0a");
        for (int i = 0; i < 5; i++) {
            mac.append(':').append(randomHex(2));
        }
        return mac.toString();
    }

    private static String randomHex(int digits) {
        StringBuilder text = new StringBuilder();
        while (text.length() < digits) {
            text.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return text.toString();
    }
}
