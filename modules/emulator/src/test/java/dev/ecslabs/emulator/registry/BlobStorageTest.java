package dev.ecslabs.emulator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Digests, uploads and the content-addressed store, below the HTTP routes. */
class BlobStorageTest {

    @Test
    @DisplayName("Only sha256: with 64 lowercase hex digits is a digest; nothing else can name a blob")
    void parsesDigests() {
        String good = "sha256:" + "0123456789abcdef".repeat(4);

        assertThat(Digest.parse(good)).map(Digest::toString).hasValue(good);
        for (String bad : new String[] {null, "", "sha256:", "sha256:" + "A".repeat(64), "sha512:" + "a".repeat(64),
                "sha256:" + "a".repeat(63), "sha256:" + "a".repeat(64) + "/..", "sha256:../../etc/passwd"}) {
            assertThat(Digest.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    @DisplayName("An upload computes the sha256 of every byte it received, across parts of any size")
    void digestsAcrossParts() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(content, 1_000_000, 2_000_000, (byte) 9);
        BlobUpload upload = new BlobUpload("repo", Instant.EPOCH);

        upload.append(new ByteArrayInputStream(content, 0, 1_500_000));
        upload.append(Arrays.copyOfRange(content, 1_500_000, content.length));
        BlobUpload.Completed completed = upload.finish();

        assertThat(completed.digest().toString()).isEqualTo(EcrImages.digest(content));
        assertThat(completed.blob().size()).isEqualTo(content.length);
        assertThat(completed.blob().open().readAllBytes()).isEqualTo(content);
    }

    @Test
    @DisplayName("A part that would take an upload past its size limit is refused whole, and what came before is kept")
    void enforcesTheSizeLimit() throws Exception {
        BlobUpload upload = new BlobUpload("repo", Instant.EPOCH, 1000);
        upload.append(new byte[600]);

        assertThatThrownBy(() -> upload.append(new ByteArrayInputStream(new byte[500])))
                .isInstanceOf(BlobUpload.TooLargeException.class).hasMessageContaining("at most 1000 bytes");
        assertThat(upload.size()).isEqualTo(600);
        assertThat(upload.finish().digest().toString()).isEqualTo(EcrImages.digest(new byte[600]));
    }

    @Test
    @DisplayName("The store keeps one copy per digest: storing a digest twice keeps the first content")
    void storesByDigest() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BlobUpload first = new BlobUpload("a", Instant.EPOCH);
        first.append("same".getBytes());
        BlobUpload.Completed completed = first.finish();

        store.put(completed.digest(), completed.blob());
        store.put(completed.digest(), completed.blob());

        assertThat(store.contains(completed.digest())).isTrue();
        assertThat(store.get(completed.digest()).orElseThrow().open().readAllBytes()).isEqualTo("same".getBytes());
        assertThat(store.get(Digest.of(new byte[0]))).isEmpty();
    }
}
