package dev.ecslabs.emulator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecslabs.emulator.network.HttpForwarder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Service Connect proxy of the client tasks for one client alias whose port mapping says
 * {@code appProtocol: http}: the alias's address takes the tasks' connections here, and each
 * request (not each connection) goes to the next RUNNING endpoint in turn, over a kept-alive
 * connection to each, as the Envoy proxy balances HTTP requests
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 * An endpoint that refuses the connection (its task is stopping) costs no request: it is retried on
 * the next one, as is an idempotent request whose connection broke before an answer. With no
 * endpoint, or none that answers, the proxy answers 503 as Envoy does; a request that is not
 * answered within the service's {@code perRequestTimeoutSeconds} gets 504
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TimeoutConfiguration.html).
 */
final class HttpAliasProxy implements AliasProxy {
    /** Envoy's default route timeout, which Service Connect keeps when {@code perRequestTimeoutSeconds} is not set. */
    static final Duration DEFAULT_PER_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Methods a proxy may send again after a broken connection: the server cannot have acted on them twice in a harmful way. */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    /** At most this many endpoints are tried for one request (the first and two retries). */
    static final int ATTEMPTS = 3;

    private final HttpServer server;
    private final HttpForwarder forwarder;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile int[] endpoints = new int[0];
    private volatile Duration perRequestTimeout = DEFAULT_PER_REQUEST_TIMEOUT;

    HttpAliasProxy(HttpForwarder forwarder, ExecutorService workers) {
        this.forwarder = forwarder;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1 for a Service Connect proxy", e);
        }
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            } catch (IOException e) {
                // the client went away: nothing to answer
            }
        });
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void route(List<Integer> loopbackPorts, Duration timeout) {
        endpoints = loopbackPorts.stream().mapToInt(Integer::intValue).toArray();
        perRequestTimeout = timeout;
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int[] now = endpoints;
        if (now.length == 0) {
            reply(exchange, 503, "no healthy upstream");
            return;
        }
        Duration timeout = perRequestTimeout.isZero() ? null : perRequestTimeout;
        int first = Math.floorMod(turn.getAndIncrement(), now.length);
        String failure = "connection failure";
        for (int attempt = 0; attempt < Math.min(ATTEMPTS, now.length); attempt++) {
            int endpoint = now[(first + attempt) % now.length];
            try {
                HttpForwarder.relay(exchange, forwarder.send(endpoint, exchange, body, HttpForwarder.headersOf(exchange), timeout));
                return;
            } catch (ConnectException | HttpConnectTimeoutException refused) {
                failure = "connection failure"; // nothing was sent: the next endpoint takes the request
            } catch (HttpTimeoutException late) {
                reply(exchange, 504, "upstream request timeout");
                return;
            } catch (IOException broken) {
                failure = "connection termination";
                if (!IDEMPOTENT.contains(exchange.getRequestMethod())) {
                    break;
                }
            }
        }
        reply(exchange, 503, "upstream connect error or disconnect/reset before headers. reset reason: " + failure);
    }

    /** The proxy's own answer, as Envoy words it. */
    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.getResponseHeaders().set("Server", "envoy");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
