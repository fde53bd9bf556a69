package dev.ecslabs.emulator.runtime;

import dev.ecslabs.emulator.network.Http2Relay;
import dev.ecslabs.emulator.network.Http2Sessions;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The Service Connect proxy of the client tasks for one client alias whose port mapping says
 * {@code appProtocol: http2} or {@code grpc}: it takes cleartext HTTP/2 (h2c with prior knowledge,
 * as gRPC clients speak it, or upgraded from HTTP/1.1) and HTTP/1.1, and sends each request (each
 * HTTP/2 stream, not each connection) to the next RUNNING endpoint in turn, as a stream of one
 * kept-alive HTTP/2 connection to each ({@link Http2Sessions}), its answer and trailers relayed as
 * they come ({@link Http2Relay}), as the Envoy proxy balances HTTP/2 and gRPC requests
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 * An endpoint that refuses (its task stopping: the connection refused or closing, the stream
 * refused) costs no request, which goes to the next one, as does an idempotent request whose
 * connection broke before an answer. Without an endpoint that answers it answers what Envoy
 * answers: 503, or for a gRPC request ({@code content-type: application/grpc…}) a trailers-only
 * answer with {@code grpc-status} 14 (UNAVAILABLE), Envoy's mapping of 503; an answer not complete
 * within the service's {@code perRequestTimeoutSeconds}, which AWS applies to http, http2 and grpc
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TimeoutConfiguration.html), gets
 * 504 {@code upstream request timeout} (gRPC: 14 too, as gRPC maps HTTP 502, 503 and 504 to UNAVAILABLE:
 * https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md) or, once its headers went, a reset stream.
 * The request's body is read whole before it is sent, so that another endpoint can take it:
 * gRPC's unary and server-streaming calls flow through, a client-streaming call's messages wait
 * for its end, and a bidirectional call whose client awaits an answer before it ends its side
 * waits for the timeout.
 */
final class Http2AliasProxy implements AliasProxy {
    private static final long IDLE_TIMEOUT_MS = 300_000;

    private final Server server;
    private final ServerConnector connector;
    private final Http2Sessions sessions;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile int[] endpoints = new int[0];
    private volatile Duration perRequestTimeout = HttpAliasProxy.DEFAULT_PER_REQUEST_TIMEOUT;

