package dev.ecslabs.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The network interfaces of one account and region, and the private IPs they hold. A new
 * interface takes the next free address of its subnet after the last one handed out, so a task
 * that replaces a stopped one gets a new IP, as on AWS where addresses are not handed back at once;
 * the snapshot keeps that cursor, so a restart does not hand out a stopped task's address again.
 * Journaled resource by resource: each interface by its id, each subnet's cursor by the subnet's id.
 */
public final class NetworkInterfaces implements ResourceArea {
    private final AccountRegion accountRegion;
    private final String region;
    private final Map<String, NetworkInterface> byId = new HashMap<>();
    private final Map<String, Set<Integer>> usedBySubnet = new HashMap<>();
    private final Map<String, Integer> cursorBySubnet = new HashMap<>();

    private NetworkInterfaces(AccountRegion accountRegion) {
        this.accountRegion = accountRegion;
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
                accountRegion.changed(NetworkInterfaces.class, eni.networkInterfaceId());
                accountRegion.changed(NetworkInterfaces.class, subnet.subnetId());
                return Optional.of(eni);
            }
        }
        return Optional.empty();
    }

    /** Deletes an interface and frees its address for later tasks. */
    public void delete(String networkInterfaceId) {
        NetworkInterface eni = byId.remove(networkInterfaceId);
        if (eni != null) {
            usedBySubnet.getOrDefault(eni.subnetId(), Set.of()).remove(Ipv4.parse(eni.privateIpv4Address()));
            accountRegion.changed(NetworkInterfaces.class, networkInterfaceId);
        }
    }

    public Optional<NetworkInterface> find(String networkInterfaceId) {
        return Optional.ofNullable(byId.get(networkInterfaceId));
    }

    /** What the snapshot keeps: the interfaces, and each subnet's cursor; the used addresses follow from the interfaces. */
    record Saved(List<NetworkInterface> interfaces, SortedMap<String, String> cursors) {
    }

    /** {@code {"interfaces": [NetworkInterface…], "cursors": {"subnet-…": "172.31.0.9"}}}. */
    @Override
    public JsonNode snapshot() {
        SortedMap<String, String> cursors = new TreeMap<>();
        cursorBySubnet.forEach((subnet, cursor) -> cursors.put(subnet, Ipv4.format(cursor)));
        return SavedStateJson.write(new Saved(byId.values().stream()
                .sorted(Comparator.comparing(NetworkInterface::networkInterfaceId)).toList(), cursors));
    }

    @Override
    public void restore(JsonNode snapshot) {
        Saved saved = SavedStateJson.read(snapshot, Saved.class);
        for (NetworkInterface eni : saved.interfaces() == null ? List.<NetworkInterface>of() : saved.interfaces()) {
            put(eni);
        }
        if (saved.cursors() != null) {
            saved.cursors().forEach((subnet, cursor) -> cursorBySubnet.put(subnet, Ipv4.parse(cursor)));
        }
    }

    /** An interface ({@code eni-…}) is journaled as {@link NetworkInterface}; a subnet's cursor ({@code subnet-…}) as its next address. */
    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        if (isSubnet(key)) {
            return Optional.ofNullable(cursorBySubnet.get(key)).map(cursor -> SavedStateJson.write(Ipv4.format(cursor)));
        }
        return Optional.ofNullable(byId.get(key)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (isSubnet(key)) {
            if (json == null) {
                cursorBySubnet.remove(key);
            } else {
                cursorBySubnet.put(key, Ipv4.parse(SavedStateJson.read(json, String.class)));
            }
            return;
        }
        NetworkInterface previous = byId.remove(key);
        if (previous != null) {
            usedBySubnet.getOrDefault(previous.subnetId(), Set.of()).remove(Ipv4.parse(previous.privateIpv4Address()));
        }
        if (json != null) {
            NetworkInterface eni = SavedStateJson.read(json, NetworkInterface.class);
            if (!key.equals(eni.networkInterfaceId())) {
                throw new IllegalArgumentException("the network interface saved as '" + key + "' has the id " + eni.networkInterfaceId());
            }
            put(eni);
        }
    }

    private void put(NetworkInterface eni) {
        if (eni == null || eni.networkInterfaceId() == null || eni.subnetId() == null || eni.privateIpv4Address() == null) {
            throw new IllegalArgumentException("a network interface lacks its id, subnet or private IP: " + eni);
        }
        byId.put(eni.networkInterfaceId(), eni);
        usedBySubnet.computeIfAbsent(eni.subnetId(), id -> new HashSet<>()).add(Ipv4.parse(eni.privateIpv4Address()));
    }

    private static boolean isSubnet(String key) {
        return key.startsWith("subnet-");
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
