package dev.ecslabs.dashboard.run;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells when the files under a folder changed: the file system's events where it gives them
 * (instant on Linux and Windows), and a poll of every file's size and time that catches what
 * events miss (WSL's Windows drives, network drives, macOS, where Java's events are slow).
 * Either one only prompts a look at the files, so a save is reported once, however it arrived.
 */
public final class SourceWatcher implements AutoCloseable {
    private final Path root;
    private final Runnable onChange;
    private final ScheduledExecutorService poller;
    private final WatchService events;
    private Map<Path, String> lastSeen;

    /**
     * Starts watching {@code root}; {@code onChange} runs on a watcher thread after each change.
     *
     * @param useEvents    false to rely on polling alone ({@code lab watch --poll})
     * @param pollInterval how often to look at the files
     */
    public SourceWatcher(Path root, boolean useEvents, Duration pollInterval, Runnable onChange) {
        this.root = root;
        this.onChange = onChange;
        this.lastSeen = fingerprint();
        this.events = useEvents ? eventsOrNull() : null;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lab-watch-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::look, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (events != null) {
            Thread listener = new Thread(this::listen, "lab-watch-events");
            listener.setDaemon(true);
            listener.start();
        }
    }

    /** True when file events are in use, false when only polling is. */
    public boolean usesEvents() {
        return events != null;
    }

    private WatchService eventsOrNull() {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            registerAll(service);
            return service;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private void registerAll(WatchService service) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
    }

    private void listen() {
        try {
            while (true) {
                WatchKey key = events.take();
                key.pollEvents();
                key.reset();
                try {
                    // a new package folder must be watched too; registering twice is harmless
                    registerAll(events);
                } catch (IOException e) {
                    // the poll still sees what happens there
                }
                look();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop listening
        }
    }

    private synchronized void look() {
        Map<Path, String> now = fingerprint();
        if (!now.equals(lastSeen)) {
            lastSeen = now;
            onChange.run();
        }
    }

    private Map<Path, String> fingerprint() {
        Map<Path, String> files = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> regular = all.filter(Files::isRegularFile).toList();
            for (Path file : regular) {
                try {
                    files.put(file, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
                } catch (IOException e) {
                    // deleted between the walk and the look: the next look sees it gone
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a folder vanished during the walk (an editor's temporary one): the next look is whole
        }
        return files;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        if (events != null) {
            try {
                events.close();
            } catch (IOException e) {
                // closing a watch service that is going away anyway
            }
        }
    }
}
