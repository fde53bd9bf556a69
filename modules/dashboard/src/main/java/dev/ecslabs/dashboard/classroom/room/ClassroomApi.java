package dev.ecslabs.dashboard.classroom.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import dev.ecslabs.dashboard.classroom.LearnerSecret;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two calls a learner's tool makes: {@code POST /api/join} (the join code, a name, the tool's
 * secret) and {@code POST /api/events} (a batch of results, with the code and the secret). The
 * request never names the learner whose results it carries: the secret decides, so nobody can
 * write another learner's progress. Every refusal is a sentence the tool prints.
 */
final class ClassroomApi {
    static final String CODE_HEADER = "X-Classroom-Code";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SAVE_PATIENCE = Duration.ofSeconds(5);

    private final Roster roster;
    private final RoomSaver saver;
    private final String code;
    private final Optional<URI> emulator;
    private final JoinRefusals refusals;
    private final RateLimiter joins = new RateLimiter(Limits.JOINS_PER_SECOND, Limits.JOIN_BURST);
    private final RateLimiter newLearners = new RateLimiter(Limits.NEW_LEARNERS_PER_SECOND, Limits.NEW_LEARNER_BURST);
    private final RateLimiter wrongCodes = new RateLimiter(Limits.WRONG_CODES_PER_SECOND, Limits.WRONG_CODE_BURST);
    private final RateLimiter requests = new RateLimiter(Limits.REQUESTS_PER_SECOND, Limits.REQUEST_BURST);

    ClassroomApi(Roster roster, RoomSaver saver, String code, Optional<URI> emulator, JoinRefusals refusals) {
        this.roster = roster;
        this.saver = saver;
        this.code = code;
        this.emulator = emulator;
        this.refusals = refusals;
    }

    void join(Context ctx) {
        try {
            admit(ctx);
        } catch (Refusal refusal) {
            refusals.count(refusal.status());
            throw refusal;
        } catch (IllegalArgumentException mistake) {
            refusals.count(400);
            throw mistake;
        }
    }

    private void admit(Context ctx) {
        limit(joins, ctx.ip(), "Too many joins from your address; try again in a moment.");
        JsonNode body = body(ctx);
        checkJoinCode(ctx, body.path("code").asText(null));
        LearnerName name = LearnerName.of(body.path("name").asText(null));
        String secret = body.path("secret").asText("");
        if (!LearnerSecret.FORMAT.matcher(secret).matches()) {
            throw new IllegalArgumentException("A join carries the tool's secret: 43 characters of base64url.");
        }
        if (!roster.knows(secret)) {
            if (!roster.isFree(name)) {
                refusals.nameTaken(name);
            } else {
                // a room behind one address (a school's NAT) joins at once; a script adding learners by the dozen does not
                limit(newLearners, ctx.ip(), "Too many new learners from your address: the classroom takes "
                        + Limits.NEW_LEARNER_BURST + " at once, then one a minute. Try again in a minute.");
            }
        }
        Learner learner = roster.join(name, secret);
        saver.awaitSaved(SAVE_PATIENCE);
        ObjectNode answer = JSON.createObjectNode().put("name", learner.name().shown()).put("account", learner.account())
                .put("through", learner.through(Secrets.hash(secret)));
        emulator.ifPresent(url -> answer.put("emulator", url.toString()));
        json(ctx, 200, answer);
    }

    /**
     * A batch of results, or none: an empty batch is the tool saying it is still there. A learner who
     * joined is never slowed by others' wrong codes: their secret, which nobody can guess, says who they are.
     */
    void events(Context ctx) {
        String authorization = ctx.header("Authorization");
        String secret = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
        if (!LearnerSecret.FORMAT.matcher(secret).matches()) {
            throw new Refusal(401, "Results must carry your secret (Authorization: Bearer …), which ./lab start --join keeps for you.");
        }
        Learner learner = roster.bySecret(secret)
                .orElseThrow(() -> new Refusal(401, "This classroom does not know you (it may have been reset): join again."));
        if (!Secrets.codeMatches(code, ctx.header(CODE_HEADER))) {
            throw new Refusal(403, "The join code is not right: check the code on the classroom's screen.");
        }
        limit(requests, learner.secretHash(), "Too many requests; your tool slows down and sends the rest in a moment.");
        List<ResultEvent> events = events(body(ctx));
        Learner.Taken taken = roster.take(secret, events);
        if (!events.isEmpty()) {
            saver.awaitSaved(SAVE_PATIENCE);
        }
        json(ctx, 200, JSON.createObjectNode().put("through", taken.through()).put("applied", taken.applied())
                .put("duplicates", taken.duplicates()).put("ignored", taken.ignored()));
    }

    private static List<ResultEvent> events(JsonNode body) {
        JsonNode array = body.path("events");
        if (!array.isArray()) {
            throw new IllegalArgumentException("The body must hold {\"events\": [ … ]}.");
        }
        if (array.size() > Limits.EVENTS_PER_REQUEST) {
            throw new Refusal(413, "At most " + Limits.EVENTS_PER_REQUEST + " events per request, not " + array.size() + ".");
        }
        List<ResultEvent> events = new ArrayList<>(array.size());
        long previous = 0;
        for (JsonNode json : array) {
            ResultEvent event = ResultEvent.fromJson(json);
            if (event.seq() <= previous) {
                throw new IllegalArgumentException("Events must come in the order of their seq: " + event.seq()
                        + " came after " + previous + ".");
            }
            previous = event.seq();
            events.add(event);
        }
        return events;
    }

    /**
     * Only wrong codes are limited: past {@link Limits#WRONG_CODE_BURST} of them an address is told to
     * wait, while a right code still gets in (a learner behind the same NAT as a mistyping neighbour).
     * Guessing is bounded by the joins allowed per address, which makes it take years.
     */
    private void checkJoinCode(Context ctx, String given) {
        if (Secrets.codeMatches(code, given)) {
            return;
        }
        if (wrongCodes.take(ctx.ip()) > 0) {
            throw Refusal.tooMany("Too many wrong join codes from your address; wait a minute, then check the code "
                    + "on the classroom's screen.", 10);
        }
        throw new Refusal(403, given == null || given.isBlank()
                ? "The classroom needs its join code: --code, as the classroom's screen shows it."
                : "The join code is not right: check the code on the classroom's screen.");
    }

    private static void limit(RateLimiter limiter, String key, String message) {
        long wait = limiter.take(key);
        if (wait > 0) {
            throw Refusal.tooMany(message, wait);
        }
    }

    private static JsonNode body(Context ctx) {
        long length = ctx.contentLength();
        if (length > Limits.REQUEST_BYTES) {
            throw new Refusal(413, "A request may be at most " + Limits.REQUEST_BYTES / 1024 + " KiB.");
        }
        try {
            JsonNode json = JSON.readTree(ctx.bodyAsBytes());
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object.");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The body could not be read: " + e.getMessage());
        }
    }

    static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").header("Cache-Control", "no-store").result(body.toString());
    }

    /** Answers a refusal as JSON, with Retry-After when waiting helps. */
    static void refuse(Context ctx, int status, String message, java.util.OptionalLong retryAfter) {
        retryAfter.ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
        json(ctx, status, JSON.createObjectNode().put("message", message));
    }
}
