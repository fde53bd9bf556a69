package dev.ecslabs.emulator.elb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecslabs.emulator.clock.ClientActivity;
import dev.ecslabs.emulator.cloudwatch.metrics.LoadBalancerMetrics;
import dev.ecslabs.emulator.network.HttpForwarder;
import dev.ecslabs.emulator.state.AccountRegion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancers' data plane: each HTTP listener answers on a local port of 127.0.0.1; a request
 * is matched against the listener's rules, and a forward goes to a target round robin, proxied to
 * a real process with {@code X-Forwarded-For}/{@code -Proto}/{@code -Port} or answered as a simulated
 * web server would; 503 when no target can take it, 502 when the target refuses the connection, 504
 * when it does not answer in the idle timeout, each with the ALB's own page
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html).
 * An HTTPS listener is served as plain HTTP here: there is no certificate on a laptop. A Network Load
 * Balancer's TCP listener gets a local port too, whose connections {@link TcpListener} relays as they are.
 * Routes come from the {@link RouteTable} without the account-region's lock; forwards go over
 * the shared {@link dev.ecslabs.emulator.network.HttpForwarder}'s kept-alive connections.
 *
 * <p>Each request is counted for CloudWatch ({@link LoadBalancerMetrics}, published by the minute),
 * and is client activity to the emulator's clock until {@link #TRAFFIC_WINDOW} after it was answered: a
 * clock that jumps while clients are quiet does not jump while traffic flows through a load balancer,
 * even when a busy machine spaces the requests of a steady client a few tens of milliseconds apart
 * (a jump over minutes would leave them with no requests, and a request count per minute with holes).
 */
