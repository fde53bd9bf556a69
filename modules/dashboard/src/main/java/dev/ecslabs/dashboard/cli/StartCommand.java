package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.classroom.ClassroomJoin;
import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.resources.ResourcesView;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.dashboard.run.Workbench;
import dev.ecslabs.dashboard.web.Dashboard;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.LabSettings;
import dev.ecslabs.labkit.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab start}: the course's emulator (port 4566, Cloud Map's DNS on 5353) and the dashboard
 * (port 7070), all on this machine only unless {@code --host} says otherwise, until Ctrl-C; with
 * {@code --backend aws} the dashboard alone, on the learner's AWS account, after their typed yes. While it runs, the other
 * lab commands and the dashboard's Check button send their runs to its endpoint.
 */
@Command(name = "start", description = "Start the course's AWS emulator (ECS, ECR, Cloud Map) and the dashboard, "
        + "and keep them running until Ctrl-C. Your resources are kept across restarts.")
public final class StartCommand implements Callable<Integer> {

    /** Where Cloud Map's DNS server answers by default: the port of multicast DNS, which dig and resolvers know how to ask. */
    static final int DEFAULT_DNS_PORT = 5353;

    /** How long starting waits for a classroom's answer to a join before going on without it. */
    private static final java.time.Duration JOIN_PATIENCE = java.time.Duration.ofSeconds(3);

    /** The backends {@code --backend} may name. */
    enum BackendChoice { embedded, localstack, endpoint, aws }

    @Option(names = "--port", description = "The emulator's port (default: ${DEFAULT-VALUE}).")
    int port = Emulator.DEFAULT_PORT;

    @Option(names = "--dashboard-port", description = "The dashboard's port (default: ${DEFAULT-VALUE}).")
    int dashboardPort = 7070;

