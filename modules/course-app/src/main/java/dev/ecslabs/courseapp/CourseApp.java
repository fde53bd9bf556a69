package dev.ecslabs.courseapp;

import io.javalin.Javalin;
import java.security.Security;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The course's web app, deployed by the labs as a learner deploys an app on ECS. {@code GET /}
 * answers which task served it (read from the ECS task metadata endpoint) and, in the web tier,
 * what its backend answered; {@code GET /health} is for container health checks and load
 * balancers; {@code GET /ecr/repositories} makes the app's own AWS call (ECR DescribeRepositories
 * with the task role's credentials, see {@link EcrRepositories}) and answers its outcome. Settings come
 * from the environment, as a task definition gives them:
 * {@code PORT} (8080), {@code GREETING} ("hello"), {@code BACKEND_URL} (when set, this task is the
 * web tier and asks that service on every {@code /}, by its Service Connect alias or Cloud Map
 * name, for example {@code http://backend:8080}), or instead {@code BACKEND_DISCOVERY=<namespace>/<service>}
 * and {@code BACKEND_QUERY=KEY=VALUE,...} (the backend's instances found with Cloud Map's DiscoverInstances
 * and the task role, see {@link CloudMapInstances}). Every {@code /} has a request id (the caller's
 * {@code X-Request-Id}, else a new one), passed on to the backend and written in one log line, so
 * that one request can be followed through the tiers' logs (lab 11).
 */
public final class CourseApp {
    private final AppSettings settings;
    private final TaskMetadata metadata;
    private final BackendCalls backend;
    private final EcrRepositories repositories = new EcrRepositories();

    CourseApp(AppSettings settings) {
        this(settings, settings.discovery() == null ? null : new CloudMapInstances(settings.discovery()));
    }

    /** An app whose backend, when {@code settings} asks for Cloud Map discovery, is found by {@code discovered}. */
    CourseApp(AppSettings settings, BackendAddresses discovered) {
        this.settings = settings;
        this.metadata = new TaskMetadata(settings.metadataUri());
        this.backend = settings.backendUrl() != null ? new BackendCalls(BackendAddresses.fixed(settings.backendUrl()))
                : discovered != null ? new BackendCalls(discovered) : null;
    }

    public static void main(String[] args) {
        // The JVM caches a name's address for 30 s by default; a Cloud Map DNS name (orders.shop.local) must follow
        // its tasks as they are replaced, as AWS advises: https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/jvm-ttl-dns.html
        Security.setProperty("networkaddress.cache.ttl", "1");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        CourseApp courseApp = new CourseApp(settings);
        courseApp.warmUp();
        Javalin app = courseApp.start();
        // ECS stops a container with SIGTERM: finish the requests under way, then exit (143).
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "course-app-stop"));
    }

    /** Makes ready what the first requests would wait for (the backend's discovery client), before the app listens. */
    void warmUp() {
        if (backend != null) {
            backend.warmUp();
        }
    }

    /** Serves the app on {@code 0.0.0.0:PORT} (0: any free port) and answers the running server. */
    Javalin start() {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> {
                String requestId = RequestIds.of(ctx.header(RequestIds.HEADER));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("greeting", settings.greeting());
                answer.put("requestId", requestId);
                answer.put("task", metadata.task().orElse(null));
                System.out.println(RequestIds.logLine(requestId, settings.greeting(), metadata.task().map(t -> t.get("taskId")).orElse("-")));
                ctx.header(RequestIds.HEADER, requestId);
                if (backend != null) {
                    BackendCalls.Answer called = backend.get("/", requestId);
                    answer.put("backend", called.body());
                    ctx.status(called.ok() ? 200 : 502);
                }
                ctx.json(answer);
            });
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
            config.routes.get("/ecr/repositories", ctx -> {
                EcrRepositories.Outcome outcome = repositories.describe();
                if (outcome.status() >= 400) {
                    // the app's log says what failed, as a real app's would (and the awslogs driver keeps it)
                    System.err.println("ERROR ecr:DescribeRepositories failed: " + outcome.body());
                }
                ctx.status(outcome.status()).json(outcome.body());
            });
        });
        return app.start("0.0.0.0", settings.port());
    }
}
