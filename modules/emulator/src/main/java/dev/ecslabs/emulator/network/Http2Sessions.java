package dev.ecslabs.emulator.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One kept-alive cleartext HTTP/2 connection (h2c with prior knowledge, as gRPC servers take it)
 * to each container port on loopback, opened on first use and opened again once the container
 * closed it (its app stopping sends GOAWAY, or its process went away): a data plane sends all its
 * requests to one app as streams of that one connection, as Envoy does with an HTTP/2 upstream.
 */
public final class Http2Sessions implements AutoCloseable {
    private static final long CONNECT_TIMEOUT_MS = 5_000;
    /** An idle connection is closed after this long (Envoy's upstream idle timeout is an hour; five minutes is plenty here). */
    private static final long IDLE_TIMEOUT_MS = 300_000;

    private final HTTP2Client client = new HTTP2Client();
    private final Map<Integer, CompletableFuture<Session>> sessions = new ConcurrentHashMap<>();

    public Http2Sessions() {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("service-connect-h2-client");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setSelectors(1);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setIdleTimeout(IDLE_TIMEOUT_MS);
        // A stream lasts as long as its request: the proxy's per-request timeout bounds it, not an idle timer.
        client.setStreamIdleTimeout(0);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the Service Connect proxy's HTTP/2 client did not start", e);
        }
    }

    /**
     * The connection to {@code 127.0.0.1:port}: the open one, or a new one; it completes
     * exceptionally (a {@link java.net.ConnectException}) when nothing listens there.
     */
    public CompletableFuture<Session> session(int port) {
        while (true) {
            CompletableFuture<Session> current = sessions.get(port);
            if (current != null && usable(current)) {
                return current;
            }
            CompletableFuture<Session> fresh = new CompletableFuture<>();
            boolean mine = current == null ? sessions.putIfAbsent(port, fresh) == null : sessions.replace(port, current, fresh);
            if (!mine) {
                continue; // another request opened one meanwhile: use that
            }
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), new Forgetting(port, fresh))
                    .whenComplete((session, failure) -> {
                        if (failure != null) {
                            sessions.remove(port, fresh);
                            fresh.completeExceptionally(failure);
                        } else {
                            fresh.complete(session);
                        }
                    });
            return fresh;
        }
    }

    /** Still opening, or open and not closing: a failed or closed connection is replaced. */
    private static boolean usable(CompletableFuture<Session> session) {
        if (!session.isDone()) {
            return true;
        }
        return !session.isCompletedExceptionally() && !session.join().isClosed();
    }

    /** Forgets a connection as soon as the container says it is going away or it closed, so the next request opens a new one. */
    private final class Forgetting implements Session.Listener {
        private final int port;
        private final CompletableFuture<Session> session;

        Forgetting(int port, CompletableFuture<Session> session) {
            this.port = port;
            this.session = session;
        }

        @Override
        public void onGoAway(Session closing, GoAwayFrame frame) {
            sessions.remove(port, session);
        }

        @Override
        public void onClose(Session closed, GoAwayFrame frame, Callback callback) {
            sessions.remove(port, session);
            callback.succeeded();
        }

        @Override
        public void onFailure(Session failed, Throwable failure, Callback callback) {
            sessions.remove(port, session);
            callback.succeeded();
        }
    }

    /** Closes every connection. */
    @Override
    public void close() {
        sessions.clear();
        try {
            client.stop();
        } catch (Exception e) {
            // closing the emulator: a connection that does not close cleanly changes nothing
        }
    }
}
