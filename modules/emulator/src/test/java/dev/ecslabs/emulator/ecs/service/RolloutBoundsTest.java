package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The rolling update's floor and ceiling, checked after every step the scheduler and the task
 * lifecycle take on the manual clock (not only once a second), for rollouts that start from a
 * service with a past: scaled out and in, a task stopped by hand and replaced, an earlier rollout
 * finished or still under way, a circuit-breaker rollback; and rollouts whose desiredCount changes
 * half-way. The floor is the developer guide's "lower limit on the number of tasks that should be
 * running for a service during a deployment" (desiredCount × minimumHealthyPercent, rounded up),
 * where "tasks for services that don't use a load balancer are considered healthy if they're in
 * the RUNNING state"; the ceiling is maximumPercent's "upper limit on the number of your service's
 * tasks that are allowed in the RUNNING or PENDING state" (rounded down)
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 * The services start their rollouts as a program would: the moment an SDK waiter (polling every
 * second) says stable, when tasks started by the past may be RUNNING for less than the 40 seconds
 * after which they count towards the minimum healthy percent.
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class RolloutBoundsTest {
    static final String CLUSTER = "bounds";
    static final String SERVICE = "web";
    static final int DESIRED = 2;
    ManualClock clock;
    EcsClient ecs;

    /** What happened to the service before the rollout under test. */
    enum History {
        FRESH("a new service, as soon as it is stable"),
        SCALED_OUT_AND_IN("a service scaled from 2 to 4 tasks and back to 2"),
        TASK_REPLACED("a service one of whose tasks was stopped by hand and replaced"),
        EARLIER_ROLLOUT("a service whose earlier rollout has just finished"),
        ROLLOUT_IN_PROGRESS("a service whose earlier rollout is still under way"),
        ROLLED_BACK("a service the circuit breaker has rolled back from a failed rollout");

        final String description;

        History(String description) {
            this.description = description;
        }
    }

    /** What happens to desiredCount during the rollout under test. */
    enum Scaling {
        NONE(DESIRED), OUT(4), IN(1);

        final int desiredCount;

        Scaling(int desiredCount) {
            this.desiredCount = desiredCount;
        }
    }

    String[] revisions;
    String missingImage;
    Bounds bounds;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
    }

    /**
     * Every history with the default bounds, with 50/100 (stop before start) and with a container
     * health check; a later update, another maximumPercent, and desiredCount changed during the
     * rollout for the histories where they make a difference.
     */
    static Stream<Arguments> rollouts() {
        List<Arguments> rollouts = new ArrayList<>();
        for (History history : History.values()) {
            rollouts.add(Arguments.of(history, 100, 200, false, 0, Scaling.NONE));
            rollouts.add(Arguments.of(history, 50, 100, false, 0, Scaling.NONE));
            rollouts.add(Arguments.of(history, 100, 200, true, 0, Scaling.NONE));
        }
        rollouts.add(Arguments.of(History.FRESH, 100, 200, false, 25, Scaling.NONE));
        rollouts.add(Arguments.of(History.TASK_REPLACED, 100, 200, false, 25, Scaling.NONE));
        rollouts.add(Arguments.of(History.SCALED_OUT_AND_IN, 100, 150, false, 0, Scaling.NONE));
        for (History history : List.of(History.FRESH, History.SCALED_OUT_AND_IN, History.TASK_REPLACED)) {
            rollouts.add(Arguments.of(history, 100, 200, false, 0, Scaling.OUT));
            rollouts.add(Arguments.of(history, 100, 200, false, 0, Scaling.IN));
        }
        rollouts.add(Arguments.of(History.SCALED_OUT_AND_IN, 50, 100, false, 0, Scaling.OUT));
        return rollouts.stream();
    }

    @ParameterizedTest(name = "{0}, minimumHealthyPercent {1}, maximumPercent {2}, health check {3}, "
            + "update {4} s after stable, desiredCount during the rollout: {5}")
    @MethodSource("rollouts")
    void keepsTheFloorAndTheCeilingAtEveryStep(History history, int minimumHealthyPercent, int maximumPercent,
                                               boolean healthCheck, int pauseSeconds, Scaling scaling) {
        revisions = new String[4];
        for (int i = 0; i < revisions.length; i++) {
            revisions[i] = healthCheck ? ServiceFixtures.registerCheckedWeb(ecs, "web") : ServiceFixtures.registerWeb(ecs, "web");
        }
        missingImage = ServiceFixtures.register(ecs, "web", ServiceFixtures.web(ServiceFixtures.MISSING_IMAGE).build());
        bounds = new Bounds(minimumHealthyPercent, maximumPercent, healthCheck);

        String target = live(history, minimumHealthyPercent, maximumPercent);
        clock.advance(Duration.ofSeconds(pauseSeconds), bounds::check);
        ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(target));
        bounds.watching();
        if (scaling != Scaling.NONE) {
            clock.advance(Duration.ofSeconds(10), bounds::check);
            ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).desiredCount(scaling.desiredCount));
            bounds.desiredCountChanged(DESIRED, scaling.desiredCount);
        }
        Service done = pollUntil("the rollout completed", described -> described.deployments().size() == 1
                && "COMPLETED".equals(primary(described).rolloutStateAsString())
                && described.runningCount() == described.desiredCount(), 900);

        assertThat(bounds.violations).as("after %s, every step of the rollout stays within its bounds", history.description)
                .isEmpty();
        assertThat(bounds.samples).as("the bounds were checked at many steps").isGreaterThanOrEqualTo(10);
        assertThat(done.taskDefinition()).isEqualTo(target);
        assertThat(tasks(ecs, CLUSTER, SERVICE, "RUNNING")).hasSize(scaling.desiredCount)
                .allSatisfy(task -> assertThat(task.taskDefinitionArn()).isEqualTo(target));
    }

    /** Gives the service its history; answers the task definition the rollout under test deploys. */
    private String live(History history, int minimumHealthyPercent, int maximumPercent) {
        create(ecs, CLUSTER, SERVICE, revisions[0], DESIRED, r -> r.deploymentConfiguration(d -> d
                .minimumHealthyPercent(minimumHealthyPercent).maximumPercent(maximumPercent)
                .deploymentCircuitBreaker(b -> b.enable(history == History.ROLLED_BACK).rollback(history == History.ROLLED_BACK))));
        pollUntilStable();
        switch (history) {
            case FRESH -> {
                return revisions[1];
            }
            case SCALED_OUT_AND_IN -> {
                ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).desiredCount(4));
                pollUntil("four tasks RUNNING", described -> described.runningCount() == 4, 300);
                ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).desiredCount(DESIRED));
                pollUntilStable();
                return revisions[1];
            }
            case TASK_REPLACED -> {
                Task victim = tasks(ecs, CLUSTER, SERVICE, "RUNNING").get(0);
                ecs.stopTask(r -> r.cluster(CLUSTER).task(victim.taskArn()).reason("stopped by hand"));
                // The stopped task shows RUNNING until its DEACTIVATING step: wait for the replacement itself to run.
                pollUntil("the stopped task replaced", described -> {
                    List<Task> live = tasks(ecs, CLUSTER, SERVICE, "RUNNING");
                    return live.size() == DESIRED && live.stream().allMatch(t -> "RUNNING".equals(t.lastStatus()))
                            && live.stream().noneMatch(t -> t.taskArn().equals(victim.taskArn()));
                }, 300);
                return revisions[1];
            }
            case EARLIER_ROLLOUT -> {
                ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(revisions[1]));
                bounds.watching();
                pollUntilStable();
                return revisions[2];
            }
            case ROLLOUT_IN_PROGRESS -> {
                ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(revisions[1]));
                bounds.watching();
                pollUntil("the earlier rollout's tasks RUNNING", described -> primary(described).runningCount() > 0, 300);
                return revisions[2];
            }
            case ROLLED_BACK -> {
                // The circuit breaker rolls back to "the last deployment that completed successfully": let there be one.
                pollUntil("the first deployment COMPLETED", described -> "COMPLETED".equals(
                        primary(described).rolloutStateAsString()), 300);
                ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(missingImage));
                bounds.watching();
                pollUntil("rolled back and stable", described -> described.taskDefinition().equals(revisions[0])
                        && described.deployments().size() == 1 && described.runningCount() == DESIRED, 900);
                return revisions[1];
            }
            default -> throw new IllegalArgumentException(history.name());
        }
    }

    /** What waitUntilServicesStable waits for: one deployment, and runningCount equal to desiredCount. */
    private void pollUntilStable() {
        pollUntil("stable", described -> described.deployments().size() == 1
                && described.runningCount() == described.desiredCount(), 300);
    }

    /** Polls DescribeServices every emulated second, as a waiter would, checking the bounds after every clock step. */
    private Service pollUntil(String what, Predicate<Service> done, int seconds) {
        for (int second = 0; second < seconds; second++) {
            Service described = describe(ecs, CLUSTER, SERVICE);
            if (done.test(described)) {
                return described;
            }
            clock.advance(Duration.ofSeconds(1), bounds::check);
        }
        throw new AssertionError("Not " + what + " after " + seconds + " s: " + describe(ecs, CLUSTER, SERVICE));
    }

    /** The floor and the ceiling, checked through the SDK once a rollout has started. */
    final class Bounds {
        final int minimumHealthyPercent;
        final int maximumPercent;
        final boolean healthCheck;
        final List<String> violations = new ArrayList<>();
        int samples;
        boolean watching;
        boolean floorReachedByHealthy;
        int lowestDesired = DESIRED;
        int highestDesired = DESIRED;

        Bounds(int minimumHealthyPercent, int maximumPercent, boolean healthCheck) {
            this.minimumHealthyPercent = minimumHealthyPercent;
            this.maximumPercent = maximumPercent;
            this.healthCheck = healthCheck;
        }

        void watching() {
            watching = true;
        }

        /** While desiredCount changes, the floor of the lower and the ceiling of the higher count hold. */
        void desiredCountChanged(int from, int to) {
            lowestDesired = Math.min(from, to);
            highestDesired = Math.max(from, to);
            floorReachedByHealthy = false;
        }

        void check() {
            if (!watching) {
                return;
            }
            samples++;
            Instant now = clock.now();
            List<Task> live = tasks(ecs, CLUSTER, SERVICE, "RUNNING").stream()
                    .filter(t -> !"STOPPED".equals(t.lastStatus())).toList();
            List<Task> running = live.stream().filter(t -> "RUNNING".equals(t.lastStatus())).toList();
            long healthy = running.stream().filter(t -> countsAsHealthy(t, now)).count();
            int floor = (int) Math.ceil(lowestDesired * minimumHealthyPercent / 100.0);
            int ceiling = Math.max(highestDesired, (int) Math.floor(highestDesired * maximumPercent / 100.0));
            if (running.size() < floor) {
                violations.add(now + ": " + running.size() + " tasks RUNNING, below the floor of " + floor
                        + " (desiredCount " + lowestDesired + " × minimumHealthyPercent " + minimumHealthyPercent + ")");
            }
            if (floorReachedByHealthy && healthy < floor) {
                violations.add(now + ": " + healthy + " tasks count as healthy, fewer than the floor of " + floor
                        + " they had reached");
            }
            floorReachedByHealthy |= healthy >= floor;
            // The ceiling counts the tasks the scheduler keeps: a task it has just asked to stop may still show RUNNING
            // (desiredStatus STOPPED) until its DEACTIVATING step, as on AWS, while its replacement is already PENDING.
            if (live.size() > ceiling) {
                violations.add(now + ": " + live.size() + " tasks RUNNING or PENDING with desiredStatus RUNNING, above the "
                        + "ceiling of " + ceiling + " (desiredCount " + highestDesired + " × maximumPercent " + maximumPercent + ")");
            }
        }

        /** RUNNING and HEALTHY with a health check; without one, RUNNING for 40 seconds (API_DeploymentConfiguration). */
        private boolean countsAsHealthy(Task task, Instant now) {
            if (healthCheck) {
                return "HEALTHY".equals(task.healthStatusAsString());
            }
            return !task.startedAt().plus(ServiceTaskStates.HEALTHY_WITHOUT_HEALTH_CHECK).isAfter(now);
        }
    }
}
