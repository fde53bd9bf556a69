package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * ECR images through the real SDK: PutImage, BatchGetImage, ListImages, DescribeImages and
 * BatchDeleteImage, as https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html
 * and its siblings describe them.
 */
@EmulatorTest
class ImageApiTest {
    static ManualClock clock;
    static Emulator emulator;
    static EcrClient ecr;

    @Test
    @DisplayName("An image's digest is the sha256 of the exact manifest bytes: other whitespace is another image")
    void digestIsTheManifestsSha256() {
        ecr.createRepository(b -> b.repositoryName("digests"));
        EcrImages.Image image = EcrImages.image("digests");
        String digest = EcrImages.push(ecr, "digests", "compact", image);
        String spaced = image.manifest().replace(",", ", ");

        String other = ecr.putImage(b -> b.repositoryName("digests").imageTag("spaced").imageManifest(spaced))
                .image().imageId().imageDigest();

        assertThat(digest).isEqualTo(EcrImages.digest(image.manifest().getBytes(StandardCharsets.UTF_8)));
        assertThat(other).isEqualTo(EcrImages.digest(spaced.getBytes(StandardCharsets.UTF_8))).isNotEqualTo(digest);
        String stored = ecr.batchGetImage(b -> b.repositoryName("digests").imageIds(id(null, "spaced")))
                .images().get(0).imageManifest();
        assertThat(stored).isEqualTo(spaced);
    }

