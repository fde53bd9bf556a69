package dev.ecslabs.labkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An exercise that could not be checked because the backend's endpoint stopped answering (the
 * learner stopped {@code ./lab start}, the classroom's emulator went away): not the learner's
 * failure, so JUnit reports it aborted, and labkit records no result for it.
 */
public final class BackendUnreachable extends TestAbortedException {
    private static final int PROBE_MILLIS = 1000;

    BackendUnreachable(String sentence, Throwable cause) {
        super(sentence, cause);
    }

    /**
     * Whether {@code thrown} means the endpoint is gone: only on a backend reached by URL
     * ({@code labs.backend=endpoint}), only for a failure to reach something, and only when the
     * endpoint itself no longer takes a connection (a learner's own unreachable URL stays their failure).
     */
    static Optional<BackendUnreachable> explain(Throwable thrown) {
        if (thrown instanceof BackendUnreachable || LabSettings.backendKind() != Backend.Kind.ENDPOINT
                || LabSettings.endpoint().isEmpty() || !failedToConnect(thrown)) {
            return Optional.empty();
        }
        URI endpoint;
        try {
            endpoint = URI.create(LabSettings.endpoint().get().trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (answers(endpoint)) {
            return Optional.empty();
        }
        // the same sentence for every exercise, so that a runner can say it once for all of them
        return Optional.of(new BackendUnreachable("The course's endpoint " + endpoint + " stopped answering, so "
                + "this exercise was not checked and its last result is kept: start the course again with ./lab start "
                + "(or ask your instructor, if it is the classroom's emulator) and check again.", thrown));
    }

    private static boolean failedToConnect(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SdkClientException || t instanceof IOException || t instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    static boolean answers(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return true; // not a URL labkit can probe: leave the failure as it is
        }
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
