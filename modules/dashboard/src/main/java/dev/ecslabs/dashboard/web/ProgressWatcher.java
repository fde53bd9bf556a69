package dev.ecslabs.dashboard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the pages when the progress file changed, whoever wrote it (Maven, the IDE, {@code lab
 * watch}, the Check button): the file is the single source of results, so the pages follow it.
 * It looks at the file's time and size a few times a second, which works on every file system.
 */
final class ProgressWatcher implements AutoCloseable {
    private static final long LOOK_EVERY_MILLIS = 250;

    private final Path file;
    private final LiveEvents events;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-progress-watch");
        thread.setDaemon(true);
        return thread;
    });
    private String lastSeen;

    ProgressWatcher(Path file, LiveEvents events) {
        this.file = file;
        this.events = events;
        this.lastSeen = stamp();
        looker.scheduleWithFixedDelay(this::look, LOOK_EVERY_MILLIS, LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void look() {
        String now = stamp();
        if (!now.equals(lastSeen)) {
            lastSeen = now;
            events.broadcast("progress", Map.of());
        }
    }

    private String stamp() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) : "none";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        looker.shutdownNow();
    }
}
