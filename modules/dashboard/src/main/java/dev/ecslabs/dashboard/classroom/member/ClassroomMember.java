package dev.ecslabs.dashboard.classroom.member;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.labkit.ProgressFile;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
    public record Timings(Duration poll, Duration firstRetry, Duration maxRetry, Duration heartbeat) {
        public static final Timings DEFAULT = new Timings(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(5));

        /** With the classroom's heartbeat: an idle tool says it is still there every {@link Limits#HEARTBEAT}. */
        public Timings(Duration poll, Duration firstRetry, Duration maxRetry) {
            this(poll, firstRetry, maxRetry, Limits.HEARTBEAT);
        }
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
        return start(progress, membership, classroom, name, code, out, timings, null);
    }

    /**
     * Joins and starts sending, and saves the learner's account on the room's shared emulator (when
     * it has one) in the course's settings at {@code courseRoot}, which every runner reads.
     */
    public static ClassroomMember start(ProgressFile progress, Path membership, URI classroom, LearnerName name, String code,
                                        PrintWriter out, Timings timings, Path courseRoot) {
        Outbox outbox = Outbox.open(membership, classroom, name, code);
        RoomAccount account = new RoomAccount(courseRoot, out);
        if (outbox.replaced().isPresent() || !outbox.isJoined()) {
            account.forget();
        } else {
            account.save(outbox.account(), outbox.emulator(), false);
        }
        outbox.replaced().ifPresent(note -> {
            out.println("Classroom: a new membership for " + classroom + " as " + name + "; " + note + ".");
            out.flush();
        });
        ProgressFeed feed = new ProgressFeed(progress, outbox, out, timings.poll());
        EventSender sender = new EventSender(outbox, new ClassroomClient(classroom), out, timings,
                joined -> account.save(Optional.of(joined.account()), joined.emulator(), true));
        return new ClassroomMember(outbox, feed, sender);
    }

    /** Reads the progress file now, then waits until the classroom acknowledged everything queued. */
    public boolean deliverAll(Duration timeout) throws InterruptedException {
        feed.readNow();
        return outbox.awaitDelivered(timeout);
    }

    /** Waits until the classroom answered the join (at once when it had before); answers whether it did. */
    public boolean awaitJoined(Duration timeout) throws InterruptedException {
        return outbox.awaitJoined(timeout);
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
