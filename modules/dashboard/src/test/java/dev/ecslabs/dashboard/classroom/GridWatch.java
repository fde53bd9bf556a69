package dev.ecslabs.dashboard.classroom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Waits for the classroom's grid to show something, the way its page does: it listens to the
 * classroom's events and reads the grid again on each {@code progress}; no sleeping, no polling.
 */
public final class GridWatch implements AutoCloseable {
    private final URI classroom;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Thread listener;
    private volatile Stream<String> lines;

    public GridWatch(URI classroom) throws Exception {
        this.classroom = classroom;
        HttpRequest request = HttpRequest.newBuilder(classroom.resolve("/events")).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        lines = response.body();
        listener = new Thread(() -> {
            try {
                lines.filter(line -> line.startsWith("event:")).forEach(events::add);
            } catch (RuntimeException closed) {
                // the stream ends when the watch or the classroom closes
            }
        }, "grid-watch");
        listener.setDaemon(true);
        listener.start();
        if (events.poll(30, TimeUnit.SECONDS) == null) {
            throw new AssertionError("The classroom's /events did not say hello");
        }
    }

    /** Waits until the grid satisfies {@code condition}; fails with the grid it last saw if it never does. */
    public Grid await(Predicate<Grid> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Grid grid = Grid.read(classroom);
        while (!condition.test(grid)) {
            long left = deadline - System.nanoTime();
            String event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for the grid to show " + what + "; it shows "
                        + grid.rows());
            }
            grid = Grid.read(classroom);
        }
        return grid;
    }

    @Override
    public void close() throws IOException {
        lines.close();
        listener.interrupt();
    }
}
