package dev.ecslabs.emulator.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/** The content of one stored blob (a layer, an image config): its size and a way to read it. */
public interface Blob {

    /** A blob held in memory. */
    static Blob of(byte[] content) {
        return new Bytes(content);
    }

    long size();

    /** A new stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    /** A file holding exactly this content that its store may move into place instead of copying it; the blob is then gone. */
    default Optional<Path> movableFile() {
        return Optional.empty();
    }

    default void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    /** The content in memory. */
    record Bytes(byte[] content) implements Blob {
        @Override
        public long size() {
            return content.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(content);
        }
    }
}
