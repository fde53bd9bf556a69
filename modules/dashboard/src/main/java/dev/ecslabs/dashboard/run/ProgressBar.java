package dev.ecslabs.dashboard.run;

/** A text progress bar: {@code [########------------]}. */
public final class ProgressBar {
    private static final int WIDTH = 20;

    private ProgressBar() {
    }

    public static String of(long done, long total) {
        int filled = total == 0 ? 0 : (int) (WIDTH * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }
}
