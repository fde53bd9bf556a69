package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.cli.LabCommand;
import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.Cli;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code lab classroom} running through the real entry point, until stopped as Ctrl-C would. */
final class RunningClassroom implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    final AwaitableOutput out = new AwaitableOutput();
    private final ClassroomCommand command;
    private final CompletableFuture<Integer> exit;

    RunningClassroom(Course course, String... args) throws Exception {
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter()).setErr(out.printWriter());
        command = commandLine.getSubcommands().get("classroom").getCommand();
        List<String> all = new ArrayList<>(List.of("classroom"));
        all.addAll(List.of(args));
        exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () -> commandLine.execute(all.toArray(String[]::new))));
        if (!command.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("lab classroom did not open; it printed: " + out
                    + (exit.isDone() ? " and exited " + exit.get() : ""));
        }
    }

    URI url() {
        return command.classroom().url();
    }

    String code() {
        return command.classroom().code();
    }

    /** A URL the command printed after {@code label}. */
    URI printed(String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + " (\\S+)").matcher(out.toString());
        if (!matcher.find()) {
            throw new AssertionError("lab classroom did not print '" + label + "'; it printed:\n" + out);
        }
        return URI.create(matcher.group(1));
    }

    int stop() throws Exception {
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
