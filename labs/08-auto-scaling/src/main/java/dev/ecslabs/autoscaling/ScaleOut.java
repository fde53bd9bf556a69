package dev.ecslabs.autoscaling;

/**
 * What exercise 08.3 saw: the target tracking alarm that fired ({@code alarmName} in {@code alarmState}),
 * and the service's desired and running counts once it had scaled out.
 */
public record ScaleOut(String alarmName, String alarmState, int desiredCount, int runningCount) {
}
