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
import java.util.function.Function;

/**
 * The agent's view of the task network: the task's own private IP and the routes file
 * ({@code ip:port=loopbackPort} lines), read again whenever the emulator rewrote it.
 */
final class TaskAddresses {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String privateIp;
    private final Path routesFile;
    private volatile Map<String, Integer> routes = Map.of();
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

    /** Binding port P (any address of the task) → its loopback port; a port the emulator did not map → any free loopback port. */
    Function<Object, Object> bindHook() {
        return requested -> {
            InetSocketAddress address = (InetSocketAddress) requested;
            InetAddress host = address.getAddress();
            if (host != null && !host.isAnyLocalAddress() && !host.isLoopbackAddress()
                    && !host.getHostAddress().equals(privateIp)) {
                return null;
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
                return null;
            }
            String ip = host.isLoopbackAddress() ? privateIp : host.getHostAddress();
            Integer loopbackPort = route(ip + ":" + address.getPort());
            return loopbackPort == null ? null : new InetSocketAddress(LOOPBACK, loopbackPort);
        };
    }

    private Integer route(String ipAndPort) {
        refresh();
        return routes.get(ipAndPort);
    }

    private synchronized void refresh() {
        try {
            // The emulator replaces the file (a new file each time), so its key tells a rewrite even within one mtime tick.
            BasicFileAttributes attributes = Files.readAttributes(routesFile, BasicFileAttributes.class);
            List<Object> version = Arrays.asList(attributes.lastModifiedTime(), attributes.fileKey(), attributes.size());
            if (version.equals(routesVersion)) {
                return;
            }
            Map<String, Integer> read = new HashMap<>();
            for (String line : Files.readAllLines(routesFile)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    read.put(line.substring(0, equals).trim(), Integer.parseInt(line.substring(equals + 1).trim()));
                }
            }
            routes = read;
            routesVersion = version;
        } catch (IOException e) {
            throw new UncheckedIOException("the task network's routes can't be read from " + routesFile, e);
        }
    }
}
