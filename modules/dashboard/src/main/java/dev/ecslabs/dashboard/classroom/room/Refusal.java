package dev.ecslabs.dashboard.classroom.room;

import java.util.OptionalLong;

/**
 * A request the classroom turns down, with the HTTP status and a sentence for the person at the
 * other end; the learner's tool prints that sentence. {@code retryAfterSeconds} is set when waiting
 * helps (too many requests, a save that did not finish).
 */
final class Refusal extends RuntimeException {
    private final int status;
    private final OptionalLong retryAfterSeconds;

    Refusal(int status, String message) {
        this(status, message, OptionalLong.empty());
    }

    Refusal(int status, String message, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static Refusal tooMany(String message, long retryAfterSeconds) {
        return new Refusal(429, message, OptionalLong.of(Math.max(1, retryAfterSeconds)));
    }

    int status() {
        return status;
    }

    OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