    @Option(names = "--host", description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). "
            + "0.0.0.0 shows the dashboard to your network, for a classroom's projector.")
    String host = Emulator.DEFAULT_HOST;

    @Option(names = "--backend", description = "Where the dashboard and the lab runs go: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}, the course's emulator).")
    BackendChoice backend = BackendChoice.embedded;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The endpoint's URL, with --backend endpoint.")
    String endpoint;

    @Option(names = "--dns-port", description = "The UDP and TCP port of the DNS server for Cloud Map's DNS namespaces "
            + "(default: ${DEFAULT-VALUE}; 0 for any free port, -1 for none). When it is taken, the course starts without DNS.")
    int dnsPort = DEFAULT_DNS_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the emulator keeps your resources (default: .labs/emulator).")
    Path dataDirectory;

    @Option(names = "--join", paramLabel = "URL", description = "Join the classroom at this URL (the instructor's "
            + "./lab classroom shows it): your exercise results, and nothing else, are sent there as you work.")
    URI join;

    @Option(names = "--name", description = "Your name in the classroom, with --join.")
    String name;

    @Option(names = "--code", description = "The classroom's join code, with --join.")
    String code;

    @Spec
    CommandSpec spec;

    /** Where the typed confirmation of {@code --backend aws} is read from. */
    InputStream in = System.in;

    /** Counted down once the course is up. */
    final CountDownLatch started = new CountDownLatch(1);

    /** Counted down to stop a started course (tests use it; Ctrl-C stops the JVM instead). */
    final CountDownLatch stop = new CountDownLatch(1);

    /** What was started, to close in reverse order; guarded by itself. */
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Course course = Course.current();
        Optional<ClassroomJoin> classroom = ClassroomJoin.of(join, name, code);
        if (classroom.isEmpty()) {
            ClassroomJoin.leave(course, out);
        }
        boolean backendGiven = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--backend");
        // joining starts first, in the background, and holds the course up for a moment at most: a classroom
        // that answers at once tells whether the room has a shared emulator, and the learner's account on it
        Optional<AutoCloseable> member = classroom.map(joining -> joining.start(course, out));
        member.ifPresent(this::remember);
        member.ifPresent(joined -> ClassroomJoin.awaitJoined(joined, JOIN_PATIENCE));
        Optional<URI> roomEmulator = backendGiven ? Optional.empty()
                : classroom.flatMap(joining -> joining.sharedEmulatorJoinedBefore(course));
        if (roomEmulator.isPresent()) {
            // the learner's account on the room's emulator: the dashboard shows what their runs create there
            backend = BackendChoice.endpoint;
            endpoint = roomEmulator.get().toString();
        }
        if (backend == BackendChoice.aws && !awsConfirmed(out)) {
            return 1;
        }
        Thread shutdown = new Thread(this::closeAll, "lab-start-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            CourseBackend courseBackend = open(backendStarter(course), err, port, "--port 4567");
            if (courseBackend == null) {
                return 1;
            }
            ResourcesView resources = new ResourcesView(courseBackend.connection());
            LabTarget target = backend == BackendChoice.aws ? LabTarget.aws()
                    : LabTarget.endpoint(courseBackend.connection().endpoint());
            Dashboard dashboard = open(() -> Dashboard.start(new Workbench(course), resources, target, host, dashboardPort),
                    err, dashboardPort, "--dashboard-port 7071");
            if (dashboard == null) {
                // the dashboard that could not start closed the resources view already
                return 1;
            }
            if (backend == BackendChoice.aws) {
                // no endpoint to announce: the other lab commands go where labs.backend says
                printStartedOnAws(out, courseBackend, dashboard);
            } else {
                RunningCourse running = RunningCourse.here(courseBackend.connection().endpoint(),
                        CourseBackend.reachable(dashboard.url()), backend.name());
                running.announce(course);
                remember(() -> running.withdraw(course));
                printStarted(out, courseBackend, dashboard);
            }
            started.countDown();
            stop.await();
            return 0;
        } finally {
            closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping already; the hook runs anyway
            }
        }
    }

    private Supplier<CourseBackend> backendStarter(Course course) {
        return () -> switch (backend) {
            case embedded -> CourseBackend.emulator(host, port, dnsPort,
                    dataDirectory != null ? dataDirectory : course.emulatorData());
            case endpoint -> CourseBackend.endpoint(endpoint != null ? endpoint : LabSettings.endpoint()
                    .orElseThrow(() -> new IllegalArgumentException("--backend endpoint needs --endpoint URL, for example "
                            + "--endpoint http://localhost:4566.")));
            case localstack -> CourseBackend.localstack();
            case aws -> CourseBackend.aws(Backend.aws("dashboard"));
        };
    }

    /**
     * {@code --backend aws} starts nothing before the learner's yes: the sentence of what the labs cost and
     * create there, then a typed {@code yes} (or {@code labs.aws.confirm=true} given beforehand).
     */
    private boolean awsConfirmed(PrintWriter out) throws IOException {
        out.println("./lab start --backend aws starts no emulator: the dashboard shows your AWS account, read with the "
                + "credentials and Region the AWS CLI would use, and its Check button runs the labs there.");
        out.println(Backend.awsCosts());
        if (LabSettings.awsConfirmed()) {
            out.println("labs.aws.confirm=true: going ahead.");
            out.flush();
            return true;
        }
        out.print("Type yes to go ahead: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
            out.println("Nothing started: the dashboard reads and runs in your AWS account only after a typed yes "
                    + "(or -Dlabs.aws.confirm=true / LABS_AWS_CONFIRM=true).");
            out.flush();
            return false;
        }
        return true;
    }

    private void printStartedOnAws(PrintWriter out, CourseBackend courseBackend, Dashboard dashboard) {
        out.println("ECS Labs is running on " + courseBackend.connection().describe() + ".");
        out.println("  Dashboard: " + CourseBackend.reachable(dashboard.url())
                + (host.equals(Emulator.DEFAULT_HOST) ? "" : " (listening on " + host + ")"));
        out.println("  The dashboard's Check button runs the labs in this account; ./lab check in another terminal "
                + "does too with -Dlabs.backend=aws -Dlabs.aws.confirm=true (or LABS_BACKEND=aws LABS_AWS_CONFIRM=true).");
        out.println("  What a run leaves behind: ./lab cleanup --backend aws --dry-run");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** Starts something and remembers to close it; a port in use is a sentence, not a stack trace. */
    private <T extends AutoCloseable> T open(Supplier<T> starter, PrintWriter err, int portWanted,
                                             String alternative) {
        try {
            T opened = starter.get();
            remember(opened);
            return opened;
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                err.println("Port " + portWanted + " is already in use: is the course already running in another terminal? "
                        + "Stop that one, or start on another port with ./lab start " + alternative + ".");
                err.flush();
                return null;
            }
            throw e;
        }
    }

    private void printStarted(PrintWriter out, CourseBackend courseBackend, Dashboard dashboard) {
        out.println("ECS Labs is running.");
        out.println("  Dashboard: " + CourseBackend.reachable(dashboard.url())
                + (host.equals(Emulator.DEFAULT_HOST) ? "" : " (listening on " + host + ")"));
        out.println("  AWS endpoint (ECS, ECR, Cloud Map, ELB, IAM, STS, CloudWatch, Logs, Auto Scaling): " + courseBackend.connection().endpoint()
                + (backend == BackendChoice.embedded ? "" : " (" + backend + ")"));
        courseBackend.dns().ifPresent(dns -> out.println("  " + dns));
        courseBackend.note().ifPresent(note -> out.println("  " + note));
        out.println("  Try: aws --endpoint-url " + courseBackend.connection().endpoint() + " ecs list-clusters");
        out.println("./lab check and ./lab watch in another terminal now run against this endpoint.");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private void remember(AutoCloseable closeable) {
        synchronized (toClose) {
            toClose.push(closeable);
        }
    }

    /** Closes what was started, newest first, once; called on stop and by the Ctrl-C hook. */
    private void closeAll() {
        synchronized (toClose) {
            while (!toClose.isEmpty()) {
                try {
                    toClose.pop().close();
                } catch (Exception e) {
                    System.err.println("While stopping: " + e.getMessage());
                }
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
