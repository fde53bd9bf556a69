package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.blob.InMemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image layers unpacked as the OCI image spec applies them: base first, whiteouts delete, nothing leaves the image. */
class UnpackedImagesTest {

    @Test
    @DisplayName("Layers apply base first: a later layer replaces a file, and its whiteout .wh.NAME deletes one")
    void appliesLayersInOrder(@TempDir Path root) throws IOException {
        BlobStore blobs = store();
        String base = put(blobs, EcrImages.tarGz(Map.of("app/a.txt", bytes("a1"), "app/b.txt", bytes("b1"))));
        String top = put(blobs, EcrImages.tarGz(Map.of("app/a.txt", bytes("a2"), "app/.wh.b.txt", new byte[0])));

        Path image = new UnpackedImages(root, blobs).unpack("sha256:" + "1".repeat(64), List.of(base, top));

        assertThat(Files.readString(image.resolve("app/a.txt"))).isEqualTo("a2");
        assertThat(image.resolve("app/b.txt")).doesNotExist();
        assertThat(image.resolve("app/.wh.b.txt")).doesNotExist();
    }

    @Test
    @DisplayName("An image is unpacked once per digest: a second unpack finds the same directory")
    void unpacksOncePerDigest(@TempDir Path root) throws IOException {
        BlobStore blobs = store();
        String layer = put(blobs, EcrImages.tarGz(Map.of("app/a.txt", bytes("a"))));
        UnpackedImages images = new UnpackedImages(root, blobs);
        Path first = images.unpack("sha256:" + "2".repeat(64), List.of(layer));
        Files.writeString(first.resolve("app/a.txt"), "changed");

        Path second = images.unpack("sha256:" + "2".repeat(64), List.of(layer));

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(second.resolve("app/a.txt"))).isEqualTo("changed");
    }

    @Test
    @DisplayName("A layer entry whose path leaves the image (../) is refused, and nothing is written outside")
    void refusesPathsOutsideTheImage(@TempDir Path root) {
        BlobStore blobs = store();
        String evil = put(blobs, EcrImages.tarGz(Map.of("../../escaped.txt", bytes("x"))));

        assertThatThrownBy(() -> new UnpackedImages(root.resolve("images"), blobs).unpack("sha256:" + "3".repeat(64), List.of(evil)))
                .isInstanceOf(IOException.class).hasMessageContaining("leaves the image");
        assertThat(root.resolve("escaped.txt")).doesNotExist();
        assertThat(root.getParent().resolve("escaped.txt")).doesNotExist();
    }

    @Test
    @DisplayName("A layer that is not in the registry is an error that names it")
    void missingLayer(@TempDir Path root) {
        String missing = "sha256:" + "4".repeat(64);
        assertThatThrownBy(() -> new UnpackedImages(root, store()).unpack("sha256:" + "5".repeat(64), List.of(missing)))
                .hasMessage("layer " + missing + " is not in the registry");
    }

    private static BlobStore store() {
        return new InMemoryBlobStore();
    }

    private static String put(BlobStore blobs, byte[] content) {
        Digest digest = Digest.of(content);
        blobs.put(digest, Blob.of(content));
        return digest.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
