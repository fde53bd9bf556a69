package dev.ecslabs.dashboard.classroom.member;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.labkit.ProgressFile;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A learner in a classroom, from {@code ./lab start --join URL --name NAME --code CODE}: results
 * from the progress file go into an outbox on disk, and from there to the classroom, in the
 * background. Starting never waits for the classroom: it may be down, or not there yet.
 */
public final class ClassroomMember implements AutoCloseable {
    /**
     * How often the progress file is read, and how long to wait before trying an unanswering
     * classroom again (doubling from the first to the most).
     */
    public record Timings(Duration poll, Duration firstRetry, Duration maxRetry) {
        public static final Timings DEFAULT = new Timings(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    private final Outbox outbox;
    private final ProgressFeed feed;
    private final EventSender sender;

    private ClassroomMember(Outbox outbox, ProgressFeed feed, EventSender sender) {
        this.outbox = outbox;
        this.feed = feed;
        this.sender = sender;
    }

    /**
     * Joins (in the background) and starts sending.
     *
     * @param membership the file that keeps the membership and its queue ({@code .labs/classroom-membership.json})
     */
    public static ClassroomMember start(ProgressFile progress, Path membership, URI classroom, LearnerName name, String code,
                                        PrintWriter out, Timings timings) {
        Outbox outbox = Outbox.open(membership, classroom, name, code);
        outbox.replaced().ifPresent(note -> {
            out.println("Classroom: a new membership for " + classroom + " as " + name + "; " + note + ".");
            out.flush();
        });
        ProgressFeed feed = new ProgressFeed(progress, outbox, out, timings.poll());
        EventSender sender = new EventSender(outbox, new ClassroomClient(classroom), out, timings);
        return new ClassroomMember(outbox, feed, sender);
    }

    /** Reads the progress file now, then waits until the classroom acknowledged everything queued. */
    public boolean deliverAll(Duration timeout) throws InterruptedException {
        feed.readNow();
        return outbox.awaitDelivered(timeout);
    }

    /** Events this membership has made so far: each is delivered exactly once. */
    public long eventsMade() {
        return outbox.lastSeq();
    }

    /** Events on disk waiting for the classroom. */
    public int queued() {
        return outbox.pendingCount();
    }

    /** Reads the progress file now (the tests call it instead of waiting for the next look). */
    public void readProgressNow() {
        feed.readNow();
    }

    @Override
    public void close() {
        feed.close();
        sender.close();
    }
}
