package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Journal files as a crash or a bad disk leaves them: what is read back, and what is called damage. */
class JournalRecordsTest {
    private static final List<String> RECORDS = List.of("{\"sequence\":1}", "{\"sequence\":2,\"more\":\"than one byte\"}",
            "{\"sequence\":3}");

    @Test
    @DisplayName("A whole journal reads back every record, in order")
    void aWholeJournalReadsBack() {
        JournalRecords.Read read = JournalRecords.read(file(RECORDS));

        assertThat(texts(read)).isEqualTo(RECORDS);
        assertThat(read.ending()).isEqualTo(JournalRecords.Ending.CLEAN);
    }

    @Test
    @DisplayName("A journal cut at any byte by a crash gives back every whole record before the cut, as a torn tail")
    void aCutAnywhereIsATornTail() {
        byte[] whole = file(RECORDS);
        int firstTwo = file(RECORDS.subList(0, 2)).length;
        for (int cut = firstTwo + 1; cut < whole.length; cut++) {
            JournalRecords.Read read = JournalRecords.read(Arrays.copyOf(whole, cut));

            assertThat(texts(read)).as("cut at byte %d", cut).isEqualTo(RECORDS.subList(0, 2));
            assertThat(read.ending()).as("cut at byte %d", cut).isEqualTo(JournalRecords.Ending.TORN_TAIL);
        }
    }

    @Test
    @DisplayName("Zeros after the last record (space the file system gave but the crash never filled) are a torn tail")
    void zerosAreATornTail() {
        byte[] whole = file(RECORDS);
        JournalRecords.Read read = JournalRecords.read(Arrays.copyOf(whole, whole.length + 4096));

        assertThat(texts(read)).isEqualTo(RECORDS);
        assertThat(read.ending()).isEqualTo(JournalRecords.Ending.TORN_TAIL);
    }

    @Test
    @DisplayName("A last record whose bytes were half written fails its checksum and is a torn tail")
    void aHalfWrittenLastRecordIsATornTail() {
        byte[] bytes = file(RECORDS);
        bytes[bytes.length - 2] ^= 0x20;

        JournalRecords.Read read = JournalRecords.read(bytes);

        assertThat(texts(read)).isEqualTo(RECORDS.subList(0, 2));
        assertThat(read.ending()).isEqualTo(JournalRecords.Ending.TORN_TAIL);
    }

    @Test
    @DisplayName("A record that fails its checksum with records after it is damage: reading stops there and says where")
    void aBadRecordInTheMiddleIsDamage() {
        byte[] bytes = file(RECORDS);
        int second = file(RECORDS.subList(0, 1)).length;
        bytes[second + JournalRecords.HEADER_BYTES + 3] ^= 0x01;

        JournalRecords.Read read = JournalRecords.read(bytes);

        assertThat(texts(read)).isEqualTo(RECORDS.subList(0, 1));
        assertThat(read.ending()).isEqualTo(JournalRecords.Ending.DAMAGED);
        assertThat(read.endOfRecords()).isEqualTo(second);
    }

    @Test
    @DisplayName("A length that no record can have, followed by anything but zeros, is damage")
    void anImpossibleLengthIsDamage() {
        byte[] bytes = file(RECORDS);
        ByteBuffer.wrap(bytes).putInt(0, -7);

        JournalRecords.Read read = JournalRecords.read(bytes);

        assertThat(read.records()).isEmpty();
        assertThat(read.ending()).isEqualTo(JournalRecords.Ending.DAMAGED);
    }

    static byte[] file(List<String> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String record : records) {
            ByteBuffer framed = JournalRecords.frame(record.getBytes(StandardCharsets.UTF_8));
            out.write(framed.array(), 0, framed.limit());
        }
        return out.toByteArray();
    }

    private static List<String> texts(JournalRecords.Read read) {
        return read.records().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
