package dev.ecslabs.emulator.ecr.registry;

import dev.ecslabs.emulator.blob.Blob;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of bytes, {@code first} to {@code last} inclusive, as a registry client names one: in
 * the {@code Content-Range} of an upload chunk ({@code 0-1048575}, as the distribution spec writes
 * it, or {@code bytes 0-1048575/*} as HTTP does), or in the {@code Range} of a blob download
 * ({@code bytes=0-1023}, {@code bytes=1024-}, {@code bytes=-512}). Numbers past what a blob can
 * hold are refused while parsing, never overflow.
 */
record ByteRange(long first, long last) {
    // At most 18 digits: long enough for any blob, short enough never to overflow a long.
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d{1,18}|\\*))?");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    long length() {
        return last - first + 1;
    }

    /** The range an upload chunk's Content-Range names; empty when it is not one. */
    static Optional<ByteRange> parseContentRange(String header) {
        String text = header.trim();
        if (text.length() > 64) {
            return Optional.empty();
        }
        Matcher m = CONTENT_RANGE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        return last < first ? Optional.empty() : Optional.of(new ByteRange(first, last));
    }

    /**
     * The part of a {@code size}-byte blob that a download's Range header asks for. Empty when there
     * is no header, or one the registry ignores and answers with the whole blob (another unit, several
     * ranges, bad syntax: RFC 9110 lets a server ignore those). A range that starts past the end is
     * 416 Range Not Satisfiable.
     */
    static Optional<ByteRange> parseRange(String header, long size) {
        if (header == null || header.length() > 64) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                throw unsatisfiable(header, size);
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return Optional.empty(); // syntactically invalid: ignored
            }
        }
        if (first >= size) {
            throw unsatisfiable(header, size);
        }
        return Optional.of(new ByteRange(first, last));
    }

    private static RegistryError unsatisfiable(String header, long size) {
        return new RegistryError(416, "SIZE_INVALID", "The Range '" + BlobEndpoints.shorten(header) + "' asks for no byte "
                + "of this blob, which has " + size + " bytes (0-" + (size - 1) + ")");
    }

    /** These bytes of {@code blob}, as a blob of their own. */
    Blob of(Blob blob) {
        return new Blob() {
            @Override
            public long size() {
                return length();
            }

            @Override
            public InputStream open() throws IOException {
                InputStream in = blob.open();
                in.skipNBytes(first);
                return new Limited(in, length());
            }
        };
    }

    /** A stream that ends after {@code left} bytes. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
