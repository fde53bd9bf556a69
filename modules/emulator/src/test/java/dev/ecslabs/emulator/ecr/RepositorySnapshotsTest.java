package dev.ecslabs.emulator.ecr;

import static dev.ecslabs.emulator.state.SavedStateAssertions.assertEveryComponentSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.blob.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.model.Tag;

/** An ECR repository's saved form is a record bound by SavedStateJson: every component survives the round trip. */
class RepositorySnapshotsTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final String KEEP_ONE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\","
            + "\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";

    static RepositoryState everyComponentSet() {
        RepositoryState state = new RepositoryState(Repository.builder().repositoryName("web").registryId("123456789012")
                .repositoryArn("arn:aws:ecr:us-east-1:123456789012:repository/web").createdAt(AT).build(),
                List.of(Tag.builder().key("team").value("labs").build()));
        state.policyText("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        state.lifecyclePolicy(LifecyclePolicy.parse(KEEP_ONE));
        state.lifecyclePolicyEvaluated(AT.plusSeconds(60));
        state.pendingEvaluation(null, AT.plusSeconds(120));
        state.preview(new LifecyclePreview(KEEP_ONE, LifecyclePolicyPreviewStatus.COMPLETE, AT.plusSeconds(5),
                List.of(LifecyclePolicyPreviewResult.builder().imageTags("v1").appliedRulePriority(1).build())));
        EcrImages.Image image = EcrImages.image("one");
        ImageManifest manifest = ImageManifest.parse(image.manifest().getBytes(StandardCharsets.UTF_8), image.mediaType());
        state.linkLayer(Digest.parse(image.layers().get(0).digest()).orElseThrow(), image.layers().get(0).bytes().length);
        state.images().add(new ImageRecord(manifest, 1234, AT.plusSeconds(10)));
        state.images().tag("v1", manifest.digest());
        state.scan(manifest.digest(), new ImageScan(ScanStatus.COMPLETE, AT.plusSeconds(20), AT.plusSeconds(30),
                List.of(ImageScanFinding.builder().name("CVE-2026-0001").severity("HIGH").build())));
        return state;
    }

    @Test
    @DisplayName("A repository with every component set reads back with all of it: settings, tags, policies, preview, layers, images, scans")
    void everyComponentIsSaved() {
        RepositorySnapshots.SavedRepository saved = RepositorySnapshots.saved(everyComponentSet());
        assertEveryComponentSet(saved);

        RepositorySnapshots.SavedRepository again = RepositorySnapshots.saved(RepositorySnapshots.read(RepositorySnapshots.write(
                everyComponentSet())));
        assertThat(again).isEqualTo(saved);
    }

    @Test
    @DisplayName("The saved JSON keeps the names of the hand-written format, so a data directory from before reads back")
    void sameJsonAsBefore() {
        JsonNode json = RepositorySnapshots.write(everyComponentSet());
        assertThat(json.path("repository").path("repositoryName").asText()).isEqualTo("web");
        assertThat(json.path("lifecyclePolicyText").asText()).isEqualTo(KEEP_ONE);
        assertThat(json.path("lifecyclePolicyLastEvaluatedAt").asText()).isEqualTo("2026-12-03T10:01:00Z");
        assertThat(json.path("preview").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(json.path("images").path(0).path("tags").path(0).asText()).isEqualTo("v1");
        assertThat(json.path("scans").properties().iterator().next().getValue().path("completedAt").asText())
                .isEqualTo("2026-12-03T10:00:30Z");
        ObjectNode older = (ObjectNode) json.deepCopy();
        older.remove(List.of("policyText", "preview", "scans", "pendingEvaluationAt")); // absent, as the old writer left them
        assertThat(RepositorySnapshots.read(older).policyText()).isEmpty();
    }

    @Test
    @DisplayName("A repository saved without its repository, or with a layer that is no digest, is refused with what is wrong")
    void brokenSnapshotsAreRefused() {
        ObjectNode json = (ObjectNode) RepositorySnapshots.write(everyComponentSet());
        ObjectNode noRepository = json.deepCopy();
        noRepository.remove("repository");
        assertThatThrownBy(() -> RepositorySnapshots.read(noRepository)).hasMessageContaining("lacks 'repository'");
        ObjectNode badLayer = json.deepCopy();
        badLayer.putObject("layers").put("md5:abc", 3);
        assertThatThrownBy(() -> RepositorySnapshots.read(badLayer)).hasMessageContaining("is not a sha256 digest");
    }
}
