package dev.ecslabs.emulator.runtime.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The agent's view of the task network: the task's own private IP and the routes file
 * ({@code ip:port=loopbackPort} lines; a Service Connect name's address has several ports, taken in
 * turn), read again whenever the emulator rewrote it.
 */
final class TaskAddresses {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String privateIp;
    private final Path routesFile;
    private volatile Map<String, int[]> routes = Map.of();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile Object routesVersion;

    private TaskAddresses(String privateIp, Path routesFile) {
        this.privateIp = privateIp;
        this.routesFile = routesFile;
    }

    static TaskAddresses load(Path settings) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(settings)) {
            properties.load(in);
        }
        return new TaskAddresses(properties.getProperty("privateIp"), Path.of(properties.getProperty("routes")));
    }

    /**
     * Binding port P (any address of the task) → its loopback port; a port the emulator did not map
     * → any free loopback port; an address that is not the task's stays as it is.
     */
    Function<Object, Object> bindHook() {
        return requested -> {
            InetSocketAddress address = (InetSocketAddress) requested;
            InetAddress host = address.getAddress();
            if (host != null && !host.isAnyLocalAddress() && !host.isLoopbackAddress()
                    && !host.getHostAddress().equals(privateIp)) {
                return address;
            }
            Integer loopbackPort = address.getPort() == 0 ? null : route(privateIp + ":" + address.getPort());
            return new InetSocketAddress(LOOPBACK, loopbackPort == null ? 0 : loopbackPort);
        };
    }

    /** Connecting to a task's private IP and port (localhost is the own task) → that port on loopback. */
    Function<Object, Object> connectHook() {
        return requested -> {
            InetSocketAddress address = (InetSocketAddress) requested;
            InetAddress host = address.getAddress();
            if (host == null) {
                return address;
            }
            // A name's address (127.255.x.y) is loopback too, so the address itself is looked up first.
            Integer loopbackPort = route(host.getHostAddress() + ":" + address.getPort());
            if (loopbackPort == null && isLocalhost(host)) {
                loopbackPort = route(privateIp + ":" + address.getPort());
            }
            return loopbackPort == null ? address : new InetSocketAddress(LOOPBACK, loopbackPort);
        };
    }

    /** The loopback port for {@code ip:port}: a task's own, or for a name with several tasks behind it, the next in turn. */
    /** localhost of the task: 127.0.0.1 or ::1 (not every loopback address: the names' addresses are loopback too). */
    private static boolean isLocalhost(InetAddress host) {
        String address = host.getHostAddress();
        return address.equals("127.0.0.1") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
    }

    private Integer route(String ipAndPort) {
        refresh();
        int[] ports = routes.get(ipAndPort);
        if (ports == null || ports.length == 0) {
            return null;
        }
        return ports.length == 1 ? ports[0] : ports[Math.floorMod(turn.getAndIncrement(), ports.length)];
    }

    private synchronized void refresh() {
        try {
            // The emulator replaces the file (a new file each time), so its key tells a rewrite even within one mtime tick.
            BasicFileAttributes attributes = Files.readAttributes(routesFile, BasicFileAttributes.class);
            List<Object> version = Arrays.asList(attributes.lastModifiedTime(), attributes.fileKey(), attributes.size());
            if (version.equals(routesVersion)) {
                return;
            }
            Map<String, int[]> read = new HashMap<>();
            for (String line : Files.readAllLines(routesFile)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    String[] ports = line.substring(equals + 1).trim().split(",");
                    int[] parsed = new int[ports.length];
                    for (int i = 0; i < ports.length; i++) {
                        parsed[i] = Integer.parseInt(ports[i].trim());
                    }
                    read.put(line.substring(0, equals).trim(), parsed);
                }
            }
            routes = read;
            routesVersion = version;
        } catch (IOException e) {
            throw new UncheckedIOException("the task network's routes can't be read from " + routesFile, e);
        }
    }
}
