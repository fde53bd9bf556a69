package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The data plane's kept-alive connections to targets, against real servers on local ports: answers
 * framed by length or in chunks, one connection reused across requests, a connection the target
 * closed while idle replaced without failing the request, and a port where nothing listens refused.
 */
class TargetConnectionsTest {

    @Test
    @DisplayName("A chunked answer is read in full, and the next request reuses the same kept-alive connection")
    void readsChunkedAnswersAndReusesTheConnection() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("X-Target", "yes");
            exchange.sendResponseHeaders(200, 0); // length 0: the JDK server sends it chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first part, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second part".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        try (TargetConnections connections = new TargetConnections(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            int port = server.getAddress().getPort();
            for (int i = 0; i < 3; i++) {
                TargetConnections.Answer answer = connections.send(port, "POST", "/orders?x=1",
                        List.<String[]>of(new String[] {"Content-Type", "text/plain"}), "hello".getBytes(StandardCharsets.UTF_8));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("first part, second part");
                assertThat(answer.headers()).as("the JDK server writes header names as X-target")
                        .anySatisfy(h -> assertThat(h[0] + ": " + h[1]).isEqualToIgnoringCase("X-Target: yes"));
            }
            assertThat(clientPorts).as("one kept-alive connection for the three requests").hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("A kept-alive connection the target closed while idle is replaced by a new one; the request does not fail")
    void replacesAConnectionTheTargetClosed() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             TargetConnections connections = new TargetConnections(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            Thread target = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) { // answers one request, then closes: as an idle timeout would
                        accepted.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's head
                        }
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            target.setDaemon(true);
            target.start();

            for (int i = 0; i < 2; i++) {
                TargetConnections.Answer answer = connections.send(server.getLocalPort(), "GET", "/", List.of(), new byte[0]);
                assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
            }
            assertThat(accepted.get()).as("the closed connection was replaced").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("A port where nothing listens is refused (the data plane answers 502)")
    void refusesWhereNothingListens() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (TargetConnections connections = new TargetConnections(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> connections.send(free, "GET", "/", List.of(), new byte[0])).isInstanceOf(ConnectException.class);
        }
    }
}
