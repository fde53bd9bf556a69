package dev.ecslabs.emulator.network;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Sends a request that arrived at one of the emulator's HTTP data planes (a load balancer's
 * listener, a Service Connect proxy) on to a real container's port on loopback, over kept-alive
 * connections (one pool per port), and writes the container's answer back: one forwarder for both,
 * so that they treat headers and bodies alike.
 */
public final class HttpForwarder {
    /** Headers about one connection, not the request: a proxy never passes them on (RFC 9110, 7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

    static {
        // The JDK server writes a response's headers and body apart; without TCP_NODELAY the body waits for the
        // client's delayed ACK (about 40 ms on Linux) on every kept-alive request. Read once, when the first
        // HttpServer of the JVM is made (a data plane makes its forwarder before its servers); an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpClient client;

    /** The container's answer, its body read whole. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    public HttpForwarder(Executor executor) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    }

    /** The request's headers, names in lower case, several values joined with commas. */
    public static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    /**
     * Sends the exchange's method, path and query with {@code body} and {@code headers} (those about
     * the connection left out) to {@code 127.0.0.1:localPort}; {@code timeout} {@code null} waits as
     * long as it takes. Throws {@link java.net.ConnectException} when nothing listens there,
     * {@link java.net.http.HttpTimeoutException} when the answer is late, another IOException when
     * the connection broke.
     */
    public Answer send(int localPort, HttpExchange exchange, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        URI uri = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (timeout != null) {
            request.timeout(timeout);
        }
        headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    /** Writes the container's answer to the client: its status, its headers about the content, its body. */
    public static void relay(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
