package dev.ecslabs.emulator.runtime.apps;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The tests' gRPC container app (grpc-java on Netty, no generated code: its messages are UTF-8
 * strings): it serves {@code hello.Greeter} on 0.0.0.0:8080 ({@code PORT} to change it), like a
 * learner's gRPC service that knows nothing of the emulator. {@code SayHello} answers
 * {@code GREETING from HOSTNAME}; {@code Refuse} fails with FAILED_PRECONDITION and a trailer
 * {@code served-by: HOSTNAME}, so a client sees that trailers of an error reached it.
 */
public final class GrpcHelloApp {
    public static final String SERVICE = "hello.Greeter";
    public static final MethodDescriptor<String, String> SAY_HELLO = unary("SayHello");
    public static final MethodDescriptor<String, String> REFUSE = unary("Refuse");
    public static final Metadata.Key<String> SERVED_BY = Metadata.Key.of("served-by", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcHelloApp() {
    }

    public static void main(String[] args) throws Exception {
        Server server = start(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")),
                System.getenv().getOrDefault("GREETING", "hello") + " from " + System.getenv("HOSTNAME"), System.getenv("HOSTNAME"));
        System.out.println("gRPC listening on " + server.getPort());
        server.awaitTermination();
    }

    /** A server on {@code port} of every address (0: a free one) whose SayHello answers {@code greeting}. */
    public static Server start(int port, String greeting, String servedBy) throws IOException {
        ServerServiceDefinition greeter = ServerServiceDefinition.builder(SERVICE)
                .addMethod(SAY_HELLO, ServerCalls.asyncUnaryCall((name, answer) -> {
                    answer.onNext(greeting);
                    answer.onCompleted();
                }))
                .addMethod(REFUSE, ServerCalls.asyncUnaryCall((name, answer) -> {
                    Metadata trailers = new Metadata();
                    trailers.put(SERVED_BY, servedBy);
                    answer.onError(Status.FAILED_PRECONDITION.withDescription("refused " + name).asRuntimeException(trailers));
                }))
                .build();
        return ServerBuilder.forPort(port).addService(greeter).build().start();
    }

    private static MethodDescriptor<String, String> unary(String name) {
        return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(Utf8.INSTANCE).setResponseMarshaller(Utf8.INSTANCE).build();
    }

    /** Messages as UTF-8 text. */
    private enum Utf8 implements MethodDescriptor.Marshaller<String> {
        INSTANCE;

        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