public final class LoadBalancerDataPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancerDataPlane.class);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** The listener protocols served as TCP relays (UDP is not served: nothing on a laptop sends it through a load balancer). */
    private static final Set<String> TCP_PROTOCOLS = Set.of("TCP", "TLS", "TCP_UDP");
    /** How long after a request the clock still counts the load balancer as busy. */
    static final Duration TRAFFIC_WINDOW = Duration.ofSeconds(1);

    private final String host;
    private final TargetLocator locator;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
        Thread thread = new Thread(r, "elb-data-plane");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ClientActivity activity;
    private final ScheduledExecutorService trafficEnds =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "elb-traffic-window");
                thread.setDaemon(true);
                return thread;
            });
    private final TrafficWindow traffic = new TrafficWindow(TRAFFIC_WINDOW, trafficEnds);
    private volatile Runnable trafficCounted = () -> { };
    private final HttpForwarder forwarder = new HttpForwarder();

    /** Long-lived relays of TCP listeners' connections, apart from the HTTP workers so that they never starve them. */
    private final ExecutorService tcpRelays = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "nlb-relay");
        thread.setDaemon(true);
        return thread;
    });

    /** One listener's open local port: {@code url} as the URL route shows it, {@code stop} closes it. */
    private record Open(AccountRegion region, String loadBalancerArn, int port, String protocol, String url, Runnable stop) {
    }

    /** A listener's local address, as {@code GET /_emulator/load-balancers/<name>/url} shows it. */
    public record LocalListener(int port, String protocol, String url) {
    }

    public LoadBalancerDataPlane(String host, TargetLocator locator) {
        this.host = host;
        this.locator = locator;
    }

    /** Tells the clock when requests arrive and are answered (a jumping clock does not jump while they flow). */
    public void reportActivityTo(ClientActivity clientActivity) {
        this.activity = clientActivity;
    }

    /** Runs after each request was counted for CloudWatch: wakes the minute that publishes it. */
    public void whenTrafficCounted(Runnable wake) {
        this.trafficCounted = wake;
    }

    /** Opens a port for each listener of the account-region without one, and closes those of listeners gone. */
    void sync(AccountRegion region) {
        Listeners listeners = Listeners.of(region);
        for (ListenerRecord listener : listeners.all()) {
            String protocol = listener.listener().protocolAsString();
            if (!open.containsKey(listener.arn()) && protocol.startsWith("HTTP")) {
                open.put(listener.arn(), listen(region, listener));
            } else if (!open.containsKey(listener.arn()) && TCP_PROTOCOLS.contains(protocol)) {
                open.put(listener.arn(), listenTcp(region, listener));
            }
        }
        open.entrySet().removeIf(entry -> {
            if (entry.getValue().region() == region && listeners.find(entry.getKey()).isEmpty()) {
                entry.getValue().stop().run();
                return true;
            }
            return false;
        });
    }

    /** The local listeners of a load balancer, by its name, in an account-region. */
    public Optional<List<LocalListener>> listenersOf(AccountRegion region, String name) {
        return region.locked(() -> LoadBalancers.of(region).byName(name).map(lb -> Listeners.of(region).of(lb.arn()).stream()
                .filter(l -> open.containsKey(l.arn()))
                .map(l -> new LocalListener(l.listener().port(), l.listener().protocolAsString(), open.get(l.arn()).url()))
                .toList()));
    }

    private Open listen(AccountRegion region, ListenerRecord listener) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 128);
            server.setExecutor(workers);
            String arn = listener.arn();
            int port = listener.listener().port();
            String protocol = listener.listener().protocolAsString().toLowerCase(Locale.ROOT);
            String loadBalancer = LoadBalancerMinute.loadBalancerDimension(listener.listener().loadBalancerArn());
            RouteTable routes = RouteTable.of(region);
            Counting counting = new Counting(region, loadBalancer);
            server.createContext("/", exchange -> {
                ClientActivity clock = activity;
                if (clock != null) {
                    traffic.begin(clock);
                }
                try (exchange) {
                    answer(counting, routes.route(arn, locator), port, protocol, exchange);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("A request to listener {} failed: {}", arn, e.toString());
                } finally {
                    if (clock != null) {
                        traffic.end();
                    }
                }
            });
            server.start();
            return new Open(region, listener.listener().loadBalancerArn(), port, protocol,
                    "http://" + host + ":" + server.getAddress().getPort(), () -> server.stop(0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a local port for listener " + listener.arn(), e);
        }
    }

    /**
     * A Network Load Balancer's TCP listener (TLS and TCP_UDP too, served as plain TCP: no certificate,
     * no UDP here): connections relayed to targets by {@link TcpListener}; each open connection is
     * client activity to the clock.
     */
    private Open listenTcp(AccountRegion region, ListenerRecord listener) {
        try {
            TcpListener tcp = new TcpListener(host, listener.arn(), RouteTable.of(region), locator, tcpRelays, () -> {
                ClientActivity clock = activity;
                if (clock != null) {
                    traffic.begin(clock);
                }
            }, () -> {
                if (activity != null) {
                    traffic.end();
                }
            });
            return new Open(region, listener.listener().loadBalancerArn(), listener.listener().port(),
                    listener.listener().protocolAsString(), "tcp://" + host + ":" + tcp.localPort(), tcp::close);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a local port for listener " + listener.arn(), e);
        }
    }

    /** Counts one request's answer for CloudWatch, at the emulator's time when it was answered. */
    private final class Counting {
        private final AccountRegion region;
        private final String loadBalancer;

        Counting(AccountRegion region, String loadBalancer) {
            this.region = region;
            this.loadBalancer = loadBalancer;
        }

        void byTarget(String targetGroupArn, int status, long startedNanos) {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            region.locked(() -> LoadBalancerMetrics.requestForwarded(region, loadBalancer,
                    LoadBalancerMinute.targetGroupDimension(targetGroupArn), region.now(), status, seconds));
            trafficCounted.run();
        }

        void byLoadBalancer(String targetGroupArn, int status) {
            region.locked(() -> LoadBalancerMetrics.answeredByLoadBalancer(region, loadBalancer,
                    targetGroupArn == null ? null : LoadBalancerMinute.targetGroupDimension(targetGroupArn), region.now(), status));
            trafficCounted.run();
        }
    }

    private void answer(Counting counting, ListenerRoute route, int port, String protocol, HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = HttpForwarder.headersOf(exchange);
        String clientIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        RuleMatcher.Request request = new RuleMatcher.Request(exchange.getRequestMethod(), headers.get("host"),
                uri.getRawPath(), query(uri.getRawQuery()), headers, clientIp);
        ListenerRoute.Decision decision = route.decide(request);
        if (decision instanceof ListenerRoute.Fixed fixed) {
            counting.byLoadBalancer(null, fixed.status());
            send(exchange, fixed.status(), fixed.contentType(), fixed.body().getBytes(StandardCharsets.UTF_8));
        } else if (decision instanceof ListenerRoute.Redirect redirect) {
            counting.byLoadBalancer(null, redirect.status());
            exchange.getResponseHeaders().set("Location", location(redirect, protocol, headers.get("host"), port, uri));
            send(exchange, redirect.status(), "text/html", new byte[0]);
        } else if (decision instanceof ListenerRoute.Forward forward) {
            forward(counting, exchange, forward, route.headers().forTarget(headers, clientIp,
                    exchange.getRemoteAddress().getPort(), protocol, port));
        } else {
            counting.byLoadBalancer(null, 503);
            send(exchange, 503, "text/html", page("503 Service Temporarily Unavailable"));
        }
    }

    private void forward(Counting counting, HttpExchange exchange, ListenerRoute.Forward forward, Map<String, String> forwarded)
            throws IOException {
        TargetEndpoint endpoint = forward.endpoint();
        String group = forward.targetGroupArn();
        long started = System.nanoTime();
        if (endpoint instanceof TargetEndpoint.Simulated simulated) {
            exchange.getRequestBody().readAllBytes();
            TargetEndpoint.SimulatedAnswer answer = simulated.answer(exchange.getRequestURI().getRawPath());
            counting.byTarget(group, answer.status(), started);
            byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            send(exchange, answer.status(), "text/html", body);
            return;
        }
        if (!(endpoint instanceof TargetEndpoint.Local local)) {
            counting.byLoadBalancer(group, 502);
            send(exchange, 502, "text/html", page("502 Bad Gateway"));
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpForwarder.Answer answer;
        try {
            answer = forwarder.send(local.localPort(), exchange, body, forwarded, IDLE_TIMEOUT);
        } catch (HttpTimeoutException e) {
            counting.byLoadBalancer(group, 504);
            send(exchange, 504, "text/html", page("504 Gateway Time-out"));
            return;
        } catch (IOException e) { // refused (ConnectException) or broken: the ALB answers 502 for both
            counting.byLoadBalancer(group, 502);
            send(exchange, 502, "text/html", page("502 Bad Gateway"));
            return;
        }
        counting.byTarget(group, answer.status(), started);
        HttpForwarder.relay(exchange, answer);
    }

    private static String location(ListenerRoute.Redirect redirect, String protocol, String hostHeader, int port, URI uri) {
        var config = redirect.config();
        String host = hostHeader == null ? "localhost" : hostHeader.replaceFirst(":\\d+$", "");
        String path = uri.getRawPath().startsWith("/") ? uri.getRawPath().substring(1) : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        java.util.function.UnaryOperator<String> fill = s -> s == null ? null : s.replace("#{protocol}", protocol)
                .replace("#{host}", host).replace("#{port}", String.valueOf(port)).replace("#{path}", path).replace("#{query}", query);
        String toProtocol = Optional.ofNullable(fill.apply(config.protocol())).orElse(protocol).toLowerCase(Locale.ROOT);
        String toHost = Optional.ofNullable(fill.apply(config.host())).orElse(host);
        String toPort = Optional.ofNullable(fill.apply(config.port())).orElse(String.valueOf(port));
        String toPath = Optional.ofNullable(fill.apply(config.path())).orElse("/" + path);
        String toQuery = Optional.ofNullable(fill.apply(config.query())).orElse(query);
        return toProtocol + "://" + toHost + ":" + toPort + toPath + (toQuery.isEmpty() ? "" : "?" + toQuery);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    query.put(key, value);
                }
            }
        }
        return query;
    }

    private static byte[] page(String title) {
        return ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Server", "awselb/2.0");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.stop().run());
        open.clear();
        tcpRelays.shutdownNow();
        workers.shutdownNow();
        forwarder.close();
        trafficEnds.shutdownNow();
        traffic.release(); // the clock hears the end of the traffic
    }
}
