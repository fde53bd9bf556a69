package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.room.Classroom;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty learners working through the whole course at once, each with the real tool that {@code lab
 * start --join} runs (a progress file, the outbox on disk, the sender), against one classroom over
 * HTTP; and the same with the classroom stopped and started again in the middle. Twenty senders are
 * ten per core of a 2-core build machine, so they race for the classroom as fifty do, and four of
 * them stop at a failing exercise, four close their laptop while it is down (fifty made the build
 * 25 s slower and missed the 120 s patience at load 25). The grid's speed under fifty learners'
 * load is measured by {@code ClassroomBenchmark}, not here.
 */
class ClassroomLoadTest {
    private static final int LEARNERS = 20;
    private static final String CODE = "LOAD20";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    @DisplayName("20 learners sending a full course run at once: every event lands exactly once and the grid is right")
    void twentyLearnersAtOnce() throws Exception {
        try (Classroom classroom = Rooms.open(dir.resolve("room"), 0, CODE, Rooms.FULL_COURSE)) {
            List<SimulatedLearner> learners = learners(classroom);
            List<SimulatedLearner.Plan> plans = plans();
            AtomicInteger gridPagesServed = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(LEARNERS);
            CompletableFuture<Void> projector = CompletableFuture.runAsync(() -> {
                // the instructor's page keeps reading the grid while the learners work; it must keep answering
                HttpClient http = HttpClient.newHttpClient();
                while (done.getCount() > 0) {
                    try {
                        HttpResponse<String> page = http.send(HttpRequest.newBuilder(classroom.url()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(page.statusCode()).isEqualTo(200);
                        gridPagesServed.incrementAndGet();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(LEARNERS);
            try {
                for (int i = 0; i < LEARNERS; i++) {
                    SimulatedLearner learner = learners.get(i);
                    SimulatedLearner.Plan plan = plans.get(i);
                    Random random = new Random(i);
                    pool.submit(() -> {
                        try {
                            learner.work(plan, 0, plan.order().size(), random);
                        } finally {
                            done.countDown();
                        }
                    });
                }
                assertThat(done.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the learners finished working").isTrue();
                projector.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEverythingDelivered(classroom, learners, plans);
                assertThat(gridPagesServed.get()).isPositive();
            } finally {
                pool.shutdownNow();
                learners.forEach(SimulatedLearner::close);
            }
        }
    }

    @Test
    @DisplayName("The classroom stopped and started again while learners work: nothing is lost, nothing counted twice")
    void classroomRestartsInTheMiddle() throws Exception {
        Classroom classroom = Rooms.open(dir.resolve("room"), 0, CODE, Rooms.FULL_COURSE);
        int port = classroom.url().getPort();
        List<SimulatedLearner> learners = learners(classroom);
        List<SimulatedLearner.Plan> plans = plans();
        try {
            int half = Rooms.FULL_COURSE.exerciseCount() / 2;
            inParallel(learners, (learner, i) -> learner.work(plans.get(i), 0, half, new Random(i)));
            for (SimulatedLearner learner : learners) {
                assertThat(learner.member().deliverAll(PATIENCE)).as(learner.name + " delivered the first half").isTrue();
            }

            classroom.close();
            // while it is down, learners go on working; some close their laptops and come back
            inParallel(learners, (learner, i) -> learner.work(plans.get(i), half, half + 5, new Random(100 + i)));
            for (int i = 0; i < LEARNERS; i += 5) {
                learners.get(i).restartTool();
            }
            for (int i = 0; i < LEARNERS; i++) {
                SimulatedLearner learner = learners.get(i);
                learner.member().readProgressNow();
                if (plans.get(i).stopAt() >= half) {
                    assertThat(learner.member().queued()).as(learner.name + "'s results queued while the classroom is down")
                            .isPositive();
                }
            }

            classroom = Rooms.open(dir.resolve("room"), port, null, Rooms.FULL_COURSE);
            assertThat(classroom.restoredLearners()).isEqualTo(LEARNERS);
            inParallel(learners, (learner, i) -> learner.work(plans.get(i), half + 5, Integer.MAX_VALUE, new Random(200 + i)));
            assertEverythingDelivered(classroom, learners, plans);
        } finally {
            learners.forEach(SimulatedLearner::close);
            classroom.close();
        }
    }

    private List<SimulatedLearner> learners(Classroom classroom) {
        List<SimulatedLearner> learners = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            learners.add(new SimulatedLearner(dir.resolve("learner-" + i), "Learner " + i, classroom.url(), CODE));
        }
        return learners;
    }

    /** Most learners finish the course; every fifth stops at a failing exercise somewhere along it. */
    private static List<SimulatedLearner.Plan> plans() {
        List<SimulatedLearner.Plan> plans = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            plans.add(SimulatedLearner.plan(Rooms.FULL_COURSE, i % 5 == 0 ? (i * 7) % Rooms.FULL_COURSE.exerciseCount()
                    : Integer.MAX_VALUE));
        }
        return plans;
    }

    private static void assertEverythingDelivered(Classroom classroom, List<SimulatedLearner> learners,
                                                  List<SimulatedLearner.Plan> plans) throws InterruptedException {
        for (SimulatedLearner learner : learners) {
            assertThat(learner.member().deliverAll(PATIENCE)).as(learner.name + " delivered everything").isTrue();
        }
        Grid grid = Grid.read(classroom.url());
        assertThat(grid.rows()).hasSize(LEARNERS);
        for (int i = 0; i < LEARNERS; i++) {
            SimulatedLearner learner = learners.get(i);
            Grid.Row row = grid.row(learner.name);
            assertThat(row.received()).as("events %s made and the classroom took, each once", learner.name)
                    .isEqualTo(learner.member().eventsMade());
            for (String exercise : plans.get(i).order()) {
                assertThat(row.state(exercise)).as("%s's %s", learner.name, exercise).isEqualTo(plans.get(i).expected(exercise));
            }
        }
    }

    private interface Work {
        void run(SimulatedLearner learner, int index);
    }

    private static void inParallel(List<SimulatedLearner> learners, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(learners.size());
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < learners.size(); i++) {
                int index = i;
                all.add(CompletableFuture.runAsync(() -> work.run(learners.get(index), index), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
