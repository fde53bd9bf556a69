package dev.ecslabs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Python process for an installed AWS CLI that runs {@code aws} command lines one after another
 * through the CLI's own entry function, {@code awscli.clidriver.main()}: all that the installed
 * {@code aws} script does. A command then costs the CLI's parsing, serialising, signing and printing,
 * not a Python start and the CLI's imports (about a CPU-second a command on the course's machine).
 */
final class AwsCliDriver implements AutoCloseable {
    /** As long as {@code AwsCliTest} lets one {@code aws} process run. */
    private static final long PATIENCE_SECONDS = 60;
    private static final String SCRIPT = "aws_cli_driver.py";

    /** What a command exited with and printed (stdout and stderr together, as a process's merged output). */
    record Result(int exitCode, String output) {
    }

    private final Process process;
    private final Writer requests;
    private final BufferedReader answers;
    private final Path errors;

    private AwsCliDriver(Process process, Path errors) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errors = errors;
    }

    /**
     * Starts a driver with the Python interpreter that {@code program}'s first line names, with
     * {@code environment} added to this JVM's; empty when {@code program} is not a Python script
     * (the AWS CLI v2 installer's {@code aws} is a frozen binary: its commands need processes of their own).
     */
    static Optional<AwsCliDriver> start(Path program, Map<String, String> environment) throws IOException {
        Optional<List<String>> python = pythonOf(program);
        if (python.isEmpty()) {
            return Optional.empty();
        }
        String script;
        try (InputStream in = AwsCliDriver.class.getResourceAsStream(SCRIPT)) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path errors = Files.createTempFile("aws-cli-driver", ".txt");
        List<String> command = new ArrayList<>(python.get());
        command.addAll(List.of("-c", script));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        return Optional.of(new AwsCliDriver(builder.start(), errors));
    }

    /** The interpreter command of a {@code #!} line that starts Python ({@code #!/usr/bin/python3}, {@code #!/usr/bin/env python3}). */
    private static Optional<List<String>> pythonOf(Path program) throws IOException {
        String first;
        try (BufferedReader reader = Files.newBufferedReader(program, StandardCharsets.ISO_8859_1)) {
            first = Optional.ofNullable(reader.readLine()).orElse("");
        }
        if (!first.startsWith("#!") || !first.contains("python")) {
            return Optional.empty();
        }
        return Optional.of(Arrays.asList(first.substring(2).strip().split("\\s+")));
    }

    /**
     * Runs {@code aws <args>} with {@code environment} added for this command only; one command at a
     * time (the CLI changes the process's environment, argv and standard streams while it runs).
     */
    synchronized Result run(List<String> args, Map<String, String> environment) throws IOException {
        Map<String, Object> request = Map.of("args", args, "env", environment);
        requests.write(AwsJsonCodec.MAPPER.writeValueAsString(request) + "\n");
        requests.flush();
        // A CLI that hangs is stopped, as AwsCliTest's process would be given up, and then the read ends.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(PATIENCE_SECONDS, TimeUnit.SECONDS));
        String line;
        try {
            line = answers.readLine();
        } finally {
            watchdog.cancel(false);
        }
        if (line == null) {
            throw new IllegalStateException("The AWS CLI driver (" + process.info().command().orElse("python")
                    + ") stopped answering within " + PATIENCE_SECONDS + " s after `aws " + String.join(" ", args)
                    + "`; what it printed:\n" + Files.readString(errors));
        }
        JsonNode answer = AwsJsonCodec.MAPPER.readTree(line);
        return new Result(answer.path("exitCode").asInt(), answer.path("output").asText());
    }

    @Override
    public void close() {
        try {
            requests.close(); // end of input: the driver's loop ends and Python exits
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
