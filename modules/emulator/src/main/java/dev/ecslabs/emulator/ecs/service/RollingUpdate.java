package dev.ecslabs.emulator.ecs.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rolling update's arithmetic, one reconciliation at a time: which tasks to stop and how
 * many to start so that the service moves towards {@code desiredCount} tasks of its PRIMARY
 * deployment while the tasks that count as healthy never drop below the floor
 * ({@code desiredCount × minimumHealthyPercent / 100}, rounded up) and the tasks RUNNING or
 * PENDING never exceed the ceiling ({@code desiredCount × maximumPercent / 100}, rounded down).
 * A RUNNING task of an older deployment is stopped only while the tasks that count as healthy
 * hold the floor without it, whether it counts yet or not: the floor is "the lower limit on the
 * number of tasks that should be running for a service during a deployment"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html).
 */
final class RollingUpdate {

    /** How far a live task (desired RUNNING, not yet stopped) is on its way to counting as healthy. */
    enum Readiness {
        /** Before RUNNING. */
        PENDING,
        /** Its container health check says UNHEALTHY. */
        UNHEALTHY,
        /** RUNNING, not yet HEALTHY (or, without a health check, RUNNING for less than 40 s). */
        STARTING,
        /** Counts towards the minimum healthy percent. */
        HEALTHY
    }

    /**
     * A task of the service that is meant to run; a {@code protectedFromScaleIn} one is never
     * stopped by scale-in or a deployment (UpdateTaskProtection).
     */
    record LiveTask(String taskArn, String deploymentId, Readiness readiness, Instant createdAt,
                    boolean protectedFromScaleIn) {
        LiveTask(String taskArn, String deploymentId, Readiness readiness, Instant createdAt) {
            this(taskArn, deploymentId, readiness, createdAt, false);
        }
    }

    /** What to do now: start {@code start} tasks of the PRIMARY deployment and stop these tasks. */
    record Plan(int start, List<LiveTask> stop) {
    }

    private RollingUpdate() {
    }

    /** The fewest tasks that must stay healthy: desiredCount × minimumHealthyPercent / 100, rounded up. */
    static int floor(int desiredCount, int minimumHealthyPercent) {
        return Math.min(desiredCount, (int) Math.ceil(desiredCount * minimumHealthyPercent / 100.0));
    }

    /**
     * The most tasks that may be RUNNING or PENDING: desiredCount × maximumPercent / 100, rounded
     * down, and never fewer than desiredCount, so that a service can always reach its desired count.
     */
    static int ceiling(int desiredCount, int maximumPercent) {
        return Math.max(desiredCount, (int) Math.floor(desiredCount * maximumPercent / 100.0));
    }

    /**
     * @param primaryMayLaunch false while the PRIMARY deployment has FAILED or its launches are throttled
     */
    static Plan plan(int desiredCount, int minimumHealthyPercent, int maximumPercent, String primaryId,
                     boolean primaryMayLaunch, List<LiveTask> live) {
        int floor = floor(desiredCount, minimumHealthyPercent);
        int ceiling = ceiling(desiredCount, maximumPercent);
        int healthy = (int) live.stream().filter(t -> t.readiness() == Readiness.HEALTHY).count();
        List<LiveTask> primary = live.stream().filter(t -> t.deploymentId().equals(primaryId))
                .sorted(STOP_FIRST).toList();
        List<LiveTask> others = live.stream().filter(t -> !t.deploymentId().equals(primaryId))
                .sorted(STOP_FIRST).toList();
        List<LiveTask> stop = new ArrayList<>();
        // Scaling in: the PRIMARY deployment keeps desiredCount tasks, the least ready unprotected ones go first.
        List<LiveTask> unprotected = primary.stream().filter(t -> !t.protectedFromScaleIn()).toList();
        for (LiveTask task : unprotected.subList(0, Math.min(unprotected.size(), Math.max(0, primary.size() - desiredCount)))) {
            stop.add(task);
            if (task.readiness() == Readiness.HEALTHY) {
                healthy--;
            }
        }
        // Older deployments go entirely, but a RUNNING task only while the tasks that count as healthy hold the floor
        // without it: the floor is of tasks RUNNING ("Tasks for services that don't use a load balancer are considered
        // healthy if they're in the RUNNING state", API_CreateService), and a task RUNNING for less than the 40 s (or
        // not yet HEALTHY) is on its way to counting, not free to stop. Tasks not yet RUNNING, or UNHEALTHY, hold no part of it.
        for (LiveTask task : others) {
            if (task.protectedFromScaleIn()) {
                // "the deployment waits until the protection expires or is cleared" (task scale-in protection)
                continue;
            }
            switch (task.readiness()) {
                case PENDING, UNHEALTHY -> stop.add(task);
                case STARTING -> {
                    if (healthy >= floor) {
                        stop.add(task);
                    }
                }
                case HEALTHY -> {
                    if (healthy - 1 >= floor) {
                        stop.add(task);
                        healthy--;
                    }
                }
            }
        }
        int primaryKept = Math.min(primary.size(), desiredCount);
        int room = ceiling - (live.size() - stop.size());
        int start = primaryMayLaunch ? Math.max(0, Math.min(desiredCount - primaryKept, room)) : 0;
        return new Plan(start, List.copyOf(stop));
    }

    /** The order in which tasks are stopped: the least ready first, and among equals the newest. */
    private static final Comparator<LiveTask> STOP_FIRST = Comparator.comparing(LiveTask::readiness)
            .thenComparing(LiveTask::createdAt, Comparator.reverseOrder())
            .thenComparing(LiveTask::taskArn);
}
