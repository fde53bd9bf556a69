package dev.ecslabs.emulator.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * One request sent as a new stream of an HTTP/2 connection to a container, and the container's
 * answer relayed to the client as it comes: its status and headers, its DATA as they arrive
 * (a gRPC server's stream of messages flows through), and its trailers (gRPC's
 * {@code grpc-status}) as trailers. The client's response is claimed only when the container's
 * headers arrive, so that until then the request can still go to another endpoint.
 */
public final class Http2Relay implements Stream.Listener {
    /** Headers about one connection: HTTP/2 forbids them (RFC 9113, 8.2.2), a proxy never passes them on. */
    public static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "http2-settings", "host");

    /** What became of the request. */
    public interface Outcome {
        /**
         * The container's headers came: the relay may write the client's response from now on, if
         * nothing else (the proxy's own answer after a timeout) has.
         */
        boolean claim();

        /**
         * No answer came; {@code refused}: the container cannot have acted on the request (the
         * connection was not opened or was closing, the stream was refused), so another may take it.
         */
        void unanswered(Throwable failure, boolean refused);

        /** The whole answer, trailers included, was relayed. */
        void answered();

        /** The answer broke after its headers were relayed. */
        void broken(Throwable failure);
    }

    private final Response response;
    private final Outcome outcome;
    private final HttpFields.Mutable trailers = HttpFields.build();
    /** Whether the outcome was told, or the proxy gave up on the request: once only. */
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile Stream stream;
    private volatile boolean claimed;

    private Http2Relay(Response response, Outcome outcome) {
        this.response = response;
        this.outcome = outcome;
    }

    /** Sends the request (its body read whole, its trailers if any) on a new stream of {@code session}. */
    public static Http2Relay send(Session session, MetaData.Request request, byte[] body, HttpFields requestTrailers,
                                  Response response, Outcome outcome) {
        Http2Relay relay = new Http2Relay(response, outcome);
        boolean noContent = body.length == 0 && requestTrailers == null;
        session.newStream(new HeadersFrame(request, null, noContent), new Promise<>() {
            @Override
            public void succeeded(Stream opened) {
                relay.stream = opened;
                if (!noContent) {
                    relay.sendContent(opened, body, requestTrailers);
                }
            }

            @Override
            public void failed(Throwable failure) {
                relay.unanswered(failure, true); // the connection was closing: the container never saw the stream
            }
        }, relay);
        return relay;
    }

    private void sendContent(Stream opened, byte[] body, HttpFields requestTrailers) {
        Runnable sendTrailers = () -> {
            if (requestTrailers != null) {
                opened.headers(new HeadersFrame(opened.getId(), new MetaData(HttpVersion.HTTP_2, requestTrailers), null, true),
                        Callback.from(() -> { }, failure -> unanswered(failure, false)));
            }
        };
        if (body.length == 0) {
            sendTrailers.run();
            return;
        }
        opened.data(new DataFrame(opened.getId(), ByteBuffer.wrap(body), requestTrailers == null),
                Callback.from(sendTrailers, failure -> unanswered(failure, false)));
    }

    /** Gives up on the request (the per-request timeout): the container's stream is cancelled. */
    public void cancel() {
        over.set(true);
        reset();
    }

    private void reset() {
        Stream current = stream;
        if (current != null) {
            current.reset(new ResetFrame(current.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
        }
    }

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
        MetaData metaData = frame.getMetaData();
        if (metaData instanceof MetaData.Response answer) {
            if (answer.getStatus() >= 100 && answer.getStatus() < 200) {
                stream.demand(); // an interim answer: the final one follows
                return;
            }
            if (over.get() || !outcome.claim()) {
                cancel();
                return;
            }
            claimed = true;
            response.setStatus(answer.getStatus());
            copy(answer.getHttpFields(), response.getHeaders());
            response.setTrailersSupplier(() -> trailers); // sent only if the container's trailers are not empty
            // The headers go to the client now: a gRPC client waits for them before a streamed answer's first message.
            response.write(frame.isEndStream(), BufferUtil.EMPTY_BUFFER, next(frame.isEndStream(), stream));
        } else if (claimed) {
            // Jetty tells the trailers at once, before DATA frames still queued; then it queues the end of the stream,
            // whose read (below) writes the last frame to the client: Jetty adds these trailers to it.
            copy(metaData.getHttpFields(), trailers);
        }
    }

    @Override
    public void onDataAvailable(Stream stream) {
        Stream.Data data = stream.readData();
        if (data == null) {
            stream.demand();
            return;
        }
        DataFrame frame = data.frame();
        boolean last = frame.isEndStream();
        if (!claimed) {
            data.release();
            return; // an answer without headers: the container broke HTTP/2, and the stream is reset
        }
        response.write(last, frame.getByteBuffer(), Callback.from(data::release, next(last, stream)));
    }

    /** After a write to the client: the next frame of the container's answer, or the end. */
    private Callback next(boolean last, Stream stream) {
        return Callback.from(() -> {
            if (last) {
                finish(outcome::answered);
            } else {
                stream.demand();
            }
        }, failure -> {
            finish(() -> outcome.broken(failure)); // the client went away: so does the request
            reset();
        });
    }

    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
        callback.succeeded();
        failed(new IOException("the container reset the stream: " + ErrorCode.toString(frame.getError(), "error " + frame.getError())),
                frame.getError() == ErrorCode.REFUSED_STREAM_ERROR.code);
    }

    @Override
    public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
        callback.succeeded();
        failed(failure != null ? failure : new IOException(reason), error == ErrorCode.REFUSED_STREAM_ERROR.code);
    }

    @Override
    public void onIdleTimeout(Stream stream, TimeoutException timeout, Promise<Boolean> promise) {
        promise.succeeded(true);
        failed(timeout, false);
    }

    private void failed(Throwable failure, boolean refused) {
        if (claimed) {
            finish(() -> outcome.broken(failure));
        } else {
            unanswered(failure, refused);
        }
    }

    private void unanswered(Throwable failure, boolean refused) {
        finish(() -> outcome.unanswered(failure, refused));
    }

    private void finish(Runnable report) {
        if (over.compareAndSet(false, true)) {
            report.run();
        }
    }

    /** Copies headers but those about one connection (and a {@code te} other than {@code trailers}, which gRPC sends). */
    public static void copy(HttpFields from, HttpFields.Mutable to) {
        for (HttpField field : from) {
            String name = field.getLowerCaseName();
            if (CONNECTION_SPECIFIC.contains(name)) {
                continue;
            }
            if (name.equals("te") && !field.getValue().toLowerCase(Locale.ROOT).contains("trailers")) {
                continue;
            }
            to.add(name.equals("te") ? new HttpField("te", "trailers") : field);
        }
    }
}
