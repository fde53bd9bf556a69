package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.classroom.room.Classroom;
import dev.ecslabs.dashboard.classroom.room.CourseOutline;
import dev.ecslabs.dashboard.classroom.room.LanAddresses;
import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.run.Workbench;
import dev.ecslabs.emulator.Emulator;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab classroom}: the instructor's classroom for a workshop, until Ctrl-C. Prints the join
 * code and the command learners type; optionally serves one emulator for the whole room.
 */
@Command(name = "classroom", description = "Open a classroom for a workshop: learners join with ./lab start --join, "
        + "and its page shows every learner's exercises, who is stuck, and who is connected.",
        subcommands = {RowsCommand.Rename.class, RowsCommand.Merge.class, RowsCommand.Remove.class})
public final class ClassroomCommand implements Callable<Integer> {

    @Option(names = "--host", description = "The address to listen on (default: ${DEFAULT-VALUE}, every address, "
            + "so learners' laptops reach it).")
    String host = "0.0.0.0";

    @Option(names = "--port", description = "The classroom's port (default: ${DEFAULT-VALUE}).")
    int port = 7080;

    @Option(names = "--code", description = "The join code (default: the one this classroom had, or a new one).")
    String code;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the classroom keeps its learners and results "
            + "(default: .labs/classroom).")
    Path dataDirectory;

    @Option(names = "--page-on-network", description = "Let other machines open the classroom page too (an assistant's "
            + "laptop); by default only this machine does, since the page shows the join code.")
    boolean pageOnNetwork;

    @Option(names = "--shared-emulator", description = "Also serve one emulator of ECS, ECR and Cloud Map for the room: "
            + "each learner works in their own account on it.")
    boolean sharedEmulator;

    @Option(names = "--emulator-port", description = "The shared emulator's port (default: ${DEFAULT-VALUE}).")
    int emulatorPort = Emulator.DEFAULT_PORT;

    @Spec
    CommandSpec spec;

    /** Counted down once the classroom is open. */
    final CountDownLatch started = new CountDownLatch(1);

    /** Counted down to close it (tests use it; Ctrl-C stops the JVM instead). */
    final CountDownLatch stop = new CountDownLatch(1);

    private volatile Classroom classroom;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Course course = Course.current();
        Path data = dataDirectory != null ? dataDirectory : course.toolsDirectory().resolve("classroom");
        CourseOutline outline = CourseOutline.of(new Workbench(course));
        Emulator emulator = null;
        Thread shutdown = null;
        try {
            if (sharedEmulator) {
                emulator = portInUse(() -> Emulator.builder().host(host).port(emulatorPort)
                        .dataDirectory(data.resolve("emulator")).start(), emulatorPort, "--emulator-port", err);
                if (emulator == null) {
                    return 1;
                }
            }
            Optional<URI> emulatorUrl = Optional.ofNullable(emulator).map(e -> LanAddresses.advertised(host, e.port()));
            classroom = portInUse(() -> openClassroom(data, outline, emulatorUrl), port, "--port", err);
            if (classroom == null) {
                return 1;
            }
            Classroom open = classroom;
            Emulator opened = emulator;
            shutdown = new Thread(() -> close(open, opened), "lab-classroom-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            printOpen(out, classroom, outline, emulatorUrl);
            started.countDown();
            stop.await();
            return 0;
        } finally {
            close(classroom, emulator);
            if (shutdown != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdown);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is stopping already; the hook runs anyway
                }
            }
        }
    }

    private static void close(Classroom classroom, Emulator emulator) {
        if (classroom != null) {
            classroom.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private void printOpen(PrintWriter out, Classroom open, CourseOutline outline, Optional<URI> emulatorUrl) {
        URI join = open.joinUrl();
        out.println("The classroom is open.");
        out.println("  Join code: " + open.code());
        boolean everyAddress = host.equals("0.0.0.0") || host.equals("::");
        URI page = everyAddress ? URI.create("http://localhost:" + open.url().getPort()) : open.url();
        out.println("  Classroom page, for the projector: " + page
                + (pageOnNetwork ? " (and " + join + " from other machines)" : " (on this machine only)"));
        List<String> others = host.equals("0.0.0.0") ? LanAddresses.lanAddresses() : List.of();
        if (others.size() > 1) {
            out.println("  This machine's other addresses: " + String.join(", ", others.subList(1, others.size())));
        }
        out.println("  Learners start the course with:");
        out.println("    ./lab start --join " + join + " --name \"Your Name\" --code " + open.code());
        emulatorUrl.ifPresent(url -> {
            out.println("  The room's shared emulator: " + url + " (each learner gets their own account when they join)");
            out.println("    learners' runs (./lab check, Maven, the IDE) use their own account there once they join: "
                    + "nothing to export");
        });
        out.println("  " + outline.labs().size() + (outline.labs().size() == 1 ? " lab, " : " labs, ")
                + outline.exerciseCount() + " exercises"
                + (open.restoredLearners() > 0 ? "; " + open.restoredLearners() + " learners restored from " + open.stateFile() : "")
                + ".");
        out.println("Rename, merge or remove a row on the page, or with ./lab classroom rename|merge|remove"
                + (port == 7080 ? "" : " --port " + open.url().getPort()) + ".");
        out.println("Press Ctrl-C to close the classroom; learners' results wait on their machines until it opens again.");
        out.flush();
    }

    private Classroom openClassroom(Path data, CourseOutline outline, Optional<URI> emulatorUrl) {
        try {
            return Classroom.open(new Classroom.Settings(host, port, data, Optional.ofNullable(code), outline, emulatorUrl,
                    pageOnNetwork, Clock.systemUTC()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Starts something on a port; a port in use is a sentence and {@code null}, not a stack trace. */
    private static <T> T portInUse(java.util.function.Supplier<T> starter, int portWanted, String option, PrintWriter err) {
        try {
            return starter.get();
        } catch (RuntimeException e) {
            if (!causedBy(e, BindException.class)) {
                throw e;
            }
            err.println("Port " + portWanted + " is already in use: is a classroom (or ./lab start) already running? "
                    + "Stop it, or choose another port with " + option + ".");
            err.flush();
            return null;
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

    /** For the tests: the open classroom. */
    Classroom classroom() {
        return classroom;
    }
}
