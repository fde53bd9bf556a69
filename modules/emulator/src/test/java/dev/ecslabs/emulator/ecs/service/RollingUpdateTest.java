package dev.ecslabs.emulator.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rolling update's arithmetic on its own, with the API reference's own examples
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 */
class RollingUpdateTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    @DisplayName("The floor rounds up and the ceiling rounds down: 4 tasks at 50% keep 2; 4 at 200% may run 8; 3 at 150% may run 4")
    void floorAndCeiling() {
        assertThat(RollingUpdate.floor(4, 50)).isEqualTo(2);
        assertThat(RollingUpdate.floor(3, 50)).isEqualTo(2);
        assertThat(RollingUpdate.floor(4, 100)).isEqualTo(4);
        assertThat(RollingUpdate.ceiling(4, 200)).isEqualTo(8);
        assertThat(RollingUpdate.ceiling(3, 150)).isEqualTo(4);
        assertThat(RollingUpdate.ceiling(1, 150)).as("never below desiredCount").isEqualTo(1);
    }

    @Test
    @DisplayName("'a desiredCount of four tasks and a maximumPercent value of 200%: the scheduler may start four new tasks before stopping the four older tasks'")
    void startsFourBeforeStoppingFour() {
        RollingUpdate.Plan plan = RollingUpdate.plan(4, 100, 200, "new", true, tasks("old", 4, RollingUpdate.Readiness.HEALTHY));

        assertThat(plan.start()).isEqualTo(4);
        assertThat(plan.stop()).isEmpty();
    }

    @Test
    @DisplayName("'a desiredCount of four tasks and a minimumHealthyPercent of 50%: the service scheduler may stop two existing tasks ... before starting two new tasks'")
    void stopsTwoBeforeStartingTwo() {
        RollingUpdate.Plan plan = RollingUpdate.plan(4, 50, 100, "new", true, tasks("old", 4, RollingUpdate.Readiness.HEALTHY));

        assertThat(plan.stop()).hasSize(2);
        assertThat(plan.start()).isEqualTo(2);
    }

    @Test
    @DisplayName("Old tasks not yet RUNNING are stopped whatever the floor; healthy ones only while the new ones keep it")
    void stopsOldTasksAboveTheFloor() {
        List<RollingUpdate.LiveTask> live = new ArrayList<>(tasks("old", 2, RollingUpdate.Readiness.HEALTHY));
        live.addAll(tasks("old", 1, RollingUpdate.Readiness.PENDING));
        live.addAll(tasks("new", 2, RollingUpdate.Readiness.HEALTHY));

        RollingUpdate.Plan plan = RollingUpdate.plan(3, 100, 200, "new", true, live);

        assertThat(plan.stop()).extracting(RollingUpdate.LiveTask::readiness)
                .containsExactly(RollingUpdate.Readiness.PENDING, RollingUpdate.Readiness.HEALTHY);
        assertThat(plan.start()).isEqualTo(1);
    }

    @Test
    @DisplayName("An old task RUNNING but not yet counted healthy (its first 40 s) stays while the healthy tasks don't hold the floor without it")
    void keepsOldRunningTasksThatDontCountYet() {
        List<RollingUpdate.LiveTask> live = new ArrayList<>(tasks("old", 2, RollingUpdate.Readiness.STARTING));

        RollingUpdate.Plan rolloutStarts = RollingUpdate.plan(2, 100, 200, "new", true, live);
        live.addAll(tasks("new", 2, RollingUpdate.Readiness.HEALTHY));
        RollingUpdate.Plan newOnesHealthy = RollingUpdate.plan(2, 100, 200, "new", true, live);

        assertThat(rolloutStarts.stop()).as("stopping them would leave no task RUNNING").isEmpty();
        assertThat(rolloutStarts.start()).isEqualTo(2);
        assertThat(newOnesHealthy.stop()).hasSize(2).allSatisfy(t -> assertThat(t.deploymentId()).isEqualTo("old"));
    }

    @Test
    @DisplayName("Scaling in stops the least ready tasks first; a FAILED deployment starts none")
    void scalesInAndRespectsFailure() {
        List<RollingUpdate.LiveTask> live = new ArrayList<>(tasks("d", 2, RollingUpdate.Readiness.HEALTHY));
        live.addAll(tasks("d", 1, RollingUpdate.Readiness.STARTING));

        RollingUpdate.Plan in = RollingUpdate.plan(2, 100, 200, "d", true, live);
        RollingUpdate.Plan failed = RollingUpdate.plan(5, 100, 200, "d", false, live);

        assertThat(in.stop()).singleElement().satisfies(t -> assertThat(t.readiness()).isEqualTo(RollingUpdate.Readiness.STARTING));
        assertThat(failed.start()).isZero();
    }

    private static List<RollingUpdate.LiveTask> tasks(String deployment, int count, RollingUpdate.Readiness readiness) {
        List<RollingUpdate.LiveTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new RollingUpdate.LiveTask(deployment + "-" + readiness + "-" + i, deployment, readiness, T.plusSeconds(i)));
        }
        return tasks;
    }
}