    Http2AliasProxy(Http2Sessions sessions) {
        this.sessions = sessions;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("service-connect-h2");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false); // the container's own Server and Date headers pass through, not Jetty's
        configuration.setSendDateHeader(false);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(configuration);
        h2c.setStreamIdleTimeout(0); // the per-request timeout bounds a stream
        // HTTP/1.1 first: it takes HTTP/1.1 requests, upgrades to h2c on "Upgrade: h2c", and hands a prior-knowledge preface to h2c.
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(configuration), h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                new Exchange(request, response, callback).readBody();
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("a Service Connect proxy for HTTP/2 could not start on 127.0.0.1", e);
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void route(List<Integer> loopbackPorts, Duration timeout) {
        endpoints = loopbackPorts.stream().mapToInt(Integer::intValue).toArray();
        perRequestTimeout = timeout;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // closing the emulator: a connection that does not close cleanly changes nothing
        }
    }

    /** One request: read, sent to an endpoint (another if one refuses), answered once. */
    private final class Exchange implements Http2Relay.Outcome {
        private static final int PENDING = 0;
        private static final int RELAYING = 1;
        private static final int SETTLED = 2;

        private final Request request;
        private final Response response;
        private final Callback callback;
        private final boolean grpc;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private HttpFields requestTrailers;
        /** Who writes the client's response: nobody yet, an endpoint's answer, or the proxy's own. */
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final AtomicBoolean completed = new AtomicBoolean();
        private int[] now;
        private int first;
        private int attempt;
        private volatile Http2Relay relay;
        private volatile Scheduler.Task timer;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            this.grpc = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/grpc");
        }

        void readBody() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this::readBody);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    complete(() -> callback.failed(chunk.getFailure())); // the client went away
                    return;
                }
                if (chunk instanceof Trailers trailers) {
                    requestTrailers = trailers.getTrailers();
                } else if (chunk.hasRemaining()) {
                    byte[] bytes = BufferUtil.toArray(chunk.getByteBuffer());
                    body.write(bytes, 0, bytes.length);
                }
                chunk.release();
                if (chunk.isLast()) {
                    dispatch();
                    return;
                }
            }
        }

        private void dispatch() {
            now = endpoints;
            if (now.length == 0) {
                reply(503, "no healthy upstream");
                return;
            }
            Duration timeout = perRequestTimeout;
            if (!timeout.isZero()) {
                timer = server.getScheduler().schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            first = Math.floorMod(turn.getAndIncrement(), now.length);
            next("connection failure");
        }

        /** The next endpoint in turn takes the request; after the last one allowed, Envoy's 503 with the last reason. */
        private void next(String failure) {
            if (state.get() != PENDING) {
                return;
            }
            if (attempt >= Math.min(HttpAliasProxy.ATTEMPTS, now.length)) {
                reply(503, "upstream connect error or disconnect/reset before headers. reset reason: " + failure);
                return;
            }
            int endpoint = now[(first + attempt++) % now.length];
            sessions.session(endpoint).whenComplete((session, refused) -> {
                if (refused != null) {
                    next("connection failure"); // nothing was sent: the next endpoint takes the request
                } else {
                    relay = Http2Relay.send(session, upstreamRequest(), body.toByteArray(), requestTrailers, response, this);
                }
            });
        }

        private MetaData.Request upstreamRequest() {
            HttpFields.Mutable headers = HttpFields.build();
            Http2Relay.copy(request.getHeaders(), headers);
            return new MetaData.Request(request.getMethod(), HttpURI.build(request.getHttpURI()).scheme("http"),
                    HttpVersion.HTTP_2, headers);
        }

        @Override
        public boolean claim() {
            return state.compareAndSet(PENDING, RELAYING);
        }

        @Override
        public void unanswered(Throwable failure, boolean refused) {
            if (refused || HttpAliasProxy.IDEMPOTENT.contains(request.getMethod())) {
                next(refused ? "connection failure" : "connection termination");
            } else {
                reply(503, "upstream connect error or disconnect/reset before headers. reset reason: connection termination");
            }
        }

        @Override
        public void answered() {
            complete(callback::succeeded);
        }

        @Override
        public void broken(Throwable failure) {
            complete(() -> callback.failed(failure));
        }

        private void timedOut() {
            Http2Relay current = relay;
            if (current != null) {
                current.cancel();
            }
            if (state.get() == RELAYING) {
                complete(() -> callback.failed(new TimeoutException("upstream request timeout")));
            } else {
                reply(504, "upstream request timeout");
            }
        }

        /**
         * The proxy's own answer, as Envoy words it; to a gRPC client a trailers-only answer (one
         * HEADERS frame that ends the stream) with Envoy's gRPC status for 503 and 504: UNAVAILABLE.
         */
        private void reply(int status, String text) {
            if (!state.compareAndSet(PENDING, SETTLED)) {
                return;
            }
            complete(() -> {
                response.getHeaders().put(HttpHeader.SERVER, "envoy");
                if (grpc) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
                    response.getHeaders().put("grpc-status", "14");
                    response.getHeaders().put("grpc-message", text);
                    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                } else {
                    response.setStatus(status);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                    Content.Sink.write(response, true, text, callback);
                }
            });
        }

        private void complete(Runnable answer) {
            if (completed.compareAndSet(false, true)) {
                Scheduler.Task pending = timer;
                if (pending != null) {
                    pending.cancel();
                }
                answer.run();
            }
        }
    }
}
