package dev.ecslabs.emulator.runtime;

import dev.ecslabs.emulator.network.Http2Sessions;
import dev.ecslabs.emulator.network.HttpForwarder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The awsvpc network of the local-process containers on this one machine: each task's container
 * port ({@code privateIp:port}) is a free port of 127.0.0.1, kept per account and region in a
 * routes file that the containers' agent reads, beside the hosts file their JVMs resolve names with.
 * Ready before routed: a task port takes a Service Connect name's connections, and its task's IP
 * appears under Cloud Map's DNS names, only once its app accepts connections on it (the emulator
 * sees the bind by connecting to the loopback port it gave the app), so that a task whose JVM is
 * still starting gets no request of another task.
 */
final class LocalNetwork {
    private final Path directory;
    /** The first of the addresses a name of the network (a Service Connect alias) gets: never a task's. */
    static final String NAME_ADDRESSES = "127.255.";
    /** The task metadata endpoint's address on ECS (its link-local address on Fargate). */
    static final String TASK_METADATA_ADDRESS = "169.254.170.2";

    private final Map<String, Map<String, Integer>> routesByRegion = new HashMap<>();
    private final Map<String, Map<String, String>> nameAddressesByRegion = new HashMap<>();
    private final Map<String, Map<String, List<String>>> namesByRegion = new HashMap<>();
    private final Map<String, Map<String, List<String>>> addressRecordsByRegion = new HashMap<>();
    /** Per account-region, the aliases routed per request ({@code appProtocol} http, http2, grpc) with their per-request timeout. */
    private final Map<String, Map<String, PerRequestRouting>> httpAliasesByRegion = new HashMap<>();
    /** The Service Connect proxy of each such alias, by account-region and alias. */
    private final Map<String, AliasProxy> httpProxies = new HashMap<>();
    private ExecutorService proxyWorkers;
    private HttpForwarder forwarder;
    private Http2Sessions http2Sessions;
    private boolean closed;
    /** The loopback ports whose app accepts connections: only these take a name's connections. */
    private final Set<Integer> listening = ConcurrentHashMap.newKeySet();
    private final Set<Integer> awaited = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService readiness;
    /** The emulator's port on loopback, where connections to the task metadata endpoint's 169.254.170.2:80 go. */
    private Integer metadataPort;

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
        opened.values().forEach(loopbackPort -> awaitListening(accountId, region, loopbackPort));
        return opened;
    }

    /** Connections to the task metadata endpoint (169.254.170.2:80, AWS's address) go to {@code port} of loopback. */
    synchronized void taskMetadataOn(int port) {
        metadataPort = port;
        routesByRegion.keySet().forEach(key -> write(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1)));
    }

    /** The task's ports are gone from the network. */
    synchronized void close(String accountId, String region, String privateIp, List<Integer> ports) {
        Map<String, Integer> routes = routesByRegion.get(accountId + "/" + region);
        if (routes == null) {
            return;
        }
        ports.forEach(port -> {
            Integer loopbackPort = routes.remove(privateIp + ":" + port);
            if (loopbackPort != null) {
                listening.remove(loopbackPort);
                awaited.remove(loopbackPort);
            }
        });
        write(accountId, region);
        writeHosts(accountId, region);
    }

    /** Whether a real container of the account-region ever opened ports: only then do its names matter. */
    synchronized boolean inUse(String accountId, String region) {
        return routesByRegion.containsKey(accountId + "/" + region);
    }

    Path routesFile(String accountId, String region) {
        return directory.resolve(accountId + "-" + region + ".routes");
    }

    /**
     * The names the tasks reach each other by (Service Connect's client aliases, {@code dnsName:port})
     * and the {@code ip:port} of the tasks behind each. A name gets an address of its own
     * ({@value #NAME_ADDRESSES}x.y, the same as long as the emulator runs) in the hosts file; a
     * connection to that address and port goes to one of the tasks, in turn (as the Service Connect
     * proxy balances TCP connections), or, for an alias in {@code httpAliases} (appProtocol http,
     * http2 or grpc, with its per-request timeout), to the alias's {@link HttpAliasProxy} (HTTP/1.1)
     * or {@link Http2AliasProxy} (HTTP/2), which spreads the requests; a task without a real
     * container behind its port is left out.
     */
    synchronized void names(String accountId, String region, Map<String, List<String>> endpointsByAlias,
                            Map<String, PerRequestRouting> httpAliases, Map<String, List<String>> addressRecords) {
        String key = accountId + "/" + region;
        namesByRegion.put(key, new TreeMap<>(endpointsByAlias));
        httpAliasesByRegion.put(key, new TreeMap<>(httpAliases));
        addressRecordsByRegion.put(key, new TreeMap<>(addressRecords));
        if (!routesByRegion.containsKey(key)) {
            return; // no real container in this account-region yet: its files are written when the first starts
        }
        Map<String, String> addresses = nameAddressesByRegion.computeIfAbsent(key, k -> new TreeMap<>());
        for (String alias : endpointsByAlias.keySet()) {
            String dnsName = alias.substring(0, alias.lastIndexOf(':'));
            if (!addresses.containsKey(dnsName)) {
                int n = addresses.size() + 1;
                addresses.put(dnsName, NAME_ADDRESSES + (n / 250) + "." + (n % 250 + 1));
            }
        }
        write(accountId, region);
        writeHosts(accountId, region);
    }

    /**
     * The hosts file the containers resolve names with: localhost, this machine's name, the
     * Service Connect names and the A records of Cloud Map's DNS namespaces.
     */
    synchronized Path hostsFile(String accountId, String region) {
        Path hosts = hostsPath(accountId, region);
        if (!Files.exists(hosts)) {
            writeHosts(accountId, region);
        }
        return hosts;
    }

    private Path hostsPath(String accountId, String region) {
        return directory.resolve(accountId + "-" + region + ".hosts");
    }

    private void writeHosts(String accountId, String region) {
        List<String> lines = new ArrayList<>(List.of("127.0.0.1 localhost", "::1 localhost"));
        try {
            lines.add("127.0.0.1 " + InetAddress.getLocalHost().getHostName());
        } catch (IOException unnamed) {
            // A machine without a resolvable name: apps that ask for it fail as they would in a container without one.
        }
        nameAddressesByRegion.getOrDefault(accountId + "/" + region, Map.of())
                .forEach((name, address) -> lines.add(address + " " + name));
        // Cloud Map's DNS names: their A records are the tasks' own private IPs, which the agent maps.
        // A task whose app has not bound its ports yet is left out, as a Cloud Map instance that is not healthy yet.
        Map<String, Integer> routes = routesByRegion.getOrDefault(accountId + "/" + region, Map.of());
        addressRecordsByRegion.getOrDefault(accountId + "/" + region, Map.of())
                .forEach((name, addresses) -> addresses.stream().filter(address -> ready(routes, address))
                        .forEach(address -> lines.add(address + " " + name)));
        replace(hostsPath(accountId, region), lines);
    }

    private void write(String accountId, String region) {
        String key = accountId + "/" + region;
        Map<String, Integer> routes = routesByRegion.getOrDefault(key, Map.of());
        List<String> lines = new ArrayList<>();
        routes.forEach((from, to) -> lines.add(from + "=" + to));
        if (metadataPort != null) {
            lines.add(TASK_METADATA_ADDRESS + ":80=" + metadataPort);
        }
        Map<String, String> addresses = nameAddressesByRegion.getOrDefault(key, Map.of());
        Map<String, PerRequestRouting> httpAliases = httpAliasesByRegion.getOrDefault(key, Map.of());
        namesByRegion.getOrDefault(key, Map.of()).forEach((alias, endpoints) -> {
            int colon = alias.lastIndexOf(':');
            // Ready before routed: a task whose app has not bound its port yet takes none of the name's connections.
            List<Integer> ports = endpoints.stream().map(routes::get).filter(port -> port != null && listening.contains(port))
                    .toList();
            String name = addresses.get(alias.substring(0, colon)) + alias.substring(colon);
            PerRequestRouting routing = httpAliases.get(alias);
            if (routing != null && !closed) {
                AliasProxy proxy = httpProxy(key + "/" + alias, routing.http2());
                proxy.route(ports, routing.perRequestTimeout());
                lines.add(name + "=" + proxy.port());
            } else if (!ports.isEmpty()) {
                lines.add(name + "=" + ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
        });
        replace(routesFile(accountId, region), lines);
    }

    /** The loopback port of the Service Connect proxy that routes the alias ({@code dnsName:port}) per request, if it has one. */
    synchronized Optional<Integer> httpAliasPort(String accountId, String region, String alias) {
        return Optional.ofNullable(httpProxies.get(accountId + "/" + region + "/" + alias)).map(AliasProxy::port);
    }

    /**
     * The alias's proxy, started the first time the alias is routed per request; it lives as long as
     * the emulator, or until its port mapping's protocol turns from http to http2 or grpc (or back),
     * when the other kind of proxy replaces it on a new port (the routes file says which).
     */
    private AliasProxy httpProxy(String aliasKey, boolean http2) {
        AliasProxy proxy = httpProxies.get(aliasKey);
        if (proxy != null && (proxy instanceof Http2AliasProxy) == http2) {
            return proxy;
        }
        if (proxy != null) {
            proxy.close();
        }
        AliasProxy started = http2 ? new Http2AliasProxy(http2Sessions()) : new HttpAliasProxy(forwarder(), proxyWorkers);
        httpProxies.put(aliasKey, started);
        return started;
    }

    private HttpForwarder forwarder() {
        if (proxyWorkers == null) {
            proxyWorkers = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "service-connect-proxy");
                thread.setDaemon(true);
                return thread;
            });
            forwarder = new HttpForwarder();
        }
        return forwarder;
    }

    private Http2Sessions http2Sessions() {
        if (http2Sessions == null) {
            http2Sessions = new Http2Sessions();
        }
        return http2Sessions;
    }

    /** Writes no more files (the emulator is closing and deletes them) and closes the Service Connect proxies. */
    synchronized void close() {
        closed = true;
        if (readiness != null) {
            readiness.shutdownNow();
        }
        httpProxies.values().forEach(AliasProxy::close);
        httpProxies.clear();
        if (proxyWorkers != null) {
            proxyWorkers.shutdownNow();
            forwarder.close();
        }
        if (http2Sessions != null) {
            http2Sessions.close();
        }
    }

    /** Whether a real container has bound this loopback port (its app accepts connections). */
    boolean listening(int loopbackPort) {
        return listening.contains(loopbackPort);
    }

    /**
     * An address of a real task is ready once one of its ports accepts connections; an address
     * without a real container (a simulated task) is left as it is.
     */
    private boolean ready(Map<String, Integer> routes, String address) {
        boolean real = false;
        for (Map.Entry<String, Integer> route : routes.entrySet()) {
            if (route.getKey().startsWith(address + ":")) {
                if (listening.contains(route.getValue())) {
                    return true;
                }
                real = true;
            }
        }
        return !real;
    }

    /**
     * Watches a task port until its app binds it: a connection to its loopback port is accepted
     * (every 20 ms, a connection opened and closed at once); then the names' routes and the hosts
     * file are written again with the task in them.
     */
    private void awaitListening(String accountId, String region, int loopbackPort) {
        if (!awaited.add(loopbackPort) || closed) {
            return;
        }
        if (readiness == null) {
            readiness = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "task-ports-readiness");
                thread.setDaemon(true);
                return thread;
            });
        }
        readiness.schedule(new Runnable() {
            @Override
            public void run() {
                if (!awaited.contains(loopbackPort)) {
                    return; // the task's ports were closed meanwhile
                }
                if (!accepts(loopbackPort)) {
                    try {
                        readiness.schedule(this, 20, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closing) {
                        // the emulator is closing: nothing more to route
                    }
                    return;
                }
                synchronized (LocalNetwork.this) {
                    if (awaited.remove(loopbackPort)) {
                        listening.add(loopbackPort);
                        write(accountId, region);
                        writeHosts(accountId, region);
                    }
                }
            }
        }, 0, TimeUnit.MILLISECONDS);
    }

    private static boolean accepts(int loopbackPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackPort), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A new file each time, moved into place, so a reader sees the old or the new routes and never half of them. */
    private void replace(Path file, List<String> lines) {
        if (closed) {
            return;
        }
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
