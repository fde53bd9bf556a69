package dev.ecslabs.emulator.runtime;

import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.blob.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Image file systems unpacked from the registry's layers, once per image digest and shared by every
 * task that runs the image: {@code <root>/<digest hex>/} holds the image's files, its layers applied
 * base first (a whiteout file {@code .wh.NAME} deletes {@code NAME}, as the OCI image spec says:
 * https://github.com/opencontainers/image-spec/blob/main/layer.md). Regular files and directories are
 * unpacked; links and devices are skipped (the JVM image of an app needs neither), and an entry
 * whose path leaves the image is refused.
 */
public final class UnpackedImages {
    private static final int BLOCK = 512;

    private final Path root;
    private final BlobStore blobs;

    public UnpackedImages(Path root, BlobStore blobs) {
        this.root = root;
        this.blobs = blobs;
    }

    /** The directory of the image's files, unpacking it on first use. */
    public synchronized Path unpack(String imageDigest, List<String> layers) throws IOException {
        String name = imageDigest.substring(imageDigest.indexOf(':') + 1);
        if (!name.matches("[0-9a-f]{64}")) {
            throw new IOException("not an image digest: " + imageDigest);
        }
        Path image = root.resolve(name);
        if (Files.isDirectory(image)) {
            return image;
        }
        Files.createDirectories(root);
        Path partial = Files.createTempDirectory(root, name + ".partial-");
        try {
            for (String layer : layers) {
                Digest digest = Digest.parse(layer).orElseThrow(() -> new IOException("not a layer digest: " + layer));
                Blob blob = blobs.get(digest).orElseThrow(() -> new IOException("layer " + layer + " is not in the registry"));
                try (InputStream in = blob.open()) {
                    apply(in, partial);
                }
            }
            Files.move(partial, image, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException unpackedMeanwhile) {
            delete(partial);
        } catch (IOException | RuntimeException e) {
            delete(partial);
            throw e;
        }
        return image;
    }

    /** Deletes every unpacked image. */
    public synchronized void deleteAll() {
        delete(root);
    }

    /** Applies one layer (a tar, gzip-compressed or not) on top of {@code into}. */
    static void apply(InputStream layer, Path into) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(layer);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        try (InputStream tar = gzip ? new GZIPInputStream(buffered, 65536) : buffered) {
            readTar(tar, into);
        }
    }

    private static void readTar(InputStream tar, Path into) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readFully(tar, header)) {
            if (isZero(header)) {
                return;
            }
            String name = longName != null ? longName : name(header);
            longName = null;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            if (type == 'L' || type == 'x') {
                String text = new String(readEntry(tar, size), StandardCharsets.UTF_8);
                longName = type == 'L' ? text.replace("\0", "") : paxPath(text);
                continue;
            }
            Path target = inside(into, name);
            String fileName = target.getFileName() == null ? "" : target.getFileName().toString();
            if (fileName.startsWith(".wh.")) {
                if (!fileName.equals(".wh..wh..opq")) {
                    delete(target.resolveSibling(fileName.substring(".wh.".length())));
                }
                skip(tar, size);
            } else if (type == '5') {
                Files.createDirectories(target);
                skip(tar, size);
            } else if (type == '0' || type == '\0' || type == '7') {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                try (InputStream content = new BoundedStream(tar, size)) {
                    Files.copy(content, target);
                }
                skip(tar, padding(size));
            } else {
                skip(tar, size + padding(size));
            }
        }
    }

    private static Path inside(Path into, String name) throws IOException {
        String relative = name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1) : name;
        Path target = into.resolve(relative).normalize();
        if (!target.startsWith(into)) {
            throw new IOException("a layer entry leaves the image: " + name);
        }
        return target;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = new String(header, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar") ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static byte[] readEntry(InputStream tar, long size) throws IOException {
        byte[] content = tar.readNBytes((int) size);
        skip(tar, padding(size));
        return content;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long count) throws IOException {
        in.skipNBytes(count);
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        return in.readNBytes(block, 0, block.length) == block.length;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = text(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    /** Deletes a directory and what it holds, as far as it can. */
    public static void deleteDirectory(Path path) {
        delete(path);
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Left for the operating system's temporary-file cleaning.
        }
    }

    /** At most {@code remaining} bytes of the tar: one entry's content. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.skipNBytes(remaining);
            remaining = 0;
        }
    }
}
