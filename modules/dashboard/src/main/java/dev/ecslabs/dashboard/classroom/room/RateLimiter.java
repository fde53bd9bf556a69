package dev.ecslabs.dashboard.classroom.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a learner, an address): each key may spend {@code burst} requests at once
 * and {@code perSecond} on average. A key that would go over is told how long to wait.
 */
final class RateLimiter {
    /** Keys kept before full buckets are forgotten (a full bucket is the same as no bucket). */
    private static final int KEYS_KEPT = 10_000;

    private final double perSecond;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one token for {@code key}; answers 0 when granted, else the seconds to wait. */
    long take(String key) {
        if (buckets.size() > KEYS_KEPT) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket()).take(System.nanoTime());
    }

    /** Whether {@code key} has a token left, without taking one. */
    boolean hasToken(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null || bucket.available(System.nanoTime()) >= 1;
    }

    private final class Bucket {
        private double tokens = burst;
        private long at = System.nanoTime();

        synchronized long take(long now) {
            double available = available(now);
            tokens = available;
            at = now;
            if (available >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - available) / perSecond);
        }

        synchronized double available(long now) {
            return Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
        }

        synchronized boolean isFull(long now) {
            return available(now) >= burst;
        }
    }
}
