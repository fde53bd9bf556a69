package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.RegistryHttp;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecr.model.EmptyUploadException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

/**
 * ECR's layer API through the real SDK, as
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CompleteLayerUpload.html and its siblings describe it.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class LayerApiTest {
    static Emulator emulator;
    static EcrClient ecr;

    @BeforeAll
    static void start() {
        ecr.createRepository(b -> b.repositoryName("layers"));
        ecr.createRepository(b -> b.repositoryName("elsewhere"));
    }

    @Test
    @DisplayName("A layer uploaded in parts is stored under the digest of all its bytes, in that repository only")
    void uploadsInParts() {
        byte[] layer = new byte[300_000];
        Arrays.fill(layer, (byte) 7);
        String digest = EcrImages.digest(layer);
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName("layers")).uploadId();

        ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(uploadId).partFirstByte(0L).partLastByte(99_999L)
                .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(layer, 0, 100_000))));
        long last = ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(uploadId).partFirstByte(100_000L)
                .partLastByte(299_999L).layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(layer, 100_000, 300_000))))
                .lastByteReceived();
        String stored = ecr.completeLayerUpload(b -> b.repositoryName("layers").uploadId(uploadId).layerDigests(digest))
                .layerDigest();

        assertThat(last).isEqualTo(299_999L);
        assertThat(stored).isEqualTo(digest);
        BatchCheckLayerAvailabilityResponse here = ecr.batchCheckLayerAvailability(b -> b.repositoryName("layers").layerDigests(digest));
        assertThat(here.layers()).singleElement().satisfies(l -> {
            assertThat(l.layerAvailability()).isEqualTo(LayerAvailability.AVAILABLE);
            assertThat(l.layerSize()).isEqualTo(300_000L);
        });
        assertThat(ecr.batchCheckLayerAvailability(b -> b.repositoryName("elsewhere").layerDigests(digest)).failures())
                .extracting(f -> f.failureCode()).containsExactly(LayerFailureCode.MISSING_LAYER_DIGEST);
    }

    @Test
    @DisplayName("A part of the 10 MiB InitiateLayerUpload suggests, and more, goes through the JSON API")
    void uploadsLargeParts() {
        var initiated = ecr.initiateLayerUpload(b -> b.repositoryName("layers"));
        byte[] part = new byte[(int) (initiated.partSize() + 2 * 1024 * 1024)];
        new java.util.Random(1).nextBytes(part);

        ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(initiated.uploadId()).partFirstByte(0L)
                .partLastByte((long) part.length - 1).layerPartBlob(SdkBytes.fromByteArray(part)));
        String digest = ecr.completeLayerUpload(b -> b.repositoryName("layers").uploadId(initiated.uploadId())
                .layerDigests(EcrImages.digest(part))).layerDigest();

        assertThat(initiated.partSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(digest).isEqualTo(EcrImages.digest(part));
    }

    @Test
    @DisplayName("A part that does not continue the upload is refused with InvalidLayerPartException and the last valid byte")
    void refusesAGap() {
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName("layers")).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(uploadId).partFirstByte(0L).partLastByte(9L)
                .layerPartBlob(SdkBytes.fromByteArray(new byte[10])));

        assertThatThrownBy(() -> ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(uploadId).partFirstByte(20L)
                .partLastByte(29L).layerPartBlob(SdkBytes.fromByteArray(new byte[10]))))
                .isInstanceOfSatisfying(InvalidLayerPartException.class,
                        e -> assertThat(e.lastValidByteReceived()).isEqualTo(9L));
    }

    @Test
    @DisplayName("CompleteLayerUpload with a digest that is not the content's answers InvalidLayerException and stores nothing")
    void verifiesTheDigest() {
        byte[] layer = "the real content".getBytes();
        String claimed = EcrImages.digest("other content".getBytes());
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName("layers")).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) layer.length - 1).layerPartBlob(SdkBytes.fromByteArray(layer)));

        assertThatThrownBy(() -> ecr.completeLayerUpload(b -> b.repositoryName("layers").uploadId(uploadId).layerDigests(claimed)))
                .isInstanceOf(InvalidLayerException.class).hasMessageContaining(EcrImages.digest(layer));
        assertThat(ecr.batchCheckLayerAvailability(b -> b.repositoryName("layers")
                .layerDigests(claimed, EcrImages.digest(layer))).layers()).isEmpty();
        assertThatThrownBy(() -> ecr.completeLayerUpload(b -> b.repositoryName("layers").uploadId(uploadId).layerDigests(claimed)))
                .isInstanceOf(UploadNotFoundException.class);
    }

    @Test
    @DisplayName("Completing an empty upload answers EmptyUploadException; uploading a layer twice LayerAlreadyExistsException")
    void emptyAndRepeatedUploads() {
        String empty = ecr.initiateLayerUpload(b -> b.repositoryName("layers")).uploadId();
        assertThatThrownBy(() -> ecr.completeLayerUpload(b -> b.repositoryName("layers").uploadId(empty)
                .layerDigests(EcrImages.digest(new byte[0])))).isInstanceOf(EmptyUploadException.class);

        EcrImages.Blob blob = EcrImages.Blob.of("twice");
        EcrImages.upload(ecr, "layers", blob);
        String again = ecr.initiateLayerUpload(b -> b.repositoryName("layers")).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName("layers").uploadId(again).partFirstByte(0L)
                .partLastByte((long) blob.size() - 1).layerPartBlob(SdkBytes.fromByteArray(blob.bytes())));
        assertThatThrownBy(() -> ecr.completeLayerUpload(b -> b.repositoryName("layers").uploadId(again).layerDigests(blob.digest())))
                .isInstanceOf(LayerAlreadyExistsException.class);
    }

    @Test
    @DisplayName("GetDownloadUrlForLayer answers a URL that serves the layer without credentials")
    void downloadsALayer() {
        EcrImages.Blob blob = EcrImages.Blob.of("downloadable layer");
        EcrImages.upload(ecr, "layers", blob);

        String url = ecr.getDownloadUrlForLayer(b -> b.repositoryName("layers").layerDigest(blob.digest())).downloadUrl();
        var response = RegistryHttp.anonymous(emulator).get(URI.create(url).getRawPath());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(blob.bytes());
        assertThat(RegistryHttp.anonymous(emulator).get(URI.create(url).getRawPath() + "x").statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(b -> b.repositoryName("elsewhere").layerDigest(blob.digest())))
                .isInstanceOf(LayersNotFoundException.class);
    }
}
