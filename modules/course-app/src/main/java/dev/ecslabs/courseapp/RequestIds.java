package dev.ecslabs.courseapp;

import java.util.UUID;
import java.util.regex.Pattern;

/** The id that follows one request through the tiers: the caller's {@code X-Request-Id}, or a new one. */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    /** What a caller may send as an id: short and plain, so that it can be searched for in the logs as it is. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The caller's id when it is plain, else a new random one (a log line must not carry what a caller injects). */
    static String of(String given) {
        return given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The one line each tier writes for a request: {@code request-id=<id> app=<greeting> task=<task id>}. */
    static String logLine(String requestId, String app, String taskId) {
        return "request-id=" + requestId + " app=" + app + " task=" + taskId;
    }
}
