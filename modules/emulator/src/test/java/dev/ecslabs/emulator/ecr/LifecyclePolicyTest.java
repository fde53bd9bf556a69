package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewInProgressException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;

/**
 * Lifecycle policies on the emulator's clock, as https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
 * and lifecycle_policy_parameters.html describe them: checked when put, previewed, and really applied.
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class LifecyclePolicyTest {
    static final String KEEP_TWO_RELEASES = rules(
            rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":2"),
            rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1"));

    ManualClock clock;
    Emulator emulator;
    EcrClient ecr;

    @BeforeEach
    void start() {
        ecr.createRepository(b -> b.repositoryName("app"));
    }

    @Test
    @DisplayName("PutLifecyclePolicy refuses broken rules with an InvalidParameterException that says what is wrong")
    void validatesRules() {
        Map<String, String> broken = Map.of(
                "not json", "not valid JSON",
                rules(rule(1, "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                "either a tagPrefixList or a tagPatternList",
                rules(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0")),
                "countNumber must be a positive",
                rules(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countNumber\":3")),
                "needs countUnit \\\"days\\\"".replace("\\\"", "\""),
                rules(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3"),
                        rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "must have the highest rulePriority",
                rules(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3"),
                        rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "is used by more than one rule",
                rules(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*a*b*c*d*e\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "more than four wildcards");
        broken.forEach((policy, problem) -> assertThatThrownBy(() -> ecr.putLifecyclePolicy(b -> b.repositoryName("app")
                .lifecyclePolicyText(policy.length() < 100 ? policy + " ".repeat(100) : policy)))
                .as(problem).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Lifecycle policy validation failure").hasMessageContaining(problem));
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(b -> b.repositoryName("app")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
    }

    @Test
    @DisplayName("A preview is IN_PROGRESS, then COMPLETE with the images the policy would expire, older first")
    void previews() {
        List<String> digests = pushReleases(4);
        ecr.putLifecyclePolicy(b -> b.repositoryName("app").lifecyclePolicyText(KEEP_TWO_RELEASES));

        ecr.startLifecyclePolicyPreview(b -> b.repositoryName("app"));
        GetLifecyclePolicyPreviewResponse running = ecr.getLifecyclePolicyPreview(b -> b.repositoryName("app"));
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(b -> b.repositoryName("app")))
                .isInstanceOf(LifecyclePolicyPreviewInProgressException.class);
        clock.advance(LifecycleEnforcement.PREVIEW_DURATION);
        GetLifecyclePolicyPreviewResponse done = ecr.getLifecyclePolicyPreview(b -> b.repositoryName("app"));

        assertThat(running.status()).isEqualTo(LifecyclePolicyPreviewStatus.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
        assertThat(done.previewResults()).extracting(LifecyclePolicyPreviewResult::imageDigest)
                .containsExactly(digests.get(0), digests.get(1));
        assertThat(done.previewResults()).allSatisfy(r -> {
            assertThat(r.action().type()).isEqualTo(ImageActionType.EXPIRE);
            assertThat(r.appliedRulePriority()).isEqualTo(1);
        });
        assertThat(done.summary().expiringImageTotalCount()).isEqualTo(2);
        assertThat(ecr.listImages(b -> b.repositoryName("app")).imageIds()).as("a preview expires nothing").hasSize(4);
    }

    @Test
    @DisplayName("A preview before any, or without a policy, answers the not-found exceptions")
    void previewNotFound() {
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(b -> b.repositoryName("app")))
                .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(b -> b.repositoryName("app")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
    }

    @Test
    @DisplayName("A policy expires images within the documented delay after it is put, not at once and not on a read")
    void enforcesAfterTheDelay() {
        List<String> digests = pushReleases(4);
        ecr.putLifecyclePolicy(b -> b.repositoryName("app").lifecyclePolicyText(KEEP_TWO_RELEASES));

        clock.advance(LifecycleEnforcement.EVALUATION_DELAY.minusSeconds(1));
        assertThat(imageDigests()).as("before the delay").hasSize(4);
        assertThat(ecr.getLifecyclePolicy(b -> b.repositoryName("app")).lastEvaluatedAt()).isNull();

        clock.advance(Duration.ofSeconds(1));

        assertThat(imageDigests()).containsExactlyInAnyOrder(digests.get(2), digests.get(3));
        assertThat(ecr.getLifecyclePolicy(b -> b.repositoryName("app")).lastEvaluatedAt()).isEqualTo(clock.now());
    }

    @Test
    @DisplayName("A push beyond the count expires the oldest image again; an untagged image expires a day after its push")
    void enforcesOnPushAndWithAge() {
        ecr.putLifecyclePolicy(b -> b.repositoryName("app").lifecyclePolicyText(KEEP_TWO_RELEASES));
        List<String> digests = pushReleases(2);
        EcrImages.Image loose = EcrImages.image("loose");
        EcrImages.uploadBlobs(ecr, "app", loose);
        String looseDigest = ecr.putImage(b -> b.repositoryName("app").imageManifest(loose.manifest())).image().imageId().imageDigest();
        String third = EcrImages.push(ecr, "app", "v3", EcrImages.image("v3"));

        clock.advance(LifecycleEnforcement.EVALUATION_DELAY);
        assertThat(imageDigests()).containsExactlyInAnyOrder(digests.get(1), third, looseDigest);

        clock.advance(Duration.ofDays(1).minus(LifecycleEnforcement.EVALUATION_DELAY));
        assertThat(imageDigests()).as("a day after its push, before the delay").contains(looseDigest);
        clock.advance(LifecycleEnforcement.EVALUATION_DELAY);
        assertThat(imageDigests()).containsExactlyInAnyOrder(digests.get(1), third);
    }

    @Test
    @DisplayName("An image matched by a higher-priority rule is never expired by a lower one")
    void priorityProtects() {
        String prodOld = EcrImages.push(ecr, "app", "prod-1", EcrImages.image("p1"));
        clock.advance(Duration.ofDays(10));
        String prodNew = EcrImages.push(ecr, "app", "prod-2", EcrImages.image("p2"));
        String test = EcrImages.push(ecr, "app", "test-1", EcrImages.image("t1"));
        clock.advance(Duration.ofDays(10));
        String policy = rules(
                rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod-*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":5"),
                rule(2, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7"));

        ecr.putLifecyclePolicy(b -> b.repositoryName("app").lifecyclePolicyText(policy));
        clock.advance(LifecycleEnforcement.EVALUATION_DELAY);

        assertThat(imageDigests()).containsExactlyInAnyOrder(prodOld, prodNew).doesNotContain(test);
    }

    @Test
    @DisplayName("DeleteLifecyclePolicy answers the policy and stops its enforcement")
    void deletingStops() {
        pushReleases(4);
        ecr.putLifecyclePolicy(b -> b.repositoryName("app").lifecyclePolicyText(KEEP_TWO_RELEASES));

        String deleted = ecr.deleteLifecyclePolicy(b -> b.repositoryName("app")).lifecyclePolicyText();
        clock.advance(Duration.ofDays(2));

        assertThat(deleted).isEqualTo(KEEP_TWO_RELEASES);
        assertThat(imageDigests()).hasSize(4);
    }

    private List<String> pushReleases(int count) {
        List<String> digests = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            digests.add(EcrImages.push(ecr, "app", "v" + i, EcrImages.image("release" + i)));
            clock.advance(Duration.ofMinutes(1));
        }
        return digests;
    }

    private List<String> imageDigests() {
        return ecr.describeImagesPaginator(b -> b.repositoryName("app")).imageDetails().stream()
                .map(d -> d.imageDigest()).toList();
    }

    static String rules(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    static String rule(int priority, String selection) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"rule " + priority + "\",\"selection\":{" + selection
                + "},\"action\":{\"type\":\"expire\"}}";
    }
}
