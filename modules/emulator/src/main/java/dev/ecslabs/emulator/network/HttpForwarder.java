package dev.ecslabs.emulator.network;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Sends a request that arrived at one of the emulator's HTTP data planes (a load balancer's
 * listener, a Service Connect proxy) on to a real container's port on loopback, over kept-alive
 * HTTP/1.1 connections (a pool per port), and writes the container's answer back: one forwarder
 * for both, so that they treat headers and bodies alike. It speaks HTTP/1.1 on plain blocking
 * sockets, in the caller's thread: the JDK's {@code HttpClient} cost about half a millisecond of
 * CPU a request in thread hand-offs (docs/performance.md, "Service Connect data plane").
 */
public final class HttpForwarder implements AutoCloseable {
    /**
     * Headers about one connection, not the request: a proxy never passes them on (RFC 9110, 7.6.1); and those this
     * forwarder writes itself (Host first, the body's length).
     */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Idle connections kept per port; more are closed once answered. */
    private static final int IDLE_PER_PORT = 64;

    static {
        // The JDK server writes a response's headers and body apart; without TCP_NODELAY the body waits for the
        // client's delayed ACK (about 40 ms on Linux) on every kept-alive request. Read once, when the first
        // HttpServer of the JVM is made (a data plane makes its forwarder before its servers); an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Map<Integer, Deque<Connection>> idle = new ConcurrentHashMap<>();

    /** The container's answer, its body read whole; header names as the container wrote them. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** The request's headers, names in lower case, several values joined with commas. */
    public static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    /**
     * Sends the exchange's method, path and query with {@code body} and {@code headers} (those about
     * the connection left out; their {@code host} is the Host sent, as the proxy in front decided it,
     * {@code 127.0.0.1:localPort} without one) to {@code 127.0.0.1:localPort}; {@code timeout} (the longest wait for
     * the next bytes of the answer) {@code null} waits as long as it takes. Throws
     * {@link java.net.ConnectException} when nothing listens there, {@link HttpConnectTimeoutException}
     * when the connection is not accepted in 5 s, {@link HttpTimeoutException} when the answer is late,
     * another IOException when the connection broke. A kept-alive connection that the container had
     * closed meanwhile is replaced by a new one, the request sent again: it had not been read.
     */
    public Answer send(int localPort, HttpExchange exchange, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException {
        byte[] head = requestHead(localPort, exchange, body, headers);
        boolean head0 = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        while (true) {
            Connection pooled = pool(localPort).pollFirst();
            Connection connection = pooled != null ? pooled : Connection.open(localPort);
            connection.answered = false;
            try {
                connection.socket.setSoTimeout(timeout == null ? 0 : (int) Math.max(1, timeout.toMillis()));
                connection.out.write(head);
                connection.out.write(body);
                connection.out.flush();
                Answer answer = connection.read(head0);
                if (connection.reusable && pool(localPort).size() < IDLE_PER_PORT) {
                    pool(localPort).addFirst(connection);
                } else {
                    connection.close();
                }
                return answer;
            } catch (SocketTimeoutException late) {
                connection.close();
                throw new HttpTimeoutException("127.0.0.1:" + localPort + " did not answer within " + timeout);
            } catch (IOException broken) {
                connection.close();
                if (pooled == null || connection.answered) {
                    throw broken;
                }
                // a kept-alive connection the container closed while it was idle: again on a new one
            }
        }
    }

    private Deque<Connection> pool(int port) {
        return idle.computeIfAbsent(port, p -> new ConcurrentLinkedDeque<>());
    }

    private static byte[] requestHead(int localPort, HttpExchange exchange, byte[] body, Map<String, String> headers) {
        URI uri = exchange.getRequestURI();
        StringBuilder head = new StringBuilder(256).append(exchange.getRequestMethod()).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                .append(headers.getOrDefault("host", "127.0.0.1:" + localPort)).append("\r\n");
        headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes the container's answer to the client: its status, its headers about the content, its body. */
    public static void relay(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
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

    /** Closes the idle connections. */
    @Override
    public void close() {
        idle.values().forEach(connections -> connections.forEach(Connection::close));
        idle.clear();
    }

    /** One HTTP/1.1 connection to a container's port. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        /** Whether a byte of an answer came: after that, a broken connection is the container's doing, not a stale one. */
        private boolean answered;
        private boolean reusable = true;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        static Connection open(int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) CONNECT_TIMEOUT.toMillis());
                return new Connection(socket);
            } catch (SocketTimeoutException slow) {
                socket.close();
                throw new HttpConnectTimeoutException("127.0.0.1:" + port + " did not accept a connection in " + CONNECT_TIMEOUT);
            } catch (IOException refused) {
                socket.close();
                throw refused;
            }
        }

        /** The answer to the request just sent (an interim 1xx answer skipped); its body per RFC 9112, section 6.3. */
        Answer read(boolean toHead) throws IOException {
            String statusLine;
            int status;
            Map<String, List<String>> headers;
            do {
                statusLine = line();
                answered = true;
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new IOException("not an HTTP answer: " + statusLine);
                }
                status = Integer.parseInt(parts[1]);
                headers = headers();
            } while (status >= 100 && status < 200 && status != 101);
            if ("close".equalsIgnoreCase(first(headers, "connection")) || statusLine.startsWith("HTTP/1.0")) {
                reusable = false;
            }
            byte[] body;
            String length = first(headers, "content-length");
            if (toHead || status == 204 || status == 304) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
                body = chunks();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length.trim()));
                if (body.length < Integer.parseInt(length.trim())) {
                    throw new EOFException("the answer ended before its " + length + " bytes");
                }
            } else {
                body = in.readAllBytes(); // the end of the connection ends the body
                reusable = false;
            }
            return new Answer(status, headers, body);
        }

        private Map<String, List<String>> headers() throws IOException {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
            }
            return headers;
        }

        private byte[] chunks() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    headers(); // trailers, if any, end with an empty line
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(length);
                if (chunk.length < length) {
                    throw new EOFException("the answer ended inside a chunk");
                }
                body.write(chunk);
                line(); // the CRLF after the chunk
            }
        }

        private static String first(Map<String, List<String>> headers, String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** One line of the answer's head, without its CRLF; EOF before it is a broken connection. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the connection ended before the answer did");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection nobody uses any more: nothing to do about a failure
            }
        }
    }
}
