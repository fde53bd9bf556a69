package dev.ecslabs.emulator.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The awsvpc network of the local-process containers on this one machine: each task's container
 * port ({@code privateIp:port}) is a free port of 127.0.0.1, kept per account and region in a
 * routes file that the containers' agent reads, beside the hosts file their JVMs resolve names with.
 */
final class LocalNetwork {
    private final Path directory;
    private final Map<String, Map<String, Integer>> routesByRegion = new HashMap<>();

    LocalNetwork(Path directory) {
        this.directory = directory;
    }

    /** Gives each of the task's ports a loopback port (the same one when another container of the task has it already). */
    synchronized Map<Integer, Integer> open(String accountId, String region, String privateIp, List<Integer> ports) {
        Map<String, Integer> routes = routesByRegion.computeIfAbsent(accountId + "/" + region, k -> new TreeMap<>());
        Map<Integer, Integer> opened = new TreeMap<>();
        for (int port : ports) {
            opened.put(port, routes.computeIfAbsent(privateIp + ":" + port, k -> freeLoopbackPort()));
        }
        write(accountId, region);
        return opened;
    }

    /** The task's ports are gone from the network. */
    synchronized void close(String accountId, String region, String privateIp, List<Integer> ports) {
        Map<String, Integer> routes = routesByRegion.get(accountId + "/" + region);
        if (routes == null) {
            return;
        }
        ports.forEach(port -> routes.remove(privateIp + ":" + port));
        write(accountId, region);
    }

    Path routesFile(String accountId, String region) {
        return directory.resolve(accountId + "-" + region + ".routes");
    }

    /** The hosts file the containers resolve names with: localhost and this machine's name (Service Connect aliases later). */
    synchronized Path hostsFile(String accountId, String region) {
        Path hosts = directory.resolve(accountId + "-" + region + ".hosts");
        if (!Files.exists(hosts)) {
            List<String> lines = new ArrayList<>(List.of("127.0.0.1 localhost", "::1 localhost"));
            try {
                lines.add("127.0.0.1 " + InetAddress.getLocalHost().getHostName());
            } catch (IOException unnamed) {
                // A machine without a resolvable name: apps that ask for it fail as they would in a container without one.
            }
            replace(hosts, lines);
        }
        return hosts;
    }

    private void write(String accountId, String region) {
        List<String> lines = new ArrayList<>();
        routesByRegion.getOrDefault(accountId + "/" + region, Map.of()).forEach((from, to) -> lines.add(from + "=" + to));
        replace(routesFile(accountId, region), lines);
    }

    /** A new file each time, moved into place, so a reader sees the old or the new routes and never half of them. */
    private void replace(Path file, List<String> lines) {
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
            Files.write(partial, lines);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the local network's file " + file + " can't be written", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
