package dev.ecslabs.emulator.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, summarised as the benchmark prints them. */
public final class Measurements {
    private final long[] samples;
    private int count;

    public Measurements(int capacity) {
        this.samples = new long[capacity];
    }

    public synchronized void add(long nanos) {
        samples[count++] = nanos;
    }

    public synchronized void addAll(Measurements other) {
        for (int i = 0; i < other.count; i++) {
            add(other.samples[i]);
        }
    }

    public synchronized double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }

    public synchronized int count() {
        return count;
    }

    public String summary() {
        return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms (%d samples)",
                percentileMillis(50), percentileMillis(99), count());
    }
}
