package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.logs.TaskLogsPage;
import dev.ecslabs.dashboard.resources.ResourcesView;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.dashboard.run.Workbench;
import dev.ecslabs.labkit.ExerciseId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The learner's dashboard: the course page, a page per lab (guide, exercises, hints, the Check
 * button with its output streamed live), the resources page, and {@code /events}, the stream that
 * keeps them all up to date. Server-rendered HTML and one small script; nothing to build.
 */
public final class Dashboard implements AutoCloseable {
    private final Workbench workbench;
    private final ResourcesView resources;
    private final LiveEvents events = new LiveEvents();
    private final CheckRuns checks;
    private final ProgressWatcher progress;
    private final GuideRenderer guides = new GuideRenderer();
    private final RequestGuard guard;
    private final CleanPage clean;
    private final Javalin app;
    private URI url;

    private Dashboard(Workbench workbench, ResourcesView resources, LabTarget runs, String host) {
        this.workbench = workbench;
        this.resources = resources;
        this.guard = new RequestGuard(host);
        this.clean = new CleanPage(resources);
        this.checks = new CheckRuns(workbench, runs, events);
        this.progress = new ProgressWatcher(workbench.course().progress().path(), events);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(guard::check);
            config.routes.get("/", ctx -> html(ctx, new CoursePage(workbench.status(), backend()).page()));
            config.routes.get("/fragments/course", ctx -> html(ctx, new CoursePage(workbench.status(), backend()).fragment()));
            config.routes.get("/labs/{lab}", ctx -> {
                LabFolder lab = lab(ctx);
                html(ctx, new LabPage(workbench.status(lab), hintsShown(), guides.render(lab), checks.running().isPresent(),
                        backend()).page());
            });
            config.routes.get("/labs/{lab}/exercises", ctx -> html(ctx, LabPage.fragment(workbench.status(lab(ctx)), hintsShown())));
            config.routes.post("/labs/{lab}/exercises/{exercise}/hint", this::hint);
            config.routes.get("/labs/{lab}/pictures/<picture>", this::picture);
            config.routes.post("/labs/{lab}/check", this::check);
            config.routes.get("/resources", ctx -> html(ctx, new ResourcesPage(backend(), resources.render()).page()));
            config.routes.get("/fragments/resources", ctx -> html(ctx, resources.render()));
            config.routes.get("/system", ctx -> html(ctx, new SystemPage(backend(), resources.renderSystem()).page()));
            config.routes.get("/fragments/system", ctx -> html(ctx, resources.renderSystem()));
            config.routes.get("/tasks/{task}/logs", ctx -> html(ctx, TaskLogsPage.read(resources.backend(), ctx.pathParam("task")).page()));
            config.routes.get("/fragments/tasks/{task}/logs", ctx -> html(ctx,
                    TaskLogsPage.read(resources.backend(), ctx.pathParam("task")).fragment()));
            config.routes.get(CleanPage.PATH, clean::confirm);
            config.routes.post(CleanPage.PATH, clean::clean);
            config.routes.get("/static/dashboard.css", ctx -> asset(ctx, "dashboard.css", "text/css"));
            config.routes.get("/static/dashboard.js", ctx -> asset(ctx, "dashboard.js", "text/javascript"));
            config.routes.sse("/events", events::add);
        });
    }

    /**
     * Starts the dashboard on {@code host:port} (0 for any free port); it closes the resources view when it stops.
     *
     * @param runs where the Check button's runs send their AWS calls: the backend the resources page shows
     */
    public static Dashboard start(Workbench workbench, ResourcesView resources, LabTarget runs, String host, int port) {
        Dashboard dashboard = new Dashboard(workbench, resources, runs, host);
        try {
            dashboard.app.start(host, port);
        } catch (RuntimeException e) {
            dashboard.close();
            throw e;
        }
        dashboard.url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + dashboard.app.port());
        return dashboard;
    }

    public URI url() {
        return url;
    }

    private String backend() {
        return resources.backend().describe();
    }

    /** Only the course's own labs, by their number or folder name; anything else is a 404. */
    private LabFolder lab(Context ctx) {
        return workbench.course().lab(ctx.pathParam("lab"))
                .orElseThrow(() -> new NotFoundResponse("There is no lab '" + ctx.pathParam("lab") + "' in this course."));
    }

    private void check(Context ctx) {
        LabFolder lab = lab(ctx);
        boolean started = checks.start(lab);
        boolean fromScript = "fetch".equals(ctx.header("X-Requested-With"));
        if (!fromScript) {
            // a plain form post (no script): go back to the lab's page, which shows the results
            ctx.redirect("/labs/" + lab.id(), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(started ? 202 : 409).contentType("application/json").result(started
                ? "{\"lab\":\"" + lab.id() + "\",\"status\":\"started\"}"
                : "{\"lab\":\"" + lab.id() + "\",\"status\":\"busy\",\"message\":\"A check is running already; "
                        + "this one starts when you press Check again after it.\"}");
    }

    /** Reveals the exercise's next hint level; the script gets the exercises' part of the page back, a plain form the page. */
    private void hint(Context ctx) {
        LabFolder lab = lab(ctx);
        Optional<ExerciseId> id;
        try {
            id = Optional.of(ExerciseId.parse(ctx.pathParam("exercise"))).filter(parsed -> parsed.lab().equals(lab.id()));
        } catch (IllegalArgumentException e) {
            id = Optional.empty();
        }
        ExerciseInfo exercise = id.flatMap(parsed -> workbench.exercises(lab).exercise(parsed))
                .orElseThrow(() -> new NotFoundResponse("Lab " + lab.id() + " has no exercise '" + ctx.pathParam("exercise") + "'."));
        workbench.course().hintsShown().reveal(exercise);
        if (!"fetch".equals(ctx.header("X-Requested-With"))) {
            ctx.redirect("/labs/" + lab.id() + "#exercise-" + exercise.id(), HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, LabPage.fragment(workbench.status(lab), hintsShown()));
    }

    private Map<String, Integer> hintsShown() {
        return workbench.course().hintsShown().all();
    }

    private void picture(Context ctx) throws IOException {
        LabFolder lab = lab(ctx);
        Path picture = LabPictures.find(lab, ctx.pathParam("picture"))
                .orElseThrow(() -> new NotFoundResponse("Lab " + lab.id() + " has no picture '" + ctx.pathParam("picture") + "'."));
        ctx.contentType(LabPictures.contentType(picture))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .result(Files.readAllBytes(picture));
    }

    /** Answers a page: HTML, never cached (it is live). The classroom's pages answer the same way. */
    public static void html(Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(html);
    }

    /** Answers one of the dashboard's own files (its stylesheet, its script); the classroom serves them too. */
    public static void asset(Context ctx, String name, String type) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new NotFoundResponse(name);
            }
            ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For the tests: how many pages listen to {@code /events} now. */
    int listeners() {
        return events.listeners();
    }

    @Override
    public void close() {
        events.close();
        app.stop();
        checks.close();
        progress.close();
        resources.close();
    }
}
