package dev.ecslabs.emulator.ecs.task;

import java.time.Duration;

/**
 * How long each step of a Fargate task's life takes, in AWS time; the emulator's clock plays them
 * faster (at the default speed of 20, a task is RUNNING about a second after RunTask). They are
 * close to what Fargate users observe: about twenty seconds from RunTask to RUNNING for a small
 * image, a few seconds to stop a task that handles SIGTERM, and stopped tasks that stay
 * describable for an hour ("stopped tasks appear in the returned results for at least one hour",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html).
 */
public final class TaskTimings {
    /** PROVISIONING: Fargate finds capacity, creates the task's network interface and attaches it. */
    public static final Duration PROVISIONING = Duration.ofSeconds(10);
    /** PENDING: the images are pulled (all of a task's images at once) and the containers created. */
    public static final Duration IMAGE_PULL = Duration.ofSeconds(8);
    /** ACTIVATING: ECS finishes what the task needs before RUNNING (load balancers, service discovery). */
    public static final Duration ACTIVATING = Duration.ofSeconds(2);
    /** DEACTIVATING: ECS undoes that before it signals the containers. */
    public static final Duration DEACTIVATING = Duration.ofSeconds(2);
    /** DEPROVISIONING: the network interface is detached and deleted. */
    public static final Duration DEPROVISIONING = Duration.ofSeconds(10);
    /** How long a STOPPED task stays describable and listable. */
    public static final Duration STOPPED_TASK_RETENTION = Duration.ofHours(1);
    /** "If the parameter is not specified, the default value of 30 seconds is used" (Fargate; at most 120). */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MAX_STOP_TIMEOUT = Duration.ofSeconds(120);

    private TaskTimings() {
    }

    /** The time a container gets between SIGTERM and SIGKILL: its stopTimeout, else 30 s, at most 120 s. */
    static Duration stopTimeout(Integer seconds) {
        if (seconds == null) {
            return DEFAULT_STOP_TIMEOUT;
        }
        Duration timeout = Duration.ofSeconds(seconds);
        return timeout.compareTo(MAX_STOP_TIMEOUT) > 0 ? MAX_STOP_TIMEOUT : timeout;
    }
}
