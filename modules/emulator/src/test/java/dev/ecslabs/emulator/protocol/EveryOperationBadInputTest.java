package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The general protection of issue 14: every operation of every model the emulator serves (read
 * from the vendored models, so a service added later is walked too) gets each class of bad input,
 * and each answer is an AWS-shaped 4xx that names the fault, in bounded time, with nothing changed
 * and the heap flat.
 */
@EmulatorTest // a ManualClock at 2026-01-01T00:00:00Z
// Alone in the JVM: the walk weighs the JVM's heap after GC before and after, which other classes' emulators would move.
@Isolated
class EveryOperationBadInputTest {
    private static final String ACCOUNT = "141414141414";
    /** Generous for a loaded 2-core machine; a quadratic check or an SDK retry after a 5xx takes far longer. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** Heap after GC may move by a few MiB (caches of patterns, JIT); a leak per request would show far more. */
    private static final long HEAP_SLACK_BYTES = 16L << 20;

    static Emulator emulator;
    static RawAwsJson aws;

    @BeforeAll
    static void start() {
        aws = new RawAwsJson(emulator, ACCOUNT);
        // Something to change: a cluster, a repository and a namespace in the account under test.
        aws.post(AwsService.ECS, "CreateCluster", "{\"clusterName\":\"a\"}");
        aws.post(AwsService.ECR, "CreateRepository", "{\"repositoryName\":\"a\"}");
        aws.post(AwsService.CLOUD_MAP, "CreateHttpNamespace", "{\"Name\":\"a\"}");
    }

    @Test
    @DisplayName("Every class of bad input to every operation of every served model is an AWS-shaped 4xx naming the fault, "
            + "in bounded time, changing nothing, with the heap flat")
    void everyOperationRefusesEveryClassOfBadInput() {
        List<BadInputCases.Case> cases = new ArrayList<>();
        Map<BadInputCases.Kind, Integer> perKind = new EnumMap<>(BadInputCases.Kind.class);
        int operations = 0;
        for (AwsService service : AwsService.speaking(AwsService.Protocol.AWS_JSON)) { // QueryBadInputTest for Query
            BadInputCases maker = new BadInputCases(service);
            for (String action : ServiceModel.of(service).operationNames()) {
                operations++;
                for (BadInputCases.Kind kind : BadInputCases.Kind.values()) {
                    Optional<BadInputCases.Case> made = maker.make(action, kind);
                    made.ifPresent(cases::add);
                    made.ifPresent(c -> perKind.merge(kind, 1, Integer::sum));
                }
            }
        }
        Map<String, String> before = fingerprint();
        long heapBefore = heapAfterGc();
        long start = System.nanoTime();
        Duration slowest = Duration.ZERO;
        BadInputCases.Case slowestCase = null;

        List<String> failures = new ArrayList<>();
        for (BadInputCases.Case bad : cases) {
            RawAwsJson.Answer answer;
            try {
                answer = aws.post(bad.service(), bad.action(), bad.body());
            } catch (RuntimeException e) {
                failures.add(bad + " -> no answer: " + e.getMessage());
                continue;
            }
            String problem = problem(bad, answer);
            if (problem != null) {
                failures.add(problem);
            }
            if (answer.took().compareTo(slowest) > 0) {
                slowest = answer.took();
                slowestCase = bad;
            }
        }

        Duration walk = Duration.ofNanos(System.nanoTime() - start);
        long heapAfter = heapAfterGc();
        System.out.printf("[bad input] %d operations, %d bad requests %s in %.1f s; slowest answer %d ms (%s %s %s); "
                        + "heap after GC %.1f MiB before, %.1f MiB after%n", operations, cases.size(), perKind,
                walk.toMillis() / 1e3, slowest.toMillis(), slowestCase.service(), slowestCase.action(), slowestCase.kind(),
                heapBefore / 1048576.0, heapAfter / 1048576.0);
        assertThat(failures).as("answers that were not an AWS-shaped 4xx naming the fault").isEmpty();
        assertThat(fingerprint()).as("what the account's list and describe calls show").isEqualTo(before);
        assertThat(heapAfter - heapBefore).as("heap growth after GC over the walk").isLessThan(HEAP_SLACK_BYTES);
        for (BadInputCases.Kind kind : BadInputCases.Kind.values()) {
            assertThat(perKind).as("some operation takes bad input of kind %s", kind).containsKey(kind);
        }
    }

    @Test
    @DisplayName("A well-formed call to every operation, with the smallest values the model allows, never answers 5xx")
    void wellFormedCallsNeverAnswer5xx() {
        // Another account: these calls may create things, and the walk above checks that its account stays as it was.
        RawAwsJson other = new RawAwsJson(emulator, "252525252525");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (AwsService service : AwsService.speaking(AwsService.Protocol.AWS_JSON)) { // QueryBadInputTest for Query
            BadInputCases maker = new BadInputCases(service);
            ServiceModel model = ServiceModel.of(service);
            for (String action : model.operationNames()) {
                String body = model.inputShapeName(action).map(shape -> maker.valid(shape, 0).toString()).orElse("{}");
                RawAwsJson.Answer answer = other.post(service, action, body);
                calls++;
                if (answer.status() >= 500 || answer.took().compareTo(BOUND) > 0) {
                    failures.add(service + " " + action + " " + body + " -> " + answer.status() + " in "
                            + answer.took().toMillis() + " ms: " + answer.body());
                }
            }
        }
        assertThat(failures).as("of %d well-formed calls", calls).isEmpty();
    }

    private static String problem(BadInputCases.Case bad, RawAwsJson.Answer answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return bad + " -> " + answer.status() + " " + answer.body();
        }
        if (answer.took().compareTo(BOUND) > 0) {
            return bad + " -> took " + answer.took().toMillis() + " ms";
        }
        if (answer.requestId() == null || answer.type().isBlank() || answer.message().isBlank()) {
            return bad + " -> not AWS's error shape: " + answer.body();
        }
        // The model's checks run for an action the emulator does not serve too; the JSON types only where it serves it.
        boolean notServed = !emulator.operations().implemented(bad.service()).contains(bad.action())
                && answer.message().contains("is not served by this emulator");
        if (bad.expected() != null && !answer.message().contains(bad.expected())
                && !(notServed && "must be".equals(bad.expected()))) {
            return bad + " -> " + answer.type() + " without \"" + bad.expected() + "\": " + answer.message();
        }
        return null;
    }

    /** What every list and describe call that needs no argument shows of the account: bad input must leave it as it was. */
    private static Map<String, String> fingerprint() {
        Map<String, String> seen = new TreeMap<>();
        for (AwsService service : AwsService.speaking(AwsService.Protocol.AWS_JSON)) { // QueryBadInputTest for Query
            ServiceModel model = ServiceModel.of(service);
            for (String action : model.operationNames()) {
                boolean read = action.startsWith("List") || action.startsWith("Describe");
                boolean needsNothing = model.inputShapeName(action).map(s -> model.shape(s).path("required").isEmpty()).orElse(true);
                if (read && needsNothing) {
                    RawAwsJson.Answer answer = aws.post(service, action, "{}");
                    seen.put(service + " " + action, answer.status() + " " + answer.body());
                }
            }
        }
        return seen;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
