package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ecslabs.emulator.network.Http2Sessions;
import dev.ecslabs.emulator.runtime.apps.GrpcHelloApp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Service Connect proxy of an http2 or grpc client alias, in front of real gRPC servers on
 * loopback ports and a real gRPC client on one HTTP/2 connection: calls balanced one by one,
 * trailers passed through, an endpoint that refuses skipped, and Envoy's own answers when no
 * endpoint can take a call (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 */
class Http2AliasProxyTest {
    private final Http2Sessions sessions = new Http2Sessions();
    private final Http2AliasProxy proxy = new Http2AliasProxy(sessions);
    private final List<Server> apps = new ArrayList<>();
    /** One channel: its calls are streams of one HTTP/2 connection to the proxy. */
    private final ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", proxy.port()).usePlaintext().build();

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        proxy.close();
        sessions.close();
        apps.forEach(Server::shutdownNow);
    }

    @Test
    @DisplayName("Calls on one HTTP/2 connection go to the gRPC endpoints in turn, each answered by the server it reached")
    void balancesCallByCall() throws Exception {
        proxy.route(List.of(app("one"), app("two")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(sayHello());
        }

        assertThat(answers).containsExactly("one", "two", "one", "two");
    }

    @Test
    @DisplayName("Many calls in flight at once on one connection are all answered, each with its message and its trailers "
            + "(Jetty tells trailers before the DATA frames still queued: they must not end the answer early)")
    void concurrentCallsOnOneConnection() throws Exception {
        proxy.route(List.of(app("one"), app("two")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(callers.submit(this::sayHello));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }

            assertThat(answers).hasSize(400).containsOnly("one", "two").contains("one", "two");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    @DisplayName("A gRPC error's status, description and trailers reach the client as the server sent them")
    void passesTrailersThrough() throws Exception {
        proxy.route(List.of(app("one")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, GrpcHelloApp.REFUSE, io.grpc.CallOptions.DEFAULT, "me"));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refused.getStatus().getDescription()).isEqualTo("refused me");
        assertThat(refused.getTrailers().get(GrpcHelloApp.SERVED_BY)).isEqualTo("one");
    }

    @Test
    @DisplayName("An endpoint that refuses the connection (its task stopping) costs no call: the next one answers it")
    void retriesARefusedEndpoint() throws Exception {
        proxy.route(List.of(closedPort(), app("one")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        assertThat(List.of(sayHello(), sayHello(), sayHello())).containsOnly("one");
    }

    @Test
    @DisplayName("A stopped endpoint's closed connection costs no call either: the proxy connects to the next one")
    void anEndpointThatWentAwayIsSkipped() throws Exception {
        int one = app("one");
        proxy.route(List.of(one, app("two")), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);
        assertThat(List.of(sayHello(), sayHello())).containsExactly("one", "two");

        apps.get(0).shutdownNow().awaitTermination(5, TimeUnit.SECONDS); // its kept-alive connection closes, nothing listens

        assertThat(List.of(sayHello(), sayHello(), sayHello(), sayHello())).containsOnly("two");
    }

    @Test
    @DisplayName("With no endpoint, a gRPC call ends UNAVAILABLE 'no healthy upstream' (a trailers-only answer, as Envoy gives)")
    void noEndpointForGrpc() {
        proxy.route(List.of(), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        StatusRuntimeException unavailable = catchThrowableOfType(StatusRuntimeException.class, this::sayHello);

        assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(unavailable.getStatus().getDescription()).isEqualTo("no healthy upstream");
    }

    @Test
    @DisplayName("With no endpoint, an HTTP/1.1 request gets 503 'no healthy upstream', as Envoy answers")
    void noEndpointForHttp() throws Exception {
        proxy.route(List.of(), HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT);

        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("no healthy upstream");
    }

    @Test
    @DisplayName("A call not answered within perRequestTimeoutSeconds ends UNAVAILABLE 'upstream request timeout'")
    void perRequestTimeout() throws Exception {
        Server silent = ServerBuilder.forPort(0).addService(ServerServiceDefinition.builder(GrpcHelloApp.SERVICE)
                .addMethod(GrpcHelloApp.SAY_HELLO, ServerCalls.asyncUnaryCall((name, answer) -> { })).build()).build().start();
        apps.add(silent);
        proxy.route(List.of(silent.getPort()), Duration.ofMillis(300));

        StatusRuntimeException late = catchThrowableOfType(StatusRuntimeException.class, this::sayHello);

        assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(late.getStatus().getDescription()).isEqualTo("upstream request timeout");
    }

    private String sayHello() {
        return ClientCalls.blockingUnaryCall(channel, GrpcHelloApp.SAY_HELLO, io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                "test");
    }

    /** A gRPC server on a free port that greets with its name; its port. */
    private int app(String name) throws IOException {
        Server app = GrpcHelloApp.start(0, name, name);
        apps.add(app);
        return app.getPort();
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
