package dev.ecslabs.dashboard.classroom.member;

import dev.ecslabs.emulator.state.AtomicFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The learner's side of a classroom, kept on disk in one file ({@code .labs/classroom-membership.json}):
 * who they are in it (name, secret, account), the results already queued (so each is queued once),
 * and the events not yet acknowledged. Every change is written whole and moved into place before it
 * counts, so a crash or a closed laptop loses nothing and sends nothing twice: the classroom ignores
 * an event number it has taken before.
 */
final class Outbox {
    static final String FORMAT = "ecs-labs-classroom-membership/1";
    /** What {@link #seen} holds for a result that was queued as reset. */
    private static final String RESET = "RESET";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final URI classroom;
    private final LearnerName name;
    private final String code;
    private String secret;
    private boolean joined;
    private String account;
    private String emulator;
    private long nextSeq;
    private final Map<String, String> seen = new TreeMap<>();
    private final List<ResultEvent> pending = new ArrayList<>();
    private final String replaced;

    private Outbox(Path file, URI classroom, LearnerName name, String code, String replaced) {
        this.file = file;
        this.classroom = classroom;
        this.name = name;
        this.code = code;
        this.replaced = replaced;
        startOver();
    }

    /**
     * The membership in this classroom under this name, as saved; a new one when the file names
     * another classroom or name (the new classroom then gets every result from the start).
     */
    static Outbox open(Path file, URI classroom, LearnerName name, String code) {
        try {
            if (Files.exists(file)) {
                JsonNode json = JSON.readTree(file.toFile());
                if (json != null && FORMAT.equals(json.path("format").asText())) {
                    // the classroom is its join code, whatever URL reaches it (localhost, 127.0.0.1, a new address
                    // after the Wi-Fi dropped): a new URL keeps the learner's secret, and so their name and row
                    if (sameClassroom(json, classroom, code) && LearnerName.of(json.path("name").asText("?")).key().equals(name.key())) {
                        Outbox restored = restore(file, classroom, name, code, json);
                        if (!json.path("classroom").asText().equals(classroom.toString())) {
                            restored.save();
                        }
                        return restored;
                    }
                    Outbox fresh = new Outbox(file, classroom, name, code, json.path("pending").size() == 0 ? null
                            : json.path("pending").size() + " results not yet delivered to " + json.path("classroom").asText()
                                    + " as " + json.path("name").asText() + " are left behind");
                    fresh.save();
                    return fresh;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // as the progress file does: a file that can't be read is kept aside, never silently dropped
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException("Cannot read " + file + " (" + e.getMessage() + "), nor move it aside: "
                        + moveFailed.getMessage() + ". Delete it to join afresh.", moveFailed);
            }
            Outbox fresh = new Outbox(file, classroom, name, code, "the classroom file could not be read (" + e.getMessage()
                    + ") and is kept as " + aside + "; every result is sent again");
            fresh.save();
            return fresh;
        }
        Outbox fresh = new Outbox(file, classroom, name, code, null);
        fresh.save();
        return fresh;
    }

    /**
     * Whether a saved membership is in the classroom with this code; a file from before codes were
     * kept is matched by its URL, as it was then.
     */
    private static boolean sameClassroom(JsonNode json, URI classroom, String code) {
        if (!json.hasNonNull("code")) {
            return json.path("classroom").asText().equals(classroom.toString());
        }
        return json.path("code").asText().equalsIgnoreCase(code.trim());
    }

    private static Outbox restore(Path file, URI classroom, LearnerName name, String code, JsonNode json) {
        Outbox outbox = new Outbox(file, classroom, name, code, null);
        outbox.secret = json.path("secret").asText();
        outbox.joined = json.path("joined").asBoolean();
        outbox.account = json.path("account").asText(null);
        outbox.emulator = json.path("emulator").asText(null);
        outbox.nextSeq = json.path("nextSeq").asLong(1);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("seen").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            outbox.seen.put(entry.getKey(), entry.getValue().asText());
        }
        for (JsonNode event : json.path("pending")) {
            outbox.pending.add(ResultEvent.fromJson(event));
        }
        return outbox;
    }

