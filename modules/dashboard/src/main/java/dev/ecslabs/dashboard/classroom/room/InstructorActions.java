package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.LearnerName;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The instructor's corrections to the grid's rows, from the page's form or from
 * {@code ./lab classroom rename|merge|remove} on the same machine: {@code POST /admin/rows} with
 * {@code action}, {@code name} and, to rename or merge, {@code other}. Only this machine's own pages
 * and tools reach it (the classroom checks the caller's address and, for a browser, the origin).
 */
final class InstructorActions {
    static final String PATH = "/admin/rows";
    private static final Duration SAVE_PATIENCE = Duration.ofSeconds(5);

    private final Roster roster;
    private final RoomSaver saver;

    InstructorActions(Roster roster, RoomSaver saver) {
        this.roster = roster;
        this.saver = saver;
    }

    void handle(Context ctx) {
        String said;
        int status = 200;
        try {
            said = apply(ctx.formParam("action"), ctx.formParam("name"), ctx.formParam("other"));
            saver.awaitSaved(SAVE_PATIENCE);
        } catch (IllegalArgumentException mistake) {
            said = mistake.getMessage();
            status = 400;
        }
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("application/json")) {
            ClassroomApi.json(ctx, status, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("message", said));
        } else {
            ctx.redirect("/?said=" + URLEncoder.encode(said, StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private String apply(String action, String name, String other) {
        if (action == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("Say what to do (rename, merge or remove) and with which row (its name).");
        }
        LearnerName row = LearnerName.of(name);
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "rename" -> {
                LearnerName to = LearnerName.of(required(other, "the new name"));
                roster.rename(row, to);
                yield "Renamed '" + row + "' to '" + to + "'.";
            }
            case "merge" -> {
                LearnerName into = LearnerName.of(required(other, "the row to merge into"));
                roster.merge(row, into);
                yield "Merged '" + row + "' into '" + into + "': both tools now write to '" + into + "'.";
            }
            case "remove" -> {
                roster.remove(row);
                yield "Removed '" + row + "'. If their tool still runs, it joins again as a new row.";
            }
            default -> throw new IllegalArgumentException("The action is rename, merge or remove, not '" + action + "'.");
        };
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Give " + what + ".");
        }
        return value;
    }
}
