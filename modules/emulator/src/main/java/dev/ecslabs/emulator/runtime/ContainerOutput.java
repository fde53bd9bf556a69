package dev.ecslabs.emulator.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last lines a container wrote to stdout and stderr, bounded so that a chatty app cannot fill
 * the emulator's memory: older lines are dropped, and so is the rest of a line past its limit.
 * Each line also goes, as it is read, to the container's log driver ({@code awslogs}), if any.
 */
public final class ContainerOutput {
    public static final int MAX_LINES = 500;
    public static final int MAX_LINE_CHARS = 4096;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final Consumer<String> logDriver;

    public ContainerOutput() {
        this(line -> { });
    }

    /** Output whose every line also goes to {@code logDriver}, on the reading thread, holding no lock. */
    public ContainerOutput(Consumer<String> logDriver) {
        this.logDriver = logDriver;
    }

    /** Reads {@code stream} to its end on a daemon thread of its own. */
    public void collect(InputStream stream, String threadName) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    add(line);
                }
            } catch (IOException closed) {
                // The process is gone: what it wrote until then is kept.
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    public void add(String line) {
        String kept = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;
        synchronized (this) {
            lines.addLast(kept);
            while (lines.size() > MAX_LINES) {
                lines.removeFirst();
            }
        }
        // outside this object's lock: the driver takes the account-region's lock, under which others read lines()
        logDriver.accept(kept);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
