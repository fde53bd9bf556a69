package dev.ecslabs.emulator.ecr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Lists the file paths in an image layer (a tar archive, gzip-compressed or not), the way a
 * scanner looks for the software an image contains. It reads ustar, GNU long-name and pax path
 * headers; a layer it can't read (zstd, not a tar at all) simply contributes no files.
 */
final class LayerFiles {
    private static final int BLOCK = 512;
    private static final int MAX_ENTRIES = 200_000;

    private LayerFiles() {
    }

    static List<String> list(InputStream layer) {
        List<String> paths = new ArrayList<>();
        try (InputStream in = decompressed(new BufferedInputStream(layer))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (paths.size() < MAX_ENTRIES && in.readNBytes(header, 0, BLOCK) == BLOCK && !isZero(header)) {
                long size = octal(header, 124, 12);
                if (size < 0) {
                    break;
                }
                char type = (char) header[156];
                if (type == 'L' || type == 'x') {
                    String data = new String(in.readNBytes((int) Math.min(size, 1 << 20)), StandardCharsets.UTF_8);
                    in.skipNBytes(padded(size) - Math.min(size, 1 << 20));
                    longName = type == 'L' ? trimNul(data) : paxPath(data, longName);
                    continue;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                if (type == '0' || type == '\0' || type == '7') {
                    paths.add(name.startsWith("./") ? name.substring(1) : name.startsWith("/") ? name : "/" + name);
                }
                in.skipNBytes(padded(size));
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable layer has no files to report: scanners skip what they can't open.
        }
        return paths;
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    private static String ustarName(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(String records, String fallback) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return fallback;
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    private static long octal(byte[] header, int offset, int length) {
        String text = field(header, offset, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
