package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One image of a repository as ECR keeps it: the exact manifest pushed, its size and when it was pushed. */
public record ImageRecord(ImageManifest manifest, long sizeInBytes, Instant pushedAt) {

    public Digest digest() {
        return manifest.digest();
    }

    public String mediaType() {
        return manifest.mediaType();
    }

    /** The manifest as the ECR API returns it: the pushed bytes as UTF-8 text, unchanged. */
    public String manifestText() {
        return new String(manifest.bytes(), StandardCharsets.UTF_8);
    }
}
