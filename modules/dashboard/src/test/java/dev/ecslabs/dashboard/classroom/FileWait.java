package dev.ecslabs.dashboard.classroom;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waits for a file to satisfy a condition, woken by the file system's change events rather than a sleep. */
final class FileWait {
    private FileWait() {
    }

    static void await(Path file, Predicate<Path> condition, Duration timeout, String what) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(file)) {
                long left = deadline - System.nanoTime();
                WatchKey key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + " in " + file);
                }
                key.pollEvents();
                key.reset();
            }
        }
    }
}