    @Test
    @DisplayName("PutImage refuses a manifest whose layers were never uploaded, naming them")
    void refusesMissingLayers() {
        ecr.createRepository(b -> b.repositoryName("missing-layers"));
        EcrImages.Image image = EcrImages.image("missing");

        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("missing-layers").imageTag("v1")
                .imageManifest(image.manifest())))
                .isInstanceOf(LayersNotFoundException.class)
                .hasMessageContaining(image.layers().get(0).digest());
        assertThat(ecr.listImages(b -> b.repositoryName("missing-layers")).imageIds()).isEmpty();
    }

    @Test
    @DisplayName("An IMMUTABLE repository refuses to move a tag with ImageTagAlreadyExistsException, and keeps the image")
    void immutableTagsCannotMove() {
        ecr.createRepository(b -> b.repositoryName("immutable").imageTagMutability(ImageTagMutability.IMMUTABLE));
        String first = EcrImages.push(ecr, "immutable", "v1", EcrImages.image("one"));
        EcrImages.Image second = EcrImages.image("two");
        EcrImages.uploadBlobs(ecr, "immutable", second);

        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("immutable").imageTag("v1").imageManifest(second.manifest())))
                .isInstanceOf(ImageTagAlreadyExistsException.class)
                .hasMessageContaining("The image tag 'v1' already exists in the 'immutable' repository and cannot be overwritten");
        assertThat(ecr.describeImages(b -> b.repositoryName("immutable").imageIds(id(null, "v1"))).imageDetails())
                .extracting(ImageDetail::imageDigest).containsExactly(first);
    }

    @Test
    @DisplayName("IMMUTABLE_WITH_EXCLUSION lets tags matching an exclusion filter move, and no others")
    void exclusionFilters() {
        ecr.createRepository(b -> b.repositoryName("mostly-immutable")
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(f -> f.filterType(ImageTagMutabilityExclusionFilterType.WILDCARD).filter("dev-*")));
        EcrImages.push(ecr, "mostly-immutable", "dev-1", EcrImages.image("a"));
        EcrImages.push(ecr, "mostly-immutable", "v1", EcrImages.image("a"));
        EcrImages.Image b = EcrImages.image("b");

        String moved = EcrImages.push(ecr, "mostly-immutable", "dev-1", b);

        assertThat(moved).isEqualTo(b.digest());
        assertThatThrownBy(() -> EcrImages.push(ecr, "mostly-immutable", "v1", b)).isInstanceOf(ImageTagAlreadyExistsException.class);
    }

    @Test
    @DisplayName("PutImage of the same manifest under the same tag answers ImageAlreadyExistsException")
    void samePushTwice() {
        ecr.createRepository(b -> b.repositoryName("twice-pushed"));
        EcrImages.Image image = EcrImages.image("same");
        EcrImages.push(ecr, "twice-pushed", "v1", image);

        assertThatThrownBy(() -> EcrImages.push(ecr, "twice-pushed", "v1", image))
                .isInstanceOf(ImageAlreadyExistsException.class);
    }

    @Test
    @DisplayName("PutImage with an imageDigest that is not the manifest's answers ImageDigestDoesNotMatchException")
    void checksTheGivenDigest() {
        ecr.createRepository(b -> b.repositoryName("given-digest"));
        EcrImages.Image image = EcrImages.image("given");
        EcrImages.uploadBlobs(ecr, "given-digest", image);

        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("given-digest").imageManifest(image.manifest())
                .imageDigest("sha256:" + "0".repeat(64))))
                .isInstanceOf(ImageDigestDoesNotMatchException.class);
    }

    @Test
    @DisplayName("A manifest without a media type, or of Docker schema 1, is refused with InvalidParameterException")
    void refusesUnknownManifests() {
        ecr.createRepository(b -> b.repositoryName("bad-manifests"));

        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("bad-manifests").imageManifest("{\"schemaVersion\":2}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("mediaType");
        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("bad-manifests").imageManifest("{\"schemaVersion\":1}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("schema 1");
        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("bad-manifests").imageManifest("not json")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid JSON syntax");
    }

    @Test
    @DisplayName("DescribeImages shows digest, tags, size (the layers added up), push time and media types")
    void describesImages() {
        ecr.createRepository(b -> b.repositoryName("described"));
        EcrImages.Image image = EcrImages.image("described");
        String digest = EcrImages.push(ecr, "described", "v1", image);
        clock.advance(Duration.ofMinutes(1));
        ecr.putImage(b -> b.repositoryName("described").imageTag("stable").imageManifest(image.manifest()));

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("described")).imageDetails().get(0);

        assertThat(detail.imageDigest()).isEqualTo(digest);
        assertThat(detail.imageTags()).containsExactly("stable", "v1");
        assertThat(detail.imageSizeInBytes()).isEqualTo(image.layersSize());
        assertThat(detail.imagePushedAt()).isEqualTo(clock.now().minus(Duration.ofMinutes(1)));
        assertThat(detail.imageManifestMediaType()).isEqualTo(EcrImages.DOCKER_MANIFEST);
        assertThat(detail.artifactMediaType()).isEqualTo(EcrImages.CONFIG_TYPE);
        assertThat(detail.imageScanStatus()).isNull();
        assertThatThrownBy(() -> ecr.describeImages(b -> b.repositoryName("described").imageIds(id(null, "nope"))))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("{imageDigest:'null', imageTag:'nope'} does not exist");
    }

    @Test
    @DisplayName("ListImages lists one id per tag and one per untagged image, filtered by tagStatus and paginated")
    void listsImages() {
        ecr.createRepository(b -> b.repositoryName("listed").imageTagMutability(ImageTagMutability.MUTABLE));
        IntStream.range(0, 30).forEach(i -> EcrImages.push(ecr, "listed", "t" + i, EcrImages.image("listed" + i)));
        EcrImages.push(ecr, "listed", "t0", EcrImages.image("replacement"));

        List<ImageIdentifier> all = ecr.listImagesPaginator(b -> b.repositoryName("listed").maxResults(7)).imageIds()
                .stream().toList();
        List<ImageIdentifier> untagged = ecr.listImages(b -> b.repositoryName("listed")
                .filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageIds();

        assertThat(all).hasSize(31).doesNotHaveDuplicates();
        assertThat(untagged).hasSize(1).allMatch(id -> id.imageTag() == null);
        assertThat(ecr.listImages(b -> b.repositoryName("listed").filter(f -> f.tagStatus(TagStatus.TAGGED))).imageIds())
                .hasSize(30);
        assertThat(ecr.describeImagesPaginator(b -> b.repositoryName("listed").maxResults(4)).imageDetails().stream())
                .hasSize(31);
    }

    @Test
    @DisplayName("BatchGetImage answers found images and per-id failures, and honours acceptedMediaTypes")
    void batchGetsImages() {
        ecr.createRepository(b -> b.repositoryName("batch-get"));
        String digest = EcrImages.push(ecr, "batch-get", "v1", EcrImages.image("batch"));

        BatchGetImageResponse response = ecr.batchGetImage(b -> b.repositoryName("batch-get")
                .imageIds(id(null, "v1"), id(null, "missing"), id("sha256:zz", null), id(digest, "other")));
        BatchGetImageResponse notAccepted = ecr.batchGetImage(b -> b.repositoryName("batch-get").imageIds(id(null, "v1"))
                .acceptedMediaTypes(EcrImages.OCI_MANIFEST));

        assertThat(response.images()).hasSize(1);
        assertThat(response.images().get(0).imageId().imageDigest()).isEqualTo(digest);
        assertThat(response.images().get(0).imageManifestMediaType()).isEqualTo(EcrImages.DOCKER_MANIFEST);
        assertThat(response.failures()).extracting(f -> f.failureCode())
                .containsExactly(ImageFailureCode.IMAGE_NOT_FOUND, ImageFailureCode.INVALID_IMAGE_DIGEST,
                        ImageFailureCode.IMAGE_NOT_FOUND);
        assertThat(notAccepted.images()).isEmpty();
        assertThat(notAccepted.failures()).hasSize(1);
    }

    @Test
    @DisplayName("BatchDeleteImage by one of several tags only untags; by the last tag or by digest it deletes the image")
    void deletesImages() {
        ecr.createRepository(b -> b.repositoryName("deleted"));
        EcrImages.Image image = EcrImages.image("deleted");
        String digest = EcrImages.push(ecr, "deleted", "v1", image);
        ecr.putImage(b -> b.repositoryName("deleted").imageTag("latest").imageManifest(image.manifest()));
        String other = EcrImages.push(ecr, "deleted", "v2", EcrImages.image("other"));

        BatchDeleteImageResponse untag = ecr.batchDeleteImage(b -> b.repositoryName("deleted").imageIds(id(null, "latest")));
        assertThat(untag.imageIds()).containsExactly(id(digest, "latest"));
        assertThat(ecr.describeImages(b -> b.repositoryName("deleted").imageIds(id(digest, null))).imageDetails().get(0)
                .imageTags()).containsExactly("v1");

        BatchDeleteImageResponse delete = ecr.batchDeleteImage(b -> b.repositoryName("deleted")
                .imageIds(id(null, "v1"), id(other, null), id(null, "gone")));

        assertThat(delete.imageIds()).containsExactlyInAnyOrder(id(digest, "v1"), id(other, "v2"));
        assertThat(delete.failures()).extracting(f -> f.failureCode()).containsExactly(ImageFailureCode.IMAGE_NOT_FOUND);
        assertThat(ecr.listImages(b -> b.repositoryName("deleted")).imageIds()).isEmpty();
    }

    @Test
    @DisplayName("BatchDeleteImage naming one digest twice deletes the image once and reports the second as an ImageNotFound failure, "
            + "not an error (docs.aws.amazon.com/AmazonECR/latest/APIReference/API_BatchDeleteImage.html and API_ImageFailure.html)")
    void duplicateDigestsInOneBatchDelete() {
        ecr.createRepository(b -> b.repositoryName("twice"));
        String digest = EcrImages.push(ecr, "twice", "v1", EcrImages.image("twice"));

        BatchDeleteImageResponse delete = ecr.batchDeleteImage(b -> b.repositoryName("twice").imageIds(id(digest, null), id(digest, null)));

        assertThat(delete.imageIds()).containsExactly(id(digest, "v1"));
        assertThat(delete.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND);
            assertThat(failure.imageId()).isEqualTo(id(digest, null));
        });
        assertThat(ecr.listImages(b -> b.repositoryName("twice")).imageIds()).isEmpty();
    }

    @Test
    @DisplayName("An image index must list images of the repository; its size is its largest image's; listed images can't be deleted alone")
    void imageIndexes() {
        ecr.createRepository(b -> b.repositoryName("multi-arch"));
        EcrImages.Image amd = EcrImages.image("amd64");
        EcrImages.Image arm = EcrImages.image("arm64", java.util.Map.of("big.bin", new byte[5000]));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"" + EcrImages.DOCKER_MANIFEST + "\",\"size\":" + amd.manifest().length() + ",\"digest\":\"" + amd.digest() + "\"},"
                + "{\"mediaType\":\"" + EcrImages.DOCKER_MANIFEST + "\",\"size\":" + arm.manifest().length() + ",\"digest\":\"" + arm.digest() + "\"}]}";
        EcrImages.push(ecr, "multi-arch", "amd", amd);

        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("multi-arch").imageTag("v1").imageManifest(index)))
                .isInstanceOf(ReferencedImagesNotFoundException.class).hasMessageContaining(arm.digest());

        EcrImages.uploadBlobs(ecr, "multi-arch", arm);
        ecr.putImage(b -> b.repositoryName("multi-arch").imageManifest(arm.manifest()));
        String indexDigest = ecr.putImage(b -> b.repositoryName("multi-arch").imageTag("v1").imageManifest(index))
                .image().imageId().imageDigest();

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("multi-arch").imageIds(id(indexDigest, null)))
                .imageDetails().get(0);
        assertThat(detail.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(detail.imageSizeInBytes()).isEqualTo(Math.max(amd.layersSize(), arm.layersSize()));
        assertThat(ecr.batchDeleteImage(b -> b.repositoryName("multi-arch").imageIds(id(arm.digest(), null))).failures())
                .extracting(f -> f.failureCode()).containsExactly(ImageFailureCode.IMAGE_REFERENCED_BY_MANIFEST_LIST);
    }

    static ImageIdentifier id(String digest, String tag) {
        return ImageIdentifier.builder().imageDigest(digest).imageTag(tag).build();
    }
}
