package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The linear-time matcher of the models' patterns: it compiles all of them, agrees with java.util.regex, and never backtracks. */
class ModelPatternTest {
    private static final int MEBIBYTE = 1 << 20;
    /** Generous for a loaded 2-core machine; a pattern that backtracks takes minutes to hours on these strings. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    @DisplayName("Every pattern of every served model compiles to the linear-time matcher")
    void everyModelPatternCompiles() {
        Set<String> patterns = modelPatterns();

        assertThat(patterns).hasSizeGreaterThan(20);
        for (String pattern : patterns) {
            assertThat(InputValidator.pattern(pattern)).as(pattern).isPresent();
        }
    }

    @Test
    @DisplayName("A surrogate pair written as two \\u escapes is one code point, as in EC2 Auto Scaling's XmlString")
    void surrogatePairEscapes() {
        String xmlString = "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$";
        ModelPattern mine = ModelPattern.compile(xmlString);
        Pattern java = Pattern.compile(xmlString);
        for (String text : List.of("ecs-optimized", "caf\u00e9 \uD83D\uDE00 ok", "tab\tand\r\nlines", "nul\u0000",
                "\uFFFE", "bell\u0007", "")) {
            assertThat(mine.find(text)).as("\"%s\"", text).isEqualTo(java.matcher(text).find());
        }
        assertThat(mine.find("\uD83D\uDE00")).as("an emoji, U+1F600, is in the range").isTrue();
    }

    @Test
    @DisplayName("It finds a pattern in exactly the strings java.util.regex finds it in")
    void agreesWithJavaRegex() {
        List<String> patterns = new ArrayList<>(modelPatterns());
        patterns.addAll(List.of("a|b", "^$", "(a|ab)(c|bcd)(d*)", "x{2,3}y?", "[^a-c]+$", "\\d+\\.\\d*", "(?:ab)*c",
                "^(?!ar)[a-z]{1,3}$", "[\\w-]+", "(?=^a)a|b", "^\\p{Print}+$"));
        String alphabet = "aZ09._-/:*@=+ \t!~\u00e9\u0000rnkms";
        String[] words = {"arn:aws:kms:us-east-1:123456789012:key/ab-1", "a.b/c", "arn:aws:iam::123456789012:role/x",
                "sha256:abc", "abc.def.com", "a__b--c", "ROOT", "arn:"};
        Random random = new Random(14);
        for (String regex : patterns) {
            ModelPattern mine = ModelPattern.compile(regex);
            Pattern java = Pattern.compile(regex);
            for (int i = 0; i < 3000; i++) {
                StringBuilder text = new StringBuilder();
                if (random.nextInt(3) == 0) {
                    text.append(words[random.nextInt(words.length)]);
                }
                for (int k = random.nextInt(14); k > 0; k--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                assertThat(mine.find(text)).as("%s in \"%s\"", regex, text).isEqualTo(java.matcher(text).find());
            }
        }
    }

    @Test
    @DisplayName("Every pattern of every served model answers on 1 MiB adversarial strings in well under a second")
    void everyPatternIsLinear() {
        Map<String, String> adversarial = new LinkedHashMap<>();
        adversarial.put("a...a!", "a".repeat(MEBIBYTE) + "!");
        adversarial.put("0...0 NUL", "0".repeat(MEBIBYTE) + "\u0000");
        adversarial.put("a.a.a...!", "a.".repeat(MEBIBYTE / 2) + "!");
        adversarial.put("a-a-a...!", "a-".repeat(MEBIBYTE / 2) + "!");
        adversarial.put("a/a/a...!", "a/".repeat(MEBIBYTE / 2) + "!");
        adversarial.put("a:a:a...!", "a:".repeat(MEBIBYTE / 2) + "!");
        adversarial.put("e-acute...", "\u00e9".repeat(MEBIBYTE) + " ");
        List<Long> firstAnswers = new ArrayList<>();
        List<Long> laterAnswers = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String slowest = "";
        for (String regex : modelPatterns()) {
            ModelPattern pattern = ModelPattern.compile(regex);
            for (Map.Entry<String, String> text : adversarial.entrySet()) {
                // The first answer builds the automaton's states; the second is what a warm emulator pays.
                for (List<Long> answers : List.of(firstAnswers, laterAnswers)) {
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    pattern.find(text.getValue());
                    long nanos = System.nanoTime() - start;
                    long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
                    cpu.add(cpuNanos);
                    // The matcher's own work is this thread's CPU time: the wall time also holds whatever else
                    // the machine ran meanwhile (the module's other classes, other builds), 2.5 s at load 30.
                    assertThat(Duration.ofNanos(cpuNanos)).as("CPU time of %s on %s", regex, text.getKey()).isLessThan(BOUND);
                    if (answers == firstAnswers && firstAnswers.stream().allMatch(n -> n <= nanos)) {
                        slowest = regex + " on " + text.getKey();
                    }
                    answers.add(nanos);
                }
            }
        }
        System.out.printf("[bad input] %d model patterns x %d strings of 1 MiB: first answer median %.1f ms, slowest %.1f ms (%s); "
                        + "warm answer median %.1f ms, slowest %.1f ms; CPU time per answer median %.1f ms, most %.1f ms%n",
                modelPatterns().size(), adversarial.size(), median(firstAnswers), max(firstAnswers), slowest,
                median(laterAnswers), max(laterAnswers), median(cpu), max(cpu));
    }

    @Test
    @DisplayName("Syntax only a backtracking engine could match is refused, not matched slowly")
    void refusesBacktrackingSyntax() {
        assertThatThrownBy(() -> ModelPattern.compile("(a)\\1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\1");
        assertThatThrownBy(() -> ModelPattern.compile("(?<=a)b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelPattern.compile("a(?!b)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookahead that is not at the start");
        assertThatThrownBy(() -> ModelPattern.compile("a++")).isInstanceOf(IllegalArgumentException.class);
    }

    private static double median(List<Long> nanos) {
        return nanos.stream().sorted().skip(nanos.size() / 2).findFirst().orElse(0L) / 1e6;
    }

    private static double max(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).max().orElse(0L) / 1e6;
    }

    /**
     * IAM's account alias ({@code accountAliasType}) forbids two hyphens in a row with a lookahead in
     * mid-pattern, which the linear-time matcher does not take: the validator skips it (it warns), and
     * the emulator serves no action that takes an alias (CreateAccountAlias, DeleteAccountAlias).
     */
    static final String IAM_ACCOUNT_ALIAS = "^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
    /**
     * Application Auto Scaling's {@code ScheduledActionName} starts with an unanchored negative lookahead,
     * which an ECMA-262 search tries at every position: the matcher does not take it, so the validator skips
     * it and {@code autoscaling/ScheduledActionActions} checks the rule it means (no leading or trailing
     * space, no control characters, no {@code : / |}) itself.
     */
    static final String SCHEDULED_ACTION_NAME = "(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+";
    /** The model patterns the linear-time matcher does not take, each explained above. */
    static final Set<String> SKIPPED = Set.of(IAM_ACCOUNT_ALIAS, SCHEDULED_ACTION_NAME);

    @Test
    @DisplayName("The patterns it cannot take (IAM's account alias, Application Auto Scaling's scheduled action name) are skipped by the validator, not matched by backtracking")
    void unsupportedPatternsSkipped() {
        for (String pattern : SKIPPED) {
            assertThat(InputValidator.pattern(pattern)).as(pattern).isEmpty();
        }
    }

    /** Every pattern of every model the emulator serves but the skipped ones, read from the vendored models. */

    static Set<String> modelPatterns() {
        Set<String> patterns = new TreeSet<>();
        for (AwsService service : AwsService.values()) {
            ServiceModel model = ServiceModel.of(service);
            for (String name : model.shapeNames()) {
                if (model.shape(name).has("pattern") && !SKIPPED.contains(model.shape(name).get("pattern").asText())) {
                    patterns.add(model.shape(name).get("pattern").asText());
                }
            }
        }
        return patterns;
    }
}
