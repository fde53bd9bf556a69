package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.web.Dashboard;
import dev.ecslabs.dashboard.web.LiveEvents;
import dev.ecslabs.dashboard.web.RequestGuard;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The instructor's classroom: a Javalin server with the grid page (live, through the dashboard's
 * own events and script), the learners' API, and the room's saved state in its data folder. Open
 * it with {@link #open}; learners join with {@code ./lab start --join}.
 */
public final class Classroom implements AutoCloseable {
    /** How often the pages are told that something changed, at most: fifty learners must not flood a projector. */
    private static final long TELL_PAGES_EVERY_MILLIS = 250;

    /**
     * How to open a classroom.
     *
     * @param code          the join code to use; empty keeps the saved one, or makes a new one
     * @param emulator      the room's shared emulator as learners reach it, if there is one
     * @param pageOnNetwork whether other machines may open the classroom's page (it shows the join code), not only this one
     */
    public record Settings(String host, int port, Path dataDirectory, Optional<String> code, CourseOutline course,
                           Optional<URI> emulator, boolean pageOnNetwork, Clock clock) {
    }

    private final Settings settings;
    private final RoomFile file;
    private final String code;
    private final Roster roster;
    private final RoomSaver saver;
    private final GridPage grid;
    private final LiveEvents events = new LiveEvents();
    private final ScheduledExecutorService teller;
    private final Javalin app;
    private final int restored;
    private URI url;

    private Classroom(Settings settings) throws IOException {
        this.settings = settings;
        this.file = new RoomFile(settings.dataDirectory());
        Optional<RoomFile.Saved> saved = file.read();
        this.code = settings.code().map(Secrets::checkJoinCode)
                .orElseGet(() -> saved.map(RoomFile.Saved::code).orElseGet(Secrets::newJoinCode));
        List<Learner> learners = saved.map(RoomFile.Saved::learners).orElse(List.of());
        this.restored = learners.size();
        this.roster = new Roster(settings.course().exerciseIds(), settings.clock(), learners);
        this.saver = new RoomSaver(roster, file, code);
        this.grid = new GridPage(settings.course());
        JoinRefusals refusals = new JoinRefusals(settings.clock());
        ClassroomApi api = new ClassroomApi(roster, saver, code, settings.emulator(), refusals);
        InstructorActions actions = new InstructorActions(roster, saver);
        RequestGuard pages = new RequestGuard(settings.host());
        boolean wildcard = settings.host().equals("0.0.0.0") || settings.host().equals("::") || settings.host().equals("[::]");
        ThisMachine machine = new ThisMachine(wildcard ? Set.of() : Set.of(settings.host()));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Limits.REQUEST_BYTES;
            config.routes.before(ctx -> {
                // a DNS name someone pointed at this machine is not this machine (DNS rebinding), whatever it listens on
                String host = ctx.header("Host");
                if (host == null || !machine.isOwnName(host)) {
                    throw new ForbiddenResponse("The classroom answers to this machine's own names and addresses ("
                            + machine.describe() + "), not to '" + host + "'. Use the URL the classroom printed.");
                }
                if (ctx.path().startsWith("/api/")) {
                    pages.checkHost(ctx);
                    ApiGuard.check(ctx);
                    return;
                }
                pages.check(ctx);
                boolean fromThisMachine = machine.isOwnAddress(ctx.ip());
                if (ctx.path().startsWith("/admin/") && !fromThisMachine) {
                    throw new ForbiddenResponse("The classroom's rows are changed on the instructor's machine only.");
                }
                if (!settings.pageOnNetwork() && !fromThisMachine) {
                    throw new ForbiddenResponse("The classroom's page opens on the instructor's machine only, since it "
                            + "shows the join code. To show it on other machines too, start with ./lab classroom "
                            + "--page-on-network.");
                }
            });
            config.routes.get("/", ctx -> Dashboard.html(ctx, grid.page(code, joinUrl(), settings.emulator(),
                    roster.learners(), refusals.counts(), settings.clock().instant(),
                    GridPage.Order.of(ctx.queryParam("sort")), ctx.queryParam("said"))));
            config.routes.get("/fragments/grid", ctx -> Dashboard.html(ctx, grid.fragment(roster.learners(),
                    refusals.counts(), settings.clock().instant(), GridPage.Order.of(ctx.queryParam("sort")))));
            config.routes.post("/api/join", api::join);
            config.routes.post("/api/events", api::events);
            config.routes.post(InstructorActions.PATH, actions::handle);
            config.routes.sse("/events", events::add);
            config.routes.get("/static/dashboard.css", ctx -> Dashboard.asset(ctx, "dashboard.css", "text/css"));
            config.routes.get("/static/dashboard.js", ctx -> Dashboard.asset(ctx, "dashboard.js", "text/javascript"));
            config.routes.get("/static/classroom.css", Classroom::stylesheet);
            config.routes.exception(Refusal.class, (e, ctx) ->
                    ClassroomApi.refuse(ctx, e.status(), e.getMessage(), e.retryAfterSeconds()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                    ClassroomApi.refuse(ctx, 400, e.getMessage(), java.util.OptionalLong.empty()));
        });
        this.teller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "classroom-live");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the classroom: reads its saved state (learners, results, code) and starts serving. */
    public static Classroom open(Settings settings) throws IOException {
        Classroom classroom = new Classroom(settings);
        try {
            classroom.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            classroom.close();
            throw e;
        }
        classroom.url = URI.create("http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host())
                + ":" + classroom.app.port());
        classroom.tellPagesOfChanges();
        return classroom;
    }

    private void tellPagesOfChanges() {
        long[] told = {roster.version()};
        teller.scheduleWithFixedDelay(() -> {
            long now = roster.version();
            if (now != told[0]) {
                told[0] = now;
                events.broadcast("progress", Map.of());
            }
        }, TELL_PAGES_EVERY_MILLIS, TELL_PAGES_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Where this server listens. */
    public URI url() {
        return url;
    }

    /** The URL learners join with: this machine's address on the room's network when listening on every address. */
    public URI joinUrl() {
        return LanAddresses.advertised(settings.host(), app.port());
    }

    public String code() {
        return code;
    }

    /** How many learners were read back from the saved state when it opened. */
    public int restoredLearners() {
        return restored;
    }

    public Path stateFile() {
        return file.path();
    }

    private static void stylesheet(Context ctx) {
        try (InputStream in = Classroom.class.getResourceAsStream("classroom.css")) {
            ctx.contentType("text/css; charset=utf-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops serving, then saves what is left. */
    @Override
    public void close() {
        teller.shutdownNow();
        events.close();
        app.stop();
        saver.close();
    }
}
