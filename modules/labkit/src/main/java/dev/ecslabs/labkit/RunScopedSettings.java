package dev.ecslabs.labkit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labkit settings of one lab run in a JVM that runs several labs at once (the lab tool: the
 * course check runs every lab side by side): they belong to the class loader the run loads the lab
 * with, and code that runs with that loader, or one below it, as its thread's context class loader
 * (the lab's tests, labkit's extension, threads the tests start) sees them before the JVM's system
 * properties. Two runs never see each other's, as they would through system properties.
 */
public final class RunScopedSettings {
    private static final Map<ClassLoader, Map<String, String>> BY_LOADER = new ConcurrentHashMap<>();

    private RunScopedSettings() {
    }

    /** Gives the run that loads its classes with {@code loader} these settings, until the answer is closed. */
    public static AutoCloseable of(ClassLoader loader, Map<String, String> settings) {
        if (BY_LOADER.putIfAbsent(loader, Map.copyOf(settings)) != null) {
            throw new IllegalStateException("The class loader " + loader + " already has a run's settings: one run per loader");
        }
        return () -> BY_LOADER.remove(loader);
    }

    /** The value the current thread's run gives {@code property}, if it runs under a loader that has settings. */
    static Optional<String> get(String property) {
        if (BY_LOADER.isEmpty()) {
            return Optional.empty();
        }
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            Map<String, String> settings = BY_LOADER.get(loader);
            if (settings != null) {
                return Optional.ofNullable(settings.get(property));
            }
        }
        return Optional.empty();
    }

    /** A setting as a system property, with the current run's own value in front (see above). */
    static String property(String property) {
        return get(property).orElseGet(() -> System.getProperty(property));
    }
}
