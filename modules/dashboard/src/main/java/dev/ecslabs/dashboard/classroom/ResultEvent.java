package dev.ecslabs.dashboard.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.labkit.ExerciseResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One exercise result as a learner's tool sends it to the classroom: its number in the learner's
 * sequence (what makes delivery exactly once), the exercise, passed, failed or reset (the learner
 * put the lab's starter code back: the result is gone), when, and which runner ran it. Nothing else
 * crosses the network: no failure message, no code, no credentials.
 */
public record ResultEvent(long seq, String exercise, Outcome status, Instant at, String runner) {

    /** What happened to the exercise. */
    public enum Outcome { PASSED, FAILED, RESET }

    private static final Pattern EXERCISE = Pattern.compile("\\d{2}\\.\\d{1,3}");
    private static final Pattern RUNNER = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Set<String> FIELDS = Set.of("seq", "exercise", "status", "at", "runner");

    public ResultEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be 1 or more, not " + seq + ".");
        }
        if (exercise == null || !EXERCISE.matcher(exercise).matches()) {
            throw new IllegalArgumentException("An exercise id looks like 01.3, not '" + clip(exercise) + "'.");
        }
        if (status == null || at == null) {
            throw new IllegalArgumentException("A result needs its status (PASSED, FAILED or RESET) and its time.");
        }
        runner = runner == null || !RUNNER.matcher(runner).matches() ? "unknown" : runner;
    }

    public ResultEvent(long seq, String exercise, ExerciseResult.Status status, Instant at, String runner) {
        this(seq, exercise, status == null ? null : Outcome.valueOf(status.name()), at, runner);
    }

    /** The event for a result that is gone from the progress file ({@code ./lab reset}). */
    public static ResultEvent reset(long seq, String exercise, Instant at) {
        return new ResultEvent(seq, exercise, Outcome.RESET, at, "reset");
    }

    /** The event for a result from the progress file. */
    public static ResultEvent of(long seq, ExerciseResult result) {
        return new ResultEvent(seq, result.exercise(), result.status(), result.at(), result.runner());
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("seq", seq).put("exercise", exercise).put("status", status.name()).put("at", at.toString()).put("runner", runner);
        return json;
    }

    /** Reads an event that came over the network; anything else than the five fields is refused, not ignored. */
    public static ResultEvent fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Each event must be a JSON object.");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("An event holds only seq, exercise, status, at and runner; '"
                        + clip(name) + "' is not taken.");
            }
        }
        if (!json.path("seq").canConvertToLong() || !json.path("seq").isIntegralNumber()) {
            throw new IllegalArgumentException("An event's seq must be a whole number.");
        }
        Outcome status;
        try {
            status = Outcome.valueOf(json.path("status").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("An event's status is PASSED, FAILED or RESET, not '"
                    + clip(json.path("status").asText()) + "'.");
        }
        String at = json.path("at").asText();
        try {
            return new ResultEvent(json.path("seq").asLong(), json.path("exercise").asText(null), status,
                    Instant.parse(at.length() > 40 ? "too long" : at), json.path("runner").asText(null));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("An event's time looks like 2026-11-26T15:00:00Z, not '" + clip(at) + "'.");
        }
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
