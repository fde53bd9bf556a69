package dev.ecslabs.emulator.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How records sit in a journal file: each is its length (4 bytes), the CRC-32C of its content (4
 * bytes) and the content. Reading stops at the first record that is not whole and right; what
 * follows it is a torn tail when a crash explains it (the record runs past the end of the file, or
 * only zeros follow), and damage otherwise.
 */
final class JournalRecords {
    static final int HEADER_BYTES = 8;
    /** Larger than any state an account-region can hold; a length beyond it is damage, not a record. */
    static final int MAX_RECORD_BYTES = 512 * 1024 * 1024;

    private JournalRecords() {
    }

    /** The records of one file and how it ended. */
    record Read(List<byte[]> records, Ending ending, long endOfRecords) {
    }

    /** How a journal file ended after its last good record. */
    enum Ending {
        /** After the last record, nothing. */
        CLEAN,
        /** Half a record, or zeros: what a crash during a write leaves; recovered silently. */
        TORN_TAIL,
        /** A record whose checksum or length is wrong with more bytes after it: damage, set aside and reported. */
        DAMAGED
    }

    static ByteBuffer frame(byte[] content) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + content.length);
        buffer.putInt(content.length).putInt(checksum(content, 0, content.length)).put(content).flip();
        return buffer;
    }

    static Read read(byte[] file) {
        List<byte[]> records = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(file);
        while (buffer.remaining() > 0) {
            int start = buffer.position();
            if (buffer.remaining() < HEADER_BYTES) {
                return new Read(records, Ending.TORN_TAIL, start);
            }
            int length = buffer.getInt();
            int expected = buffer.getInt();
            if (length <= 0 || length > MAX_RECORD_BYTES) {
                return new Read(records, onlyZerosFrom(file, start) ? Ending.TORN_TAIL : Ending.DAMAGED, start);
            }
            if (length > buffer.remaining()) {
                return new Read(records, Ending.TORN_TAIL, start);
            }
            if (checksum(file, buffer.position(), length) != expected) {
                // the last record, cut or half-written by the crash, is a torn tail; one with records after it is damage
                boolean last = buffer.position() + length == file.length;
                return new Read(records, last ? Ending.TORN_TAIL : Ending.DAMAGED, start);
            }
            byte[] content = new byte[length];
            buffer.get(content);
            records.add(content);
        }
        return new Read(records, Ending.CLEAN, file.length);
    }

    private static boolean onlyZerosFrom(byte[] file, int start) {
        for (int i = start; i < file.length; i++) {
            if (file[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
