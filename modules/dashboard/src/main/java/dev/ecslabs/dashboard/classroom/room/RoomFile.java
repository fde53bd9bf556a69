package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.emulator.state.AtomicFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The classroom's own file, {@code room.json} in its data folder: the join code and every learner
 * with their results. Written whole to a temporary file and moved into place, so a restart (or a
 * crash) finds the last complete version, never half of one.
 */
final class RoomFile {
    static final String FORMAT = "ecs-labs-classroom/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the file holds. */
    record Saved(String code, List<Learner> learners) {
    }

    private final Path file;

    RoomFile(Path directory) {
        this.file = directory.resolve("room.json");
    }

    Path path() {
        return file;
    }

    Optional<Saved> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("The classroom's file " + file + " cannot be read (" + e.getMessage()
                    + "). Move it aside to open a new classroom, or put back a good copy.", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("The file " + file + " is not a classroom's file (" + FORMAT + ").");
        }
        List<Learner> learners = new ArrayList<>();
        for (JsonNode json : root.path("learners")) {
            Map<String, Mark> results = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.path("results").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                results.put(entry.getKey(), new Mark(ExerciseResult.Status.valueOf(entry.getValue().path("status").asText()),
                        Instant.parse(entry.getValue().path("at").asText()), entry.getValue().path("failures").asInt(0)));
            }
            Map<String, Long> merged = new TreeMap<>();
            json.path("mergedSecretsSha256").fields().forEachRemaining(entry -> merged.put(entry.getKey(), entry.getValue().asLong()));
            learners.add(new Learner(new LearnerName(json.path("name").asText()), json.path("secretSha256").asText(),
                    json.path("account").asText(), Instant.parse(json.path("joined").asText()), json.path("through").asLong(),
                    json.path("received").asLong(), Instant.parse(json.path("lastSeen").asText()),
                    json.hasNonNull("lastProgress") ? Instant.parse(json.get("lastProgress").asText()) : null, results, merged));
        }
        return Optional.of(new Saved(root.path("code").asText(), learners));
    }

    void write(String code, List<Learner> learners) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("code", code);
        ArrayNode array = root.putArray("learners");
        for (Learner learner : learners) {
            ObjectNode json = array.addObject().put("name", learner.name().shown()).put("secretSha256", learner.secretHash())
                    .put("account", learner.account()).put("joined", learner.joined().toString())
                    .put("through", learner.through()).put("received", learner.received())
                    .put("lastSeen", learner.lastSeen().toString());
            if (learner.lastProgress() != null) {
                json.put("lastProgress", learner.lastProgress().toString());
            }
            ObjectNode results = json.putObject("results");
            learner.results().forEach((exercise, mark) ->
                    results.putObject(exercise).put("status", mark.status().name()).put("at", mark.at().toString())
                            .put("failures", mark.failures()));
            if (!learner.merged().isEmpty()) {
                ObjectNode merged = json.putObject("mergedSecretsSha256");
                learner.merged().forEach(merged::put);
            }
        }
        AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
