package dev.ecslabs.dashboard.run;

import dev.ecslabs.emulator.protocol.SignedRequests;
import dev.ecslabs.labkit.LabSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While a lab check runs against the course's emulator under {@code ./lab start}, asks its clock to
 * jump over emulated waiting ({@code POST /_emulator/clock/jumps}), so the check waits no more real
 * time than on the in-process emulator; the dashboard, which a person watches, plays at its speed
 * again when the check ends. The ask is a lease, renewed every {@value #RENEW_SECONDS} s: a check that
 * dies leaves the clock jumping {@value #LEASE_SECONDS} s at most. Another endpoint (a classroom's
 * emulator, LocalStack) does not offer jumps: the first answer that is not 200 ends the asking.
 */
final class ClockJumps implements AutoCloseable {
    static final int LEASE_SECONDS = 15;
    static final int RENEW_SECONDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI jumps;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lab-clock-jumps");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean offered = true;

    private ClockJumps(URI endpoint) {
        this.jumps = endpoint.resolve("/_emulator/clock/jumps");
        renewals.scheduleWithFixedDelay(() -> ask(LEASE_SECONDS), 0, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    /** Asks for jumps while a run against {@code target} lasts: only an endpoint's clock can be asked. */
    static AutoCloseable during(LabTarget target) {
        return target.kind() == LabTarget.Kind.ENDPOINT ? new ClockJumps(target.endpoint().orElseThrow()) : () -> { };
    }

    private void ask(int seconds) {
        if (!offered) {
            return;
        }
        URI uri = URI.create(jumps + "?seconds=" + seconds);
        HttpRequest request = SignedRequests.signed("POST", uri, LabSettings.accessKeyId(), LabSettings.secretAccessKey(),
                LabSettings.region()).timeout(TIMEOUT).build();
        try {
            offered = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            offered = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops asking, and lets the clock play at its speed again at once. */
    @Override
    public void close() {
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ask(0);
    }
}
