package dev.ecslabs.dashboard.classroom.member;

import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox to the classroom on a thread of its own, so nothing the learner does waits for
 * the network: joins when not joined yet, then sends the oldest queued events, a batch at a time,
 * and drops them from the queue only once the classroom acknowledged them. When the classroom does
 * not answer it tries again, waiting longer each time up to a bound; it says so once, not at every
 * try.
 */
final class EventSender implements AutoCloseable {
    /** After a refusal that only the learner can fix (a wrong code, a name taken), try again this rarely. */
    private static final Duration AFTER_A_REFUSAL = Duration.ofSeconds(60);

    private final Outbox outbox;
    private final ClassroomClient client;
    private final PrintWriter out;
    private final ClassroomMember.Timings timings;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private Duration backoff;
    private boolean unreachableSaid;
    private String lastRefusal;
    private final java.util.function.Consumer<ClassroomClient.Joined> onJoined;
    private long lastAnswer = System.nanoTime();

    EventSender(Outbox outbox, ClassroomClient client, PrintWriter out, ClassroomMember.Timings timings,
                java.util.function.Consumer<ClassroomClient.Joined> onJoined) {
        this.onJoined = onJoined;
        this.outbox = outbox;
        this.client = client;
        this.out = out;
        this.timings = timings;
        this.backoff = timings.firstRetry();
        this.thread = new Thread(this::run, "classroom-sender");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (closing.getCount() > 0) {
            try {
                step();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a queue that could not be saved (a full disk): say it, and keep the learner's work going
                say("Sending to the classroom failed: " + e.getMessage() + ". Trying again.");
                try {
                    pause(timings.maxRetry());
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }
    }

    private void step() throws InterruptedException {
        try {
            if (!outbox.isJoined()) {
                ClassroomClient.Joined joined = client.join(outbox.name(), outbox.code(), outbox.secret());
                answered();
                say("Joined the classroom at " + outbox.classroom() + " as " + joined.name() + ": your exercise results "
                        + "(only which passed or failed, and when) are sent there as you work.");
                // the account is saved for every runner before the membership counts as joined, which start waits for
                onJoined.accept(joined);
                outbox.joined(joined.account(), joined.emulator().orElse(null), joined.through());
                return;
            }
            List<ResultEvent> batch = outbox.batch(Limits.EVENTS_PER_REQUEST);
            if (batch.isEmpty()) {
                // idle: say so now and then, which is how the classroom knows who is connected
                long idle = System.nanoTime() - lastAnswer;
                if (idle < timings.heartbeat().toNanos()) {
                    outbox.awaitWork(Duration.ofNanos(timings.heartbeat().toNanos() - idle));
                    return;
                }
            }
            ClassroomClient.Sent sent = client.send(outbox.code(), outbox.secret(), batch);
            outbox.acknowledge(sent.through());
            answered();
        } catch (ClassroomClient.Refused refused) {
            refused(refused);
        } catch (IOException e) {
            if (!unreachableSaid) {
                unreachableSaid = true;
                say("The classroom at " + outbox.classroom() + " does not answer (" + describe(e) + "). Carry on: your "
                        + "results wait in " + outbox.path() + " and are sent when it answers.");
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(timings.maxRetry()) > 0 ? timings.maxRetry() : backoff.multipliedBy(2);
        }
    }

    private void refused(ClassroomClient.Refused refused) throws InterruptedException {
        switch (refused.status()) {
            case 401 -> {
                say("The classroom does not know you any more (it was reset); joining again and sending all your results.");
                outbox.startOverAfterReset();
            }
            case 429, 503 -> pause(Duration.ofSeconds(Math.max(1, refused.retryAfterSeconds())));
            case 400, 413 -> {
                // a batch the classroom can never take; keeping it would block everything queued behind it
                List<ResultEvent> batch = outbox.batch(Limits.EVENTS_PER_REQUEST);
                say("The classroom refused " + batch.size() + " results: " + refused.getMessage() + " They are dropped.");
                if (!batch.isEmpty()) {
                    outbox.acknowledge(batch.get(batch.size() - 1).seq());
                }
            }
            default -> {
                if (!refused.getMessage().equals(lastRefusal)) {
                    lastRefusal = refused.getMessage();
                    say("The classroom said no: " + refused.getMessage() + " Your results stay queued; start again with "
                            + "./lab start --join … with what the instructor shows.");
                }
                pause(AFTER_A_REFUSAL);
            }
        }
    }

    private void answered() {
        lastAnswer = System.nanoTime();
        if (unreachableSaid) {
            say("The classroom answers again; your queued results are on their way.");
        }
        unreachableSaid = false;
        lastRefusal = null;
        backoff = timings.firstRetry();
    }

    private void pause(Duration duration) throws InterruptedException {
        if (closing.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("closing");
        }
    }

    private void say(String line) {
        out.println("Classroom: " + line);
        out.flush();
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        closing.countDown();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