    /**
     * Queues every result that changed since it was last queued, and a reset for every result that
     * is gone ({@code ./lab reset} forgets a lab's results): answers how many events that made.
     */
    synchronized int enqueueChanges(Map<String, ExerciseResult> results) {
        List<ExerciseResult> changed = results.values().stream()
                .filter(result -> !stamp(result).equals(seen.get(result.exercise())))
                .sorted(Comparator.comparing(ExerciseResult::at).thenComparing(ExerciseResult::exercise))
                .toList();
        List<String> gone = seen.entrySet().stream()
                .filter(entry -> !results.containsKey(entry.getKey()) && !RESET.equals(entry.getValue()))
                .map(Map.Entry::getKey).toList();
        if (changed.isEmpty() && gone.isEmpty()) {
            return 0;
        }
        java.time.Instant now = java.time.Instant.now();
        for (String exercise : gone) {
            pending.add(ResultEvent.reset(nextSeq++, exercise, now));
            seen.put(exercise, RESET);
        }
        for (ExerciseResult result : changed) {
            pending.add(ResultEvent.of(nextSeq++, result));
            seen.put(result.exercise(), stamp(result));
        }
        save();
        notifyAll();
        return gone.size() + changed.size();
    }

    /** The oldest events not acknowledged yet, at most {@code max}. */
    synchronized List<ResultEvent> batch(int max) {
        return List.copyOf(pending.subList(0, Math.min(max, pending.size())));
    }

    /** The classroom has every event up to {@code through}: they leave the queue. */
    synchronized void acknowledge(long through) {
        if (pending.removeIf(event -> event.seq() <= through)) {
            save();
        }
        notifyAll();
    }

    synchronized void joined(String account, String emulator, long through) {
        this.joined = true;
        this.account = account;
        this.emulator = emulator;
        pending.removeIf(event -> event.seq() <= through);
        save();
        notifyAll();
    }

    /** The classroom forgot this learner (it was reset): join again with a new secret, and queue everything again. */
    synchronized void startOverAfterReset() {
        startOver();
        save();
        notifyAll();
    }

    private void startOver() {
        secret = LearnerSecret.create();
        joined = false;
        account = null;
        emulator = null;
        nextSeq = 1;
        seen.clear();
        pending.clear();
    }

    /** Waits until there is something to do (an event queued) or the time is up. */
    synchronized void awaitWork(Duration atMost) throws InterruptedException {
        if (pending.isEmpty()) {
            wait(Math.max(1, atMost.toMillis()));
        }
    }

    /** Waits until every queued event is acknowledged; answers whether that happened in time. */
    synchronized boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits until joined or the time is up; answers whether joined. */
    synchronized boolean awaitJoined(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!joined) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized boolean isJoined() {
        return joined;
    }

    synchronized String secret() {
        return secret;
    }

    synchronized Optional<String> account() {
        return Optional.ofNullable(account);
    }

    synchronized Optional<String> emulator() {
        return Optional.ofNullable(emulator);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** The number of the last event queued: how many events this membership has made. */
    synchronized long lastSeq() {
        return nextSeq - 1;
    }

    URI classroom() {
        return classroom;
    }

    LearnerName name() {
        return name;
    }

    String code() {
        return code;
    }

    Path path() {
        return file;
    }

    /** What opening this membership left behind, to say so. */
    Optional<String> replaced() {
        return Optional.ofNullable(replaced);
    }

    private static String stamp(ExerciseResult result) {
        return result.status() + "@" + result.at();
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("classroom", classroom.toString())
                .put("name", name.shown()).put("code", code).put("secret", secret).put("joined", joined).put("nextSeq", nextSeq);
        if (account != null) {
            root.put("account", account);
        }
        if (emulator != null) {
            root.put("emulator", emulator);
        }
        ObjectNode seenJson = root.putObject("seen");
        seen.forEach(seenJson::put);
        ArrayNode pendingJson = root.putArray("pending");
        pending.forEach(event -> pendingJson.add(event.toJson()));
        try {
            AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the classroom's queue in " + file + ": " + e.getMessage(), e);
        }
    }
}
