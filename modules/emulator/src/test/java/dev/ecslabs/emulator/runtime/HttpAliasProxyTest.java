package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ecslabs.emulator.network.HttpForwarder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Service Connect proxy of an http client alias, in front of apps on loopback ports: requests
 * balanced one by one, an endpoint that refuses skipped, and Envoy's own answers when no endpoint
 * can take a request (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 */
class HttpAliasProxyTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final HttpAliasProxy proxy = new HttpAliasProxy(new HttpForwarder(), workers);
    private final List<HttpServer> apps = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    /** One client: its requests share one kept-alive connection to the proxy. */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        released.countDown();
        proxy.close();
        apps.forEach(app -> app.stop(0));
        workers.shutdownNow();
    }

    @Test
    @DisplayName("Requests on one kept-alive connection go to the endpoints in turn, each answered by the app it reached")
    void balancesRequestByRequest() throws Exception {
        proxy.route(List.of(app("one"), app("two")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(get().body());
        }

        assertThat(answers).containsExactly("one", "two", "one", "two");
    }

    @Test
    @DisplayName("An endpoint that refuses the connection (its task stopping) costs no request: the next one answers it")
    void retriesARefusedEndpoint() throws Exception {
        proxy.route(List.of(closedPort(), app("one")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        assertThat(List.of(get().statusCode(), get().statusCode(), get().statusCode())).containsOnly(200);
    }

    @Test
    @DisplayName("With no endpoint, the proxy answers 503 'no healthy upstream', as Envoy does")
    void noEndpoint() throws Exception {
        proxy.route(List.of(), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        HttpResponse<String> answer = get();

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("no healthy upstream");
    }

    @Test
    @DisplayName("An app that does not answer within perRequestTimeoutSeconds gets the client a 504 'upstream request timeout'")
    void perRequestTimeout() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        slow.setExecutor(workers);
        slow.createContext("/", exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slow.start();
        apps.add(slow);
        proxy.route(List.of(slow.getAddress().getPort()), Duration.ofMillis(300));

        HttpResponse<String> answer = get();

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.body()).isEqualTo("upstream request timeout");
    }

    private HttpResponse<String> get() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An app on a loopback port that answers its name; its port. */
    private int app(String name) throws IOException {
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        app.setExecutor(workers);
        app.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        app.start();
        apps.add(app);
        return app.getAddress().getPort();
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
