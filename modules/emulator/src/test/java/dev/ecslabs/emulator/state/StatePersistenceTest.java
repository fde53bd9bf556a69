package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * An emulator started with a data directory keeps the learner's state across restarts.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class StatePersistenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    @DisplayName("Clusters, ACTIVE and INACTIVE, with tags and settings, survive a restart in every account")
    void clustersSurviveARestart() {
        try (Emulator first = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient learner = AwsClients.ecs(first, "111111111111");
             EcsClient other = AwsClients.ecs(first, "222222222222")) {
            learner.createCluster(b -> b.clusterName("payments").tags(Tag.builder().key("team").value("payments").build())
                    .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build()));
            learner.createCluster(b -> b.clusterName("gone"));
            learner.deleteCluster(b -> b.cluster("gone"));
            other.createCluster(b -> b.clusterName("elsewhere"));
        }

        try (Emulator second = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient learner = AwsClients.ecs(second, "111111111111");
             EcsClient other = AwsClients.ecs(second, "222222222222")) {
            List<Cluster> clusters = learner.describeClusters(b -> b.clusters("payments", "gone")
                    .include(ClusterField.TAGS, ClusterField.SETTINGS)).clusters();

            assertThat(second.persistence().orElseThrow().report()).startsWith("Restored 2 account-regions");
            assertThat(clusters).extracting(Cluster::clusterName, Cluster::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("payments", "ACTIVE"),
                            org.assertj.core.groups.Tuple.tuple("gone", "INACTIVE"));
            assertThat(clusters.get(0).tags()).containsExactly(Tag.builder().key("team").value("payments").build());
            assertThat(clusters.get(0).settings()).extracting(ClusterSetting::value).containsExactly("enabled");
            assertThat(learner.listClusters().clusterArns()).containsExactly(clusters.get(0).clusterArn());
            assertThat(other.listClusters().clusterArns()).singleElement().asString().endsWith("cluster/elsewhere");
        }
    }

    @Test
    @DisplayName("The clock resumes at the saved emulated time, so timestamps never run backwards")
    void theClockResumesWhereItStopped() throws Exception {
        Instant saved;
        try (Emulator first = Emulator.builder().port(0).speed(1000).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName("timed"));
            saved = first.clock().now();
        }
        String takenAt = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(data.resolve("state.json").toFile()).path("takenAt").asText();

        try (Emulator second = Emulator.builder().port(0).speed(1000).dataDirectory(data).start()) {
            assertThat(Instant.parse(takenAt)).isAfterOrEqualTo(saved);
            assertThat(second.clock().now()).isAfterOrEqualTo(Instant.parse(takenAt));
        }
    }

    @Test
    @DisplayName("A corrupt snapshot is moved aside with a report, and the emulator starts empty")
    void aCorruptSnapshotIsSetAside() throws Exception {
        Files.writeString(data.resolve("state.json"), "{\"format\": \"ecs-labs-emulator-state/1\", \"takenAt\": ");

        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(emulator)) {
            String report = emulator.persistence().orElseThrow().report();

            assertThat(ecs.listClusters().clusterArns()).isEmpty();
            assertThat(report).contains("could not be restored").contains("state.json.corrupt-");
            assertThat(asideFiles()).singleElement().satisfies(aside -> assertThat(Files.readString(aside))
                    .isEqualTo("{\"format\": \"ecs-labs-emulator-state/1\", \"takenAt\": "));
        }
    }

    @Test
    @DisplayName("An area this emulator does not know is set aside and reported; the areas beside it are restored")
    void anUnknownAreaIsSetAsideAlone() throws Exception {
        String snapshot = "{\"format\":\"ecs-labs-emulator-state/1\",\"takenAt\":\"2026-01-01T00:00:00Z\","
                + "\"accountRegions\":[{\"accountId\":\"000000000000\",\"region\":\"us-east-1\",\"areas\":{"
                + "\"ecs/clusters\":[{\"clusterName\":\"kept\",\"status\":\"ACTIVE\","
                + "\"clusterArn\":\"arn:aws:ecs:us-east-1:000000000000:cluster/kept\"}],"
                + "\"ecs/flux-capacitors\":[]}}]}";
        Files.writeString(data.resolve("state.json"), snapshot);

        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(emulator)) {
            assertThat(emulator.persistence().orElseThrow().report()).contains("could not be restored whole")
                    .contains("'ecs/flux-capacitors' of 000000000000/us-east-1").contains("state.json.corrupt-");
            assertThat(ecs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/kept");
            assertThat(JSON.readTree(asideFiles().get(0).toFile()).path("accountRegions").get(0).path("areas")
                    .has("ecs/flux-capacitors")).as("the area set aside is kept in the aside file").isTrue();
        }
    }

    @Test
    @DisplayName("An account key that is not 12 digits is set aside and reported; every other account is restored")
    void aBadAccountIsSetAsideAlone() throws Exception {
        try (Emulator first = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient learner = AwsClients.ecs(first, "111111111111");
             EcsClient other = AwsClients.ecs(first, "222222222222")) {
            learner.createCluster(b -> b.clusterName("mine"));
            other.createCluster(b -> b.clusterName("theirs"));
        }
        ObjectNode snapshot = (ObjectNode) JSON.readTree(data.resolve("state.json").toFile());
        ((ObjectNode) snapshot.path("accountRegions").get(1)).put("accountId", "not-an-account");
        Files.write(data.resolve("state.json"), JSON.writeValueAsBytes(snapshot));

        try (Emulator second = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient learner = AwsClients.ecs(second, "111111111111");
             EcsClient other = AwsClients.ecs(second, "222222222222")) {
            assertThat(Restarts.report(second)).startsWith("Restored 1 account-region")
                    .contains("account 'not-an-account' in region 'us-east-1'").contains("state.json.corrupt-");
            assertThat(learner.listClusters().clusterArns()).singleElement().asString().endsWith("cluster/mine");
            assertThat(other.listClusters().clusterArns()).isEmpty();
        }
    }

    @Test
    @DisplayName("Snapshots are written whole: the file on disk is always a complete snapshot, with no temporary files left")
    void snapshotsAreWrittenWhole() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(emulator)) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                ecs.createCluster(b -> b.clusterName("c" + n));
            }
        }

        assertThat(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(data.resolve("state.json").toFile())
                .path("accountRegions").get(0).path("areas").path("ecs/clusters")).hasSize(20);
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> data.relativize(f).toString())).containsExactly("state.json");
        }
    }

    @Test
    @DisplayName("An area that can't be read back is set aside alone: the other areas are restored and resumed, nothing of it is left")
    void aCorruptAreaIsSetAsideAlone() throws Exception {
        ManualClock clock = new ManualClock();
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            ecs.createCluster(b -> b.clusterName("kept"));
            ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web").image("nginx")));
            ecs.runTask(b -> b.cluster("kept").taskDefinition("web").launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            cloudMap.createHttpNamespace(b -> b.name("in-progress"));
        }
        ObjectNode snapshot = (ObjectNode) JSON.readTree(data.resolve("state.json").toFile());
        ((ObjectNode) snapshot.path("accountRegions").get(0).path("areas").path("ecs/tasks").path("tasks").get(0))
                .putObject("task").put("taskArn", "half a task");
        Files.writeString(data.resolve("state.json"), JSON.writeValueAsString(snapshot));

        ManualClock resumed = new ManualClock(clock.now());
        try (Emulator second = Emulator.builder().clock(resumed).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(second);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            assertThat(second.persistence().orElseThrow().report()).contains("could not be restored whole")
                    .contains("'ecs/tasks' of 000000000000/us-east-1").contains("state.json.corrupt-");
            assertThat(ecs.listTasks(b -> b.cluster("kept")).taskArns()).as("nothing of the bad area is left").isEmpty();
            assertThat(ecs.listClusters().clusterArns()).singleElement().asString().endsWith("cluster/kept");
            assertThat(cloudMap.listOperations().operations()).as("the namespace's operation is restored").hasSize(1);
            assertThat(resumed.pending()).as("the namespace's operation resumes on the clock").isPositive();
            assertThat(JSON.readTree(asideFiles().get(0).toFile()).path("accountRegions").get(0).path("areas")
                    .path("ecs/tasks").path("tasks").get(0).path("task").path("taskArn").asText()).isEqualTo("half a task");
        }
    }

    private List<Path> asideFiles() throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith("state.json.corrupt-")).toList();
        }
    }
}
