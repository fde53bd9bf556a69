package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * An emulator restarted on a data directory whose journal a crash (or a bad disk) left behind:
 * the snapshot, then the journal's records after it, up to the last whole one.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class JournalRecoveryTest {
    private static final String JOURNAL = "journal-00000000000000000001.log";

    @TempDir
    Path data;

    @Test
    @DisplayName("Journal records after the snapshot are restored, and a torn last record is dropped without a word")
    void aTornTailIsRecoveredSilently() throws Exception {
        byte[] records = JournalRecordsTest.file(List.of(record(1, "a", "b"), record(2, "a", "b", "c"), record(3, "a", "b", "c", "d")));
        Files.write(data.resolve(JOURNAL), Arrays.copyOf(records, records.length - 5));

        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(data).start(); EcsClient ecs = AwsClients.ecs(emulator)) {
            assertThat(clusterNames(ecs)).containsExactly("a", "b", "c");
            assertThat(Restarts.report(emulator)).isEqualTo("Restored 1 account-region from " + data.resolve("state.json")
                    + " and 2 journal records after it.");
            assertThat(journalFiles()).as("the restored state is the new checkpoint; the journal it covers is gone")
                    .containsExactly("journal-00000000000000000003.log");
        }
    }

    @Test
    @DisplayName("A damaged record in the middle of the journal stops the replay there, is reported, and the file is kept aside")
    void aDamagedRecordIsReportedAndKept() throws Exception {
        byte[] records = JournalRecordsTest.file(List.of(record(1, "a"), record(2, "a", "b"), record(3, "a", "b", "c")));
        int second = JournalRecordsTest.file(List.of(record(1, "a"))).length;
        records[second + JournalRecords.HEADER_BYTES + 10] ^= 0x04;
        Files.write(data.resolve(JOURNAL), records);

        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(data).start(); EcsClient ecs = AwsClients.ecs(emulator)) {
            assertThat(clusterNames(ecs)).containsExactly("a");
            assertThat(Restarts.report(emulator)).contains("is damaged at byte " + second).contains(JOURNAL + ".corrupt-");
            try (Stream<Path> files = Files.list(data)) {
                Path aside = files.filter(f -> f.getFileName().toString().startsWith(JOURNAL + ".corrupt-")).findFirst().orElseThrow();
                assertThat(Files.readAllBytes(aside)).isEqualTo(records);
            }
        }
    }

    @Test
    @DisplayName("Records the snapshot already covers (a crash between a checkpoint and deleting its journal) are not replayed")
    void recordsTheSnapshotCoversAreSkipped() throws Exception {
        try (Emulator first = Emulator.builder().port(0).dataDirectory(data).start(); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName("kept"));
            first.persistence().orElseThrow().saveNow();
        }
        long covered = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.resolve("state.json").toFile())
                .path("journalSequence").asLong();
        assertThat(covered).isPositive();
        Files.write(data.resolve(JOURNAL), JournalRecordsTest.file(List.of(record(covered))));

        try (Emulator second = Emulator.builder().port(0).dataDirectory(data).start(); EcsClient ecs = AwsClients.ecs(second)) {
            assertThat(clusterNames(ecs)).containsExactly("kept");
        }
    }

    /** A journal record holding the default account's clusters area with these clusters. */
    private static String record(long sequence, String... clusters) {
        List<String> entries = new ArrayList<>();
        for (String name : clusters) {
            entries.add("{\"clusterName\":\"" + name + "\",\"status\":\"ACTIVE\",\"clusterArn\":\"arn:aws:ecs:us-east-1:000000000000:cluster/"
                    + name + "\"}");
        }
        return "{\"sequence\":" + sequence + ",\"accountRegions\":[{\"accountId\":\"000000000000\",\"region\":\"us-east-1\","
                + "\"areas\":{\"ecs/clusters\":[" + String.join(",", entries) + "]}}],\"at\":\"2026-01-01T00:00:0" + sequence + "Z\"}";
    }

    private static List<String> clusterNames(EcsClient ecs) {
        return ecs.describeClusters(b -> b.clusters(ecs.listClusters().clusterArns())).clusters().stream()
                .map(Cluster::clusterName).sorted().toList();
    }

    private List<String> journalFiles() throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("journal-")).sorted().toList();
        }
    }
}
