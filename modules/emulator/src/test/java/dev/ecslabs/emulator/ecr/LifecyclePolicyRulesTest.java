package dev.ecslabs.emulator.ecr;

import static dev.ecslabs.emulator.ecr.LifecyclePolicyTest.rule;
import static dev.ecslabs.emulator.ecr.LifecyclePolicyTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.blob.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The evaluation rules of https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html#lp_evaluation_rules,
 * on the evaluator alone.
 */
class LifecyclePolicyRulesTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    @DisplayName("tagPrefixList matches an image when every prefix matches one of its tags")
    void prefixesMustAllMatch() {
        LifecyclePolicy policy = LifecyclePolicy.parse(rules(rule(1,
                "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\",\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1")));
        List<LifecyclePolicy.Candidate> images = List.of(
                image(1, 3, "prod", "v1"), image(2, 2, "prod", "v2"), image(3, 1, "prod"));

        assertThat(expired(policy, images)).containsExactly(digest(1));
    }

    @Test
    @DisplayName("tagPatternList wildcards match whole tags: prod* matches prod-1 but not preprod")
    void patternsMatchWholeTags() {
        LifecyclePolicy policy = LifecyclePolicy.parse(rules(rule(1,
                "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1")));

        assertThat(expired(policy, List.of(image(1, 48, "prod-1"), image(2, 48, "preprod"), image(3, 1, "prod-2"))))
                .containsExactly(digest(1));
    }

    @Test
    @DisplayName("An image is expired by one rule only, and imageCountMoreThan still counts images a higher rule expired")
    void oneRulePerImage() {
        LifecyclePolicy policy = LifecyclePolicy.parse(rules(
                rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                rule(2, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2")));
        List<LifecyclePolicy.Candidate> images = List.of(image(1, 4), image(2, 3), image(3, 2, "v3"), image(4, 1, "v4"));

        List<LifecyclePolicy.Expiry> expiries = policy.evaluate(images, NOW);

        assertThat(expiries).extracting(e -> e.image().digest()).containsExactly(digest(1));
        assertThat(expiries).extracting(LifecyclePolicy.Expiry::rulePriority).containsExactly(1);
    }

    @Test
    @DisplayName("The next age threshold is the earliest moment an image comes of age for a sinceImagePushed rule")
    void nextThreshold() {
        LifecyclePolicy policy = LifecyclePolicy.parse(rules(rule(1,
                "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":2")));

        assertThat(policy.nextAgeThreshold(List.of(image(1, 10), image(2, 47, "tagged")), NOW))
                .hasValue(NOW.minus(Duration.ofHours(10)).plus(Duration.ofDays(2)));
    }

    private static List<Digest> expired(LifecyclePolicy policy, List<LifecyclePolicy.Candidate> images) {
        List<Digest> digests = new ArrayList<>();
        policy.evaluate(images, NOW).forEach(e -> digests.add(e.image().digest()));
        return digests;
    }

    private static LifecyclePolicy.Candidate image(int id, int hoursAgo, String... tags) {
        return new LifecyclePolicy.Candidate(digest(id), Set.of(tags), NOW.minus(Duration.ofHours(hoursAgo)));
    }

    private static Digest digest(int id) {
        return Digest.of(new byte[] {(byte) id});
    }
}
