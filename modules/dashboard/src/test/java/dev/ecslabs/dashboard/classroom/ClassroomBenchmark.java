package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.classroom.member.ClassroomMember;
import dev.ecslabs.dashboard.classroom.room.Classroom;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The classroom's benchmark (a program, not a test): fifty learners, each with the real tool of
 * {@code lab start --join} and its default timings, work through the whole course several times
 * at once, as fast as their progress files take it, while one client reads the grid page without
 * pause, as a projector's refreshes would (but far more often). Prints the grid page's latency
 * under that load, the events' rate, and whether every event landed exactly once. Run it as
 * docs/performance.md says.
 */
public final class ClassroomBenchmark {
    private ClassroomBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("classroom-benchmark");
        HttpClient http = HttpClient.newHttpClient();
        try (Classroom classroom = Rooms.open(dir.resolve("room"), 0, "BENCH1", Rooms.FULL_COURSE)) {
            List<SimulatedLearner> crowd = new ArrayList<>();
            for (int i = 0; i < learners; i++) {
                crowd.add(new SimulatedLearner(dir.resolve("learner-" + i), "Learner " + i, classroom.url(), "BENCH1",
                        ClassroomMember.Timings.DEFAULT));
            }
            for (SimulatedLearner learner : crowd) {
                learner.member().deliverAll(Duration.ofSeconds(60));
            }
            HttpRequest gridPage = HttpRequest.newBuilder(classroom.url()).build();
            for (int i = 0; i < 500; i++) {
                http.send(gridPage, HttpResponse.BodyHandlers.ofString());
            }

            CountDownLatch done = new CountDownLatch(learners);
            ExecutorService pool = Executors.newFixedThreadPool(learners);
            long started = System.nanoTime();
            for (int i = 0; i < learners; i++) {
                SimulatedLearner learner = crowd.get(i);
                Random random = new Random(i);
                pool.submit(() -> {
                    try {
                        SimulatedLearner.Plan plan = SimulatedLearner.plan(Rooms.FULL_COURSE, Integer.MAX_VALUE);
                        for (int round = 0; round < rounds; round++) {
                            learner.work(plan, 0, plan.order().size(), random);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            List<Long> micros = new ArrayList<>();
            long bytes = 0;
            while (done.getCount() > 0) {
                long before = System.nanoTime();
                HttpResponse<String> page = http.send(gridPage, HttpResponse.BodyHandlers.ofString());
                micros.add((System.nanoTime() - before) / 1000);
                bytes = page.body().length();
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("The grid page answered " + page.statusCode());
                }
            }
            boolean delivered = true;
            for (SimulatedLearner learner : crowd) {
                delivered &= learner.member().deliverAll(Duration.ofSeconds(120));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdownNow();

            Grid grid = Grid.read(classroom.url());
            long made = 0;
            boolean exactlyOnce = delivered;
            for (SimulatedLearner learner : crowd) {
                made += learner.member().eventsMade();
                exactlyOnce &= grid.row(learner.name).received() == learner.member().eventsMade();
                learner.close();
            }
            Collections.sort(micros);
            System.out.println();
            System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                    + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%d learners x %d runs of the course (%d exercises): %d events in %.1f s, %.0f events/s%n",
                    learners, rounds, Rooms.FULL_COURSE.exerciseCount(), made, seconds, made / seconds);
            System.out.println("Every event landed exactly once: " + (exactlyOnce ? "yes" : "NO"));
            System.out.printf(Locale.ROOT, "Grid page (%d learners x %d exercises, %d KB), %d reads under that load: "
                            + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    learners, Rooms.FULL_COURSE.exerciseCount(), bytes / 1024, micros.size(), percentile(micros, 50),
                    percentile(micros, 95), percentile(micros, 99), micros.get(micros.size() - 1) / 1000.0);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        System.exit(0);
    }

    private static double percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1)) / 1000.0;
    }

}
