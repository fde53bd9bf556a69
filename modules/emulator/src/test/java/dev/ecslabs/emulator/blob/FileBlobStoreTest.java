package dev.ecslabs.emulator.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store of an emulator with a data directory: one file per digest, written whole or not at all. */
class FileBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("A blob is kept in sha256/<hex>, read back from its file by a store opened again, and a digest stored twice keeps the first")
    void keepsBlobsInFiles() throws Exception {
        byte[] content = "layer content".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(content);
        FileBlobStore store = FileBlobStore.open(dir);

        store.put(digest, blob(content));
        store.put(digest, blob("something else".getBytes(StandardCharsets.UTF_8)));
        FileBlobStore reopened = FileBlobStore.open(dir);

        assertThat(dir.resolve("sha256").resolve(digest.hex())).hasBinaryContent(content);
        assertThat(reopened.contains(digest)).isTrue();
        assertThat(reopened.get(digest).orElseThrow().size()).isEqualTo(content.length);
        assertThat(reopened.get(digest).orElseThrow().open().readAllBytes()).isEqualTo(content);
        assertThat(reopened.get(Digest.of(new byte[0]))).isEmpty();
        assertThat(reopened.contains(Digest.of(new byte[0]))).isFalse();
        assertThat(files()).containsExactly("sha256/" + digest.hex());
    }

    @Test
    @DisplayName("A write that breaks off leaves no file under the digest's name, and what it left is removed when the store opens again")
    void aBrokenWriteLeavesNothing() throws Exception {
        byte[] content = new byte[100_000];
        Digest digest = Digest.of(content);
        FileBlobStore store = FileBlobStore.open(dir);
        Blob failing = new Blob() {
            @Override
            public long size() {
                return content.length;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    private int read;

                    @Override
                    public int read() {
                        if (read++ > 50_000) {
                            throw new java.io.UncheckedIOException(new java.io.IOException("the disk is full"));
                        }
                        return 0;
                    }
                };
            }
        };

        assertThatThrownBy(() -> store.put(digest, failing)).hasMessageContaining("the disk is full");
        Files.writeString(dir.resolve("sha256").resolve("0123-leftover.tmp"), "a crash left this");
        FileBlobStore reopened = FileBlobStore.open(dir);

        assertThat(reopened.contains(digest)).isFalse();
        assertThat(files()).isEmpty();
    }

    private static Blob blob(byte[] content) {
        return Blob.of(content);
    }

    private java.util.List<String> files() throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).toList();
        }
    }
}
