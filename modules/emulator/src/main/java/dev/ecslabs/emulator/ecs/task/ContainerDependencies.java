package dev.ecslabs.emulator.ecs.task;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthStatus;

/**
 * A container's {@code dependsOn} conditions: START (the other container has started), COMPLETE
 * (it has run and exited), SUCCESS (it exited 0) and HEALTHY (its health check passes). A
 * condition that can no longer be met, or is not met within the other container's
 * {@code startTimeout}, keeps the container from starting and stops the task
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html).
 */
final class ContainerDependencies {

    /** Whether a condition is met, may still be, or never will be. */
    enum Readiness { MET, WAITING, NEVER }

    private ContainerDependencies() {
    }

    /** The readiness of all of a container's conditions together: the worst of them. */
    static Readiness of(TaskRun run, ContainerRun container) {
        Readiness all = Readiness.MET;
        for (ContainerDependency dependency : container.dependsOn()) {
            Readiness one = of(run, dependency);
            if (one == Readiness.NEVER) {
                return Readiness.NEVER;
            }
            if (one == Readiness.WAITING) {
                all = Readiness.WAITING;
            }
        }
        return all;
    }

    static Readiness of(TaskRun run, ContainerDependency dependency) {
        Container other = run.container(dependency.containerName());
        ContainerRun otherRun = run.containers().stream().filter(c -> c.name().equals(dependency.containerName()))
                .findFirst().orElseThrow();
        boolean stopped = TaskStatus.STOPPED.name().equals(other.lastStatus());
        boolean exited = stopped && otherRun.started() && other.exitCode() != null;
        boolean met = switch (dependency.condition()) {
            case START -> otherRun.started();
            case COMPLETE -> exited;
            case SUCCESS -> exited && other.exitCode() == 0;
            case HEALTHY -> !stopped && other.healthStatus() == HealthStatus.HEALTHY;
            default -> false;
        };
        return met ? Readiness.MET : stopped ? Readiness.NEVER : Readiness.WAITING;
    }

    /** When a waiting container gives up on its conditions: the earliest start timeout of the containers it waits on. */
    static Instant givesUpAt(TaskRun run, ContainerRun container) {
        Instant pulled = run.task().pullStoppedAt();
        Instant earliest = null;
        for (ContainerDependency dependency : container.dependsOn()) {
            if (of(run, dependency) != Readiness.WAITING) {
                continue;
            }
            Integer timeout = run.containers().stream().filter(c -> c.name().equals(dependency.containerName()))
                    .findFirst().map(ContainerRun::startTimeout).orElse(null);
            if (timeout != null && pulled != null) {
                Instant at = pulled.plus(Duration.ofSeconds(timeout));
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            }
        }
        return earliest;
    }

    /** Why a container could not start, for its {@code reason} and the task's {@code stoppedReason}. */
    static String whyNot(TaskRun run, ContainerRun container) {
        for (ContainerDependency dependency : container.dependsOn()) {
            if (of(run, dependency) != Readiness.MET) {
                return "Container " + container.name() + " could not start: the container it depends on, "
                        + dependency.containerName() + ", did not reach the " + dependency.conditionAsString() + " condition.";
            }
        }
        return "Container " + container.name() + " could not start.";
    }
}
