package dev.ecslabs.autoscaling;

import java.time.Instant;

/**
 * One scaling activity as exercise 08.7 tells it: when it started, what it did ("Setting desired
 * count to 4."), why (the alarm or scheduled action that caused it), and how it ended (Successful,
 * Failed, InProgress…).
 */
public record Activity(Instant startTime, String description, String cause, String statusCode) {
}
