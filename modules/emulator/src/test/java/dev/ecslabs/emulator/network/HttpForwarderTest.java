package dev.ecslabs.emulator.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The forwarder both the load balancer's data plane and Service Connect's proxy send requests on
 * with, behind a small front server as they use it: answers framed by length or in chunks, one
 * kept-alive connection reused across requests, a connection the target closed while idle
 * replaced without failing the request, and a port where nothing listens refused.
 */
class HttpForwarderTest {
    private final HttpForwarder forwarder = new HttpForwarder();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer front;

    @AfterEach
    void stop() {
        if (front != null) {
            front.stop(0);
        }
        forwarder.close();
    }

    /** A front server forwarding every request to {@code 127.0.0.1:target}; what could not be sent answers 502 with the exception's class. */
    private URI frontTo(int target) throws IOException {
        front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        front.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                HttpForwarder.relay(exchange, forwarder.send(target, exchange, body, HttpForwarder.headersOf(exchange), Duration.ofSeconds(5)));
            } catch (IOException e) {
                byte[] why = e.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, why.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(why);
                }
            }
        });
        front.start();
        return URI.create("http://127.0.0.1:" + front.getAddress().getPort());
    }

    @Test
    @DisplayName("A chunked answer is relayed in full with the target's headers, and the next requests reuse the same kept-alive connection")
    void readsChunkedAnswersAndReusesTheConnection() throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        target.createContext("/", exchange -> {
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
        target.start();
        try {
            URI front = frontTo(target.getAddress().getPort());
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(front.resolve("/orders?x=1"))
                        .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("first part, second part");
                assertThat(answer.headers().firstValue("X-Target")).hasValue("yes");
            }
            assertThat(clientPorts).as("one kept-alive connection to the target for the three requests").hasSize(1);
        } finally {
            target.stop(0);
        }
    }

    @Test
    @DisplayName("A kept-alive connection the target closed while idle is replaced by a new one; the request does not fail")
    void replacesAConnectionTheTargetClosed() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!target.isClosed()) {
                    try (Socket socket = target.accept()) { // answers one request, then closes: as an idle timeout would
                        accepted.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's head
                        }
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            URI front = frontTo(target.getLocalPort());

            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(front.resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.body()).isEqualTo("ok");
            }
            assertThat(accepted.get()).as("the closed connection was replaced").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("A port where nothing listens is refused with a ConnectException (the ALB answers 502, Service Connect tries the next endpoint)")
    void refusesWhereNothingListens() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(frontTo(free).resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).isEqualTo("ConnectException");
    }
}
