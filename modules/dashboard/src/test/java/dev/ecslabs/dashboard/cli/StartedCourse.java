package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.Cli;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code lab start} running through the real entry point, for tests in other packages (the
 * classroom's): started with any arguments, its output awaitable, stopped as Ctrl-C would.
 */
public final class StartedCourse implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    public final AwaitableOutput out = new AwaitableOutput();
    private final StartCommand command;
    private final CompletableFuture<Integer> exit;

    private StartedCourse(Course course, List<String> args) throws Exception {
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter()).setErr(out.printWriter());
        command = commandLine.getSubcommands().get("start").getCommand();
        exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () -> commandLine.execute(args.toArray(String[]::new))));
        if (!command.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("lab start did not start; it printed: " + out + (exit.isDone() ? " and exited " + exit.get() : ""));
        }
    }

    /** Runs {@code lab start} with these arguments (after "start") and waits until it is up. */
    public static StartedCourse start(Course course, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("start"));
        all.addAll(List.of(args));
        return new StartedCourse(course, all);
    }

    /** Stops it; answers its exit code. */
    public int stop() throws Exception {
        command.stop.countDown();
        return exit.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            stop();
        }
    }
}
