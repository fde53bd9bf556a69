package dev.ecslabs.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator as {@code ./lab start} runs it, in a JVM of its own ({@link EmulatorMain} on this
 * JVM's class path, port 0, a data directory), so that a test can kill it with {@code kill -9}.
 * Its URL is read from the line it prints at start; its log goes to a file beside the data.
 */
public final class EmulatorProcess implements AutoCloseable {
    private static final Pattern SERVES = Pattern.compile("serves ECS, ECR and Cloud Map on (http://\\S+)");

    private final Process process;
    private final URI url;
    private final List<String> output;
    private final Path log;

    private EmulatorProcess(Process process, URI url, List<String> output, Path log) {
        this.process = process;
        this.url = url;
        this.output = output;
        this.log = log;
    }

    /** Starts an emulator keeping its state in {@code data}; returns once it answers. */
    public static EmulatorProcess start(Path data, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
                "--port", "0", "--data-dir", data.toString()));
        command.addAll(List.of(options));
        Path log = Files.createTempFile(data.toAbsolutePath().getParent(), "emulator-", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher serves = SERVES.matcher(line);
                    if (serves.find()) {
                        url.complete(URI.create(serves.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
            url.completeExceptionally(new IllegalStateException("The emulator ended before it answered; its log: " + log));
        }, "emulator-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new EmulatorProcess(process, url.get(90, TimeUnit.SECONDS), output, log);
        } catch (InterruptedException | java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The emulator did not start within 90 s; its log: " + log + ", output: " + output, e);
        }
    }

    public URI url() {
        return url;
    }

    /** What the emulator printed, its report on the saved state included. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9}: the process ends at once, with no shutdown hook and nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the emulator as Ctrl-C does: its shutdown hook takes the last checkpoint. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
