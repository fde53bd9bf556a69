package dev.ecslabs.emulator.runtime.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The tests' container app, packed into an image as Jib packs one (JDK classes only): it serves
 * HTTP on 0.0.0.0:8080 ({@code PORT} to change it) like a learner's app that knows nothing of the
 * emulator. {@code /} answers {@code GREETING} and the task's {@code HOSTNAME}, {@code /health}
 * 200, {@code /call?url=U} what {@code U} answers (a call to another task), {@code /calls?n=N&url=U} the
 * status and answer of N calls to {@code U} over one kept-alive connection, a line each, {@code /metadata?path=/task}
 * what the task metadata endpoint answers ({@code ECS_CONTAINER_METADATA_URI_V4} + path), {@code /env?name=V}
 * the environment variable V (empty when unset), {@code /exit?code=N} exits with N. {@code EXIT_AFTER_MS} with
 * {@code EXIT_CODE} makes it a job that ends by itself.
 */
public final class HelloApp {
    private static final HttpClient KEPT_ALIVE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HelloApp() {
    }

    public static void main(String[] args) throws Exception {
        String exitAfter = System.getenv("EXIT_AFTER_MS");
        if (exitAfter != null) {
            System.out.println("job running");
            Thread.sleep(Long.parseLong(exitAfter));
            System.exit(Integer.parseInt(System.getenv().getOrDefault("EXIT_CODE", "0")));
        }
        // Each call to another task on a connection of its own: Service Connect balances connections.
        System.setProperty("http.keepAlive", "false");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        // Answers at once on a kept-alive connection: without TCP_NODELAY the JDK server's small answers wait for the
        // client's delayed ACK (about 40 ms a request), which hid the load balancer's own cost in its benchmark.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 50);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/")) {
                answer(exchange, 200, System.getenv().getOrDefault("GREETING", "hello") + " from " + System.getenv("HOSTNAME"));
            } else {
                answer(exchange, 404, "no " + exchange.getRequestURI().getPath() + " here");
            }
        });
        server.createContext("/health", exchange -> answer(exchange, 200, "ok"));
        server.createContext("/env", exchange -> answer(exchange, 200,
                System.getenv().getOrDefault(exchange.getRequestURI().getRawQuery().substring("name=".length()), "")));
        // What a load balancer or proxy in front sent: the Host, X-Forwarded-For, -Proto and -Port, one line each.
        server.createContext("/forwarded", exchange -> answer(exchange, 200, "host=" + exchange.getRequestHeaders().getFirst("Host")
                + "\nfor=" + exchange.getRequestHeaders().getFirst("X-Forwarded-For")
                + "\nproto=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")
                + "\nport=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Port") + "\nfrom=" + System.getenv("HOSTNAME")));
        server.createContext("/call", exchange -> {
            String url = exchange.getRequestURI().getRawQuery().substring("url=".length());
            try (InputStream in = new URL(url).openStream()) {
                answer(exchange, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                answer(exchange, 502, e.toString());
            }
        });
        // N calls to U in a row over one kept-alive connection (the JDK's HttpClient keeps it): what each answered, a line each.
        server.createContext("/calls", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            int times = Integer.parseInt(query.substring("n=".length(), query.indexOf('&')));
            URI url = URI.create(query.substring(query.indexOf("&url=") + "&url=".length()));
            StringBuilder answers = new StringBuilder();
            try {
                for (int i = 0; i < times; i++) {
                    HttpResponse<String> answer = KEPT_ALIVE.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
                    answers.append(answer.statusCode()).append(' ').append(answer.body()).append('\n');
                }
                answer(exchange, 200, answers.toString());
            } catch (IOException | InterruptedException e) {
                answer(exchange, 502, answers + e.toString());
            }
        });
        server.createContext("/metadata", exchange -> {
            String path = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery().substring("path=".length());
            try (InputStream in = new URL(System.getenv("ECS_CONTAINER_METADATA_URI_V4") + path).openStream()) {
                answer(exchange, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                answer(exchange, 502, e.toString());
            }
        });
        server.createContext("/exit", exchange -> {
            answer(exchange, 200, "bye");
            System.exit(Integer.parseInt(exchange.getRequestURI().getRawQuery().substring("code=".length())));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopping on signal")));
        server.start();
        System.out.println("listening on " + port);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
