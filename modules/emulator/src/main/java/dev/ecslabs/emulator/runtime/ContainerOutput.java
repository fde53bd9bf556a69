package dev.ecslabs.emulator.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a container wrote to stdout and stderr, bounded so that a chatty app cannot fill
 * the emulator's memory: older lines are dropped, and so is the rest of a line past its limit.
 */
public final class ContainerOutput {
    public static final int MAX_LINES = 500;
    public static final int MAX_LINE_CHARS = 4096;

    private final ArrayDeque<String> lines = new ArrayDeque<>();

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

    public synchronized void add(String line) {
        lines.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line);
        while (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
