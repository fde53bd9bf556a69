package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.runtime.HealthCheckCommands;
import dev.ecslabs.emulator.runtime.ProbeEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.HealthStatus;

/**
 * Container health checks as Docker runs them for ECS: the command runs every {@code interval}
 * from the container's start; one success makes the container HEALTHY; {@code retries} failures
 * in a row make it UNHEALTHY, except that failures within {@code startPeriod} do not count until
 * a check has passed. A task is HEALTHY when all its essential containers with a health check are,
 * UNHEALTHY when one of them is, else UNKNOWN
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html). A standalone
 * task keeps running when it is UNHEALTHY; a service replaces it.
 */
final class ContainerHealth {
    private ContainerHealth() {
    }

    /** The task after its container's health check ran at {@code at}; {@code beyond} is what it reaches outside itself. */
    static TaskRun check(TaskRun run, ContainerRun container, Instant at, ProbeEnvironment beyond, RealPorts real) {
        HealthCheck healthCheck = container.healthCheck();
        int status = HealthCheckCommands.run(healthCheck.command(), probes(run, beyond, real));
        HealthStatus current = run.container(container.name()).healthStatus();
        HealthStatus next = current;
        int failures = container.consecutiveFailures();
        if (status == 0) {
            next = HealthStatus.HEALTHY;
            failures = 0;
        } else {
            Duration startPeriod = Duration.ofSeconds(healthCheck.startPeriod() == null ? 0 : healthCheck.startPeriod());
            boolean inStartPeriod = !at.isAfter(container.startedAt().plus(startPeriod));
            if (!(inStartPeriod && current == HealthStatus.UNKNOWN)) {
                failures++;
                if (failures >= healthCheck.retries()) {
                    next = HealthStatus.UNHEALTHY;
                }
            }
        }
        HealthStatus health = next;
        return run.withRun(container.checked(failures)).withContainer(container.name(), c -> c.healthStatus(health));
    }

    /** The task's health, from its essential containers that have a health check. */
    static HealthStatus ofTask(TaskRun run) {
        boolean any = false;
        boolean allHealthy = true;
        for (ContainerRun container : run.containers()) {
            if (!container.essential() || container.healthCheck() == null) {
                continue;
            }
            any = true;
            HealthStatus health = run.container(container.name()).healthStatus();
            if (health == HealthStatus.UNHEALTHY) {
                return HealthStatus.UNHEALTHY;
            }
            allHealthy &= health == HealthStatus.HEALTHY;
        }
        return any && allHealthy ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN;
    }

    /**
     * What a health check inside the task can reach: the task's own containers that are RUNNING,
     * on {@code localhost} or the task's private IP (awsvpc tasks share one network namespace),
     * on the ports their programs listen on (a real container's port gets a real request); any
     * other name is for {@code beyond} to answer.
     */
    static ProbeEnvironment probes(TaskRun run, ProbeEnvironment beyond, RealPorts real) {
        Optional<String> privateIp = TaskNetworking.privateIpv4Address(run.task());
        return (host, port, path) -> {
            boolean self = Set.of("localhost", "127.0.0.1").contains(host) || privateIp.map(host::equals).orElse(false);
            return self ? real.answersHttp(run, port, path).orElseGet(() -> run.listensOn(port))
                    : beyond.answersHttp(host, port, path);
        };
    }
}
