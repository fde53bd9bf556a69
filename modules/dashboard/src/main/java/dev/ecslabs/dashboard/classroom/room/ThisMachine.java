package dev.ecslabs.dashboard.classroom.room;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instructor's machine as the classroom sees it: its own addresses (on every interface, as
 * they are now: a laptop's Wi-Fi address changes) and its names. A request from one of those
 * addresses comes from the instructor's machine, whichever of them the browser used; a Host header
 * that names none of them is a DNS name someone else pointed here (DNS rebinding), and is refused.
 */
final class ThisMachine {
    /** Interfaces are read again after this long: cheap, and a new Wi-Fi address counts within seconds. */
    private static final long FRESH_NANOS = 5_000_000_000L;

    private final Set<String> extraNames;
    private volatile Snapshot snapshot;

    private record Snapshot(long at, Set<String> addresses, Set<String> names) {
    }

    /** @param extraNames names to answer to besides the machine's own (the address given with --host) */
    ThisMachine(Set<String> extraNames) {
        Set<String> names = new TreeSet<>();
        extraNames.forEach(name -> names.add(hostOnly(name)));
        this.extraNames = Set.copyOf(names);
    }

    /** Whether a request from this address comes from this machine. */
    boolean isOwnAddress(String ip) {
        try {
            InetAddress address = InetAddress.getByName(ip);
            return address.isLoopbackAddress() || address.isAnyLocalAddress() || current().addresses().contains(canonical(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether a Host header names this machine: localhost, one of its addresses or names. */
    boolean isOwnName(String hostHeader) {
        String host = hostOnly(hostHeader);
        Snapshot now = current();
        if (now.names().contains(host) || extraNames.contains(host)) {
            return true;
        }
        if (host.matches("[0-9.]+") || host.startsWith("[")) {
            return isOwnAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        return false;
    }

    /** The names and addresses this machine answers to, for a message that says which would work. */
    String describe() {
        Snapshot now = current();
        Set<String> all = new TreeSet<>(now.names());
        all.addAll(extraNames);
        now.addresses().stream().filter(a -> !a.contains(":")).forEach(all::add);
        return String.join(", ", all);
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        long now = System.nanoTime();
        if (known == null || now - known.at() > FRESH_NANOS) {
            known = read(now);
            snapshot = known;
        }
        return known;
    }

    private static Snapshot read(long now) {
        Set<String> addresses = new TreeSet<>();
        Set<String> names = new TreeSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    addresses.add(canonical(address));
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback and the names below still count
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            String name = local.getHostName().toLowerCase(Locale.ROOT);
            names.add(name);
            // mDNS: learners on the same network may reach a laptop as its name with .local
            names.add(name.endsWith(".local") ? name : name + ".local");
            String shortName = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            names.add(shortName);
            names.add(shortName + ".local");
            names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // a machine without a name resolves by its addresses only
        }
        return new Snapshot(now, Set.copyOf(addresses), Set.copyOf(names));
    }

    /** An address as text without an IPv6 scope ({@code fe80::1%eth0} is {@code fe80::1}). */
    private static String canonical(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        text = scope < 0 ? text : text.substring(0, scope);
        return address instanceof Inet6Address ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The host of a Host header, lower case, without its port: {@code [::1]} stays bracketed. */
    static String hostOnly(String hostHeader) {
        String lower = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? lower : lower.substring(0, end + 1);
        }
        int colon = lower.indexOf(':');
        String host = colon < 0 ? lower : lower.substring(0, colon);
        // "localhost." is the same name, fully qualified
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
