package dev.ecslabs.emulator.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests, uploads and the content-addressed store, below the HTTP routes. */
class BlobStorageTest {
    @TempDir
    Path directory;
    UploadSpool spool;

    @BeforeEach
    void openSpool() {
        spool = UploadSpool.open(directory.resolve("uploads"), 2000, 3000);
    }

    BlobUpload upload(String repository, long maxBytes) {
        return new BlobUpload(spool, "123456789012", repository, Instant.EPOCH, maxBytes);
    }

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
        spool = UploadSpool.open(directory.resolve("big"), 1L << 30, 1L << 30);
        BlobUpload upload = upload("repo", BlobUpload.MAX_BYTES);

        upload.append(new ByteArrayInputStream(content, 0, 1_500_000), Instant.EPOCH);
        upload.append(Arrays.copyOfRange(content, 1_500_000, content.length), Instant.EPOCH);
        BlobUpload.Completed completed = upload.finish();

        assertThat(completed.digest().toString()).isEqualTo(EcrImages.digest(content));
        assertThat(completed.blob().size()).isEqualTo(content.length);
        assertThat(completed.blob().open().readAllBytes()).isEqualTo(content);
    }

    @Test
    @DisplayName("A part that would take an upload past its size limit is refused whole, and what came before is kept")
    void enforcesTheSizeLimit() throws Exception {
        BlobUpload upload = upload("repo", 1000);
        upload.append(new byte[600], Instant.EPOCH);

        assertThatThrownBy(() -> upload.append(new ByteArrayInputStream(new byte[500]), Instant.EPOCH))
                .isInstanceOf(BlobUpload.TooLargeException.class).hasMessageContaining("at most 1000 bytes");
        assertThat(upload.size()).isEqualTo(600);
        assertThat(spool.inFlight()).isEqualTo(600);
        assertThat(upload.finish().digest().toString()).isEqualTo(EcrImages.digest(new byte[600]));
    }

    @Test
    @DisplayName("Upload bytes go to a file, not the heap, and a discarded upload deletes its file and stops counting in flight")
    void spoolsToDisk() throws Exception {
        BlobUpload upload = upload("repo", 1000);
        upload.append(new byte[700], Instant.EPOCH);

        try (var files = Files.list(directory.resolve("uploads"))) {
            assertThat(files.toList()).singleElement().satisfies(file -> assertThat(Files.size(file)).isEqualTo(700));
        }
        upload.discard();

        try (var files = Files.list(directory.resolve("uploads"))) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(spool.inFlight("123456789012")).isZero();
    }

    @Test
    @DisplayName("A part that would pass the account's or the total in-flight limit is refused whole: the digest and the file are as before")
    void enforcesInFlightLimits() throws Exception {
        BlobUpload first = upload("a", 10_000);
        first.append(new byte[1500], Instant.EPOCH);

        assertThatThrownBy(() -> first.append(new byte[600], Instant.EPOCH))
                .isInstanceOf(UploadSpool.LimitExceededException.class).hasMessageContaining("Account 123456789012");
        BlobUpload other = new BlobUpload(spool, "210987654321", "a", Instant.EPOCH, 10_000);
        other.append(new byte[1400], Instant.EPOCH);
        assertThatThrownBy(() -> other.append(new byte[200], Instant.EPOCH))
                .isInstanceOf(UploadSpool.LimitExceededException.class).hasMessageContaining("all accounts together");

        assertThat(spool.inFlight()).isEqualTo(2900);
        BlobUpload.Completed completed = first.finish();
        assertThat(completed.digest().toString()).isEqualTo(EcrImages.digest(new byte[1500]));
        try (InputStream in = completed.blob().open()) {
            assertThat(in.readAllBytes()).hasSize(1500);
        }
    }

    @Test
    @DisplayName("The store keeps one copy per digest: storing a digest twice keeps the first content")
    void storesByDigest() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BlobUpload first = upload("a", 1000);
        first.append("same".getBytes(), Instant.EPOCH);
        BlobUpload.Completed completed = first.finish();

        store.put(completed.digest(), completed.blob());
        store.put(completed.digest(), completed.blob());

        assertThat(store.contains(completed.digest())).isTrue();
        assertThat(store.get(completed.digest()).orElseThrow().open().readAllBytes()).isEqualTo("same".getBytes());
        assertThat(store.get(Digest.of(new byte[0]))).isEmpty();
        first.discard();
        assertThat(store.get(completed.digest()).orElseThrow().open().readAllBytes()).as("kept after the upload's file is gone")
                .isEqualTo("same".getBytes());
    }

    @Test
    @DisplayName("Without a data directory, blobs and upload parts live in a temporary directory that is deleted on close")
    void temporaryStorageIsDeletedOnClose() {
        BlobStorage storage = BlobStorage.open(null, 1000, 1000);
        Digest digest = Digest.of(new byte[] {1, 2, 3});
        storage.blobs().put(digest, new BlobUpload.SpooledBlob(write(new byte[] {1, 2, 3}), 3));
        Path file = ((FileBlobStore) storage.blobs()).file(digest);
        assertThat(file).exists();

        storage.close();

        assertThat(file).doesNotExist();
        assertThat(file.getParent().getParent().getParent()).doesNotExist();
    }

    private static Path write(byte[] content) {
        try {
            Path file = Files.createTempFile("blob", ".part");
            return Files.write(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
