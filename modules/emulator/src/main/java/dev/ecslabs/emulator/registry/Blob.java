package dev.ecslabs.emulator.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The content of one stored blob (a layer, an image config): its size and a way to read it. */
public interface Blob {
    long size();

    /** A new stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    default void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }
}
