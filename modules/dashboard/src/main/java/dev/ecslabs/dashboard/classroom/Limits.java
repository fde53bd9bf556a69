package dev.ecslabs.dashboard.classroom;

/**
 * The classroom's bounds, shared by both sides: the classroom refuses what exceeds them, and the
 * learner's tool never sends it. They keep one room's memory, disk and attention bounded whoever
 * is on the network.
 */
public final class Limits {
    /** A learner's name, in characters after trimming. */
    public static final int NAME_LENGTH = 40;
    /** Results in one request; a learner back from a long time offline sends several. */
    public static final int EVENTS_PER_REQUEST = 100;
    /** One request's body: a full batch is about 10 KiB. */
    public static final int REQUEST_BYTES = 64 * 1024;
    /** Learners in one classroom: workshops have twenty to fifty. */
    public static final int LEARNERS = 500;
    /** Requests a learner may send per second, on average; the tool sends one at a time. */
    public static final double REQUESTS_PER_SECOND = 10;
    /** ... and in a burst. */
    public static final int REQUEST_BURST = 20;
    /** Join attempts per second from one address, on average, and in a burst (a room behind one NAT joins at once). */
    public static final double JOINS_PER_SECOND = 2;
    public static final int JOIN_BURST = 60;
    /**
     * New learners one address may add: a whole room behind one NAT at once, then two a minute. Joining
     * again (a tool that knows its secret) is not a new learner.
     */
    public static final int NEW_LEARNER_BURST = 50;
    public static final double NEW_LEARNERS_PER_SECOND = 2 / 60.0;
    /** How often an idle learner's tool tells the classroom it is still there. */
    public static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(30);
    /** Not heard from for this long, a learner shows as not connected: three heartbeats missed. */
    public static final java.time.Duration CONNECTED_WITHIN = HEARTBEAT.multipliedBy(3);
    /** Wrong join codes from one address before those (and only those) must slow down. */
    public static final int WRONG_CODE_BURST = 10;
    public static final double WRONG_CODES_PER_SECOND = 0.1;

    private Limits() {
    }
}
