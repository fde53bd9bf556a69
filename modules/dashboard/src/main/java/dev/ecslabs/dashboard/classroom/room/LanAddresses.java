package dev.ecslabs.dashboard.classroom.room;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses learners can reach this machine at: on a server listening on every address
 * ({@code 0.0.0.0}), this machine's IPv4 addresses on the room's network, private ones first; on
 * a given address, that address.
 */
public final class LanAddresses {
    private LanAddresses() {
    }

    /** The URL to print for learners, for a server listening on {@code host:port}. */
    public static URI advertised(String host, int port) {
        return URI.create("http://" + advertisedHost(host) + ":" + port);
    }

    static String advertisedHost(String host) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        if (!wildcard) {
            return host.contains(":") ? "[" + host + "]" : host;
        }
        return lanAddresses().stream().findFirst().orElse("127.0.0.1");
    }

    /** This machine's IPv4 addresses on networks that are up, loopback excluded; private (site-local) ones first. */
    public static List<String> lanAddresses() {
        List<String> siteLocal = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        (address.isSiteLocalAddress() ? siteLocal : others).add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: learners will need the address the instructor finds by hand
        }
        siteLocal.addAll(others);
        return siteLocal;
    }
}
