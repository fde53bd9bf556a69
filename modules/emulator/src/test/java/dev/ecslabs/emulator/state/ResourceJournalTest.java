package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;

/**
 * What the journal alone carries across a crash, area by area, for the areas journaled resource
 * by resource: a call changes one resource, and the data directory is then taken exactly as a
 * {@code kill -9} leaves it (copied while the emulator runs, the call answered and no checkpoint
 * taken since: checkpoints here come once an hour), and a second emulator started on the copy.
 * Also what a record holds: only the resources changed, not their area, and nothing at all for a
 * call that changed nothing.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so it starts its emulators itself.
 */
class ResourceJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();
    private Emulator first;

    @BeforeEach
    void start() {
        first = JournalOnly.started(temp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        first.close();
    }

    @Test
    @DisplayName("ECS clusters: a created, tagged and updated cluster, and a deleted one, are found after a crash")
    void clusters() throws Exception {
        try (EcsClient ecs = AwsClients.ecs(first)) {
            String web = ecs.createCluster(b -> b.clusterName("web")).cluster().clusterArn();
            ecs.tagResource(b -> b.resourceArn(web).tags(Tag.builder().key("team").value("shop").build()));
            ecs.updateCluster(b -> b.cluster("web").settings(s -> s.name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled")));
            ecs.createCluster(b -> b.clusterName("gone"));
            ecs.deleteCluster(b -> b.cluster("gone"));
        }
        try (Emulator second = afterCrash(); EcsClient ecs = AwsClients.ecs(second)) {
            List<Cluster> clusters = ecs.describeClusters(b -> b.clusters("web", "gone").include(ClusterField.TAGS, ClusterField.SETTINGS))
                    .clusters();
            assertThat(clusters).extracting(Cluster::clusterName, Cluster::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("web", "ACTIVE"), org.assertj.core.groups.Tuple.tuple("gone", "INACTIVE"));
            assertThat(clusters.get(0).tags()).containsExactly(Tag.builder().key("team").value("shop").build());
            assertThat(clusters.get(0).settings()).anySatisfy(setting -> assertThat(setting.value()).isEqualTo("enabled"));
            assertThat(ecs.listClusters().clusterArns()).containsExactly(clusters.get(0).clusterArn());
        }
    }

    @Test
    @DisplayName("ECS task definitions: revisions and a deregistration are found after a crash, and the family's count goes on")
    void taskDefinitions() throws Exception {
        try (EcsClient ecs = AwsClients.ecs(first)) {
            for (int i = 0; i < 2; i++) {
                ecs.registerTaskDefinition(b -> b.family("app").containerDefinitions(c -> c.name("web").image("nginx").memory(128)));
            }
            ecs.deregisterTaskDefinition(b -> b.taskDefinition("app:1"));
        }
        try (Emulator second = afterCrash(); EcsClient ecs = AwsClients.ecs(second)) {
            assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("app:1")).taskDefinition().status())
                    .isEqualTo(TaskDefinitionStatus.INACTIVE);
            assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("app")).taskDefinition().revision()).isEqualTo(2);
            TaskDefinition third = ecs.registerTaskDefinition(b -> b.family("app")
                    .containerDefinitions(c -> c.name("web").image("nginx").memory(128))).taskDefinition();
            assertThat(third.revision()).as("revision numbers are never reused").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("ECR repositories: a repository with its tags and a pushed image, and a deleted one, survive a crash as they were")
    void repositories() throws Exception {
        String digest;
        try (EcrClient ecr = AwsClients.ecr(first)) {
            ecr.createRepository(b -> b.repositoryName("shop/web").tags(t -> t.key("team").value("shop")));
            digest = EcrImages.push(ecr, "shop/web", "v1", EcrImages.image("v1"));
            ecr.createRepository(b -> b.repositoryName("gone"));
            ecr.deleteRepository(b -> b.repositoryName("gone"));
        }
        try (Emulator second = afterCrash(); EcrClient ecr = AwsClients.ecr(second)) {
            assertThat(ecr.describeRepositories().repositories()).extracting(Repository::repositoryName).containsExactly("shop/web");
            Repository web = ecr.describeRepositories(b -> b.repositoryNames("shop/web")).repositories().get(0);
            assertThat(ecr.listTagsForResource(b -> b.resourceArn(web.repositoryArn())).tags())
                    .extracting(software.amazon.awssdk.services.ecr.model.Tag::value).containsExactly("shop");
            assertThat(ecr.describeImages(b -> b.repositoryName("shop/web")).imageDetails())
                    .extracting(ImageDetail::imageDigest).containsExactly(digest);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ecr.describeRepositories(b -> b.repositoryNames("gone")))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @Test
    @DisplayName("Cloud Map: a namespace still being created and its operation survive a crash, and the creation finishes after it")
    void cloudMapNamespaces() throws Exception {
        String operationId;
        try (ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            operationId = cloudMap.createHttpNamespace(b -> b.name("shop")).operationId();
        }
        try (Emulator second = afterCrash(); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().status()).isNotEqualTo(OperationStatus.FAIL);
            restartedClock.advance(Duration.ofMinutes(5));
            assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().status()).isEqualTo(OperationStatus.SUCCESS);
            assertThat(cloudMap.listNamespaces().namespaces()).extracting(NamespaceSummary::name).containsExactly("shop");
        }
    }

    @Test
    @DisplayName("A call that changes nothing writes no record: reads, and a CreateCluster of a cluster that exists")
    void callsThatChangeNothingWriteNothing() throws Exception {
        try (EcsClient ecs = AwsClients.ecs(first); EcrClient ecr = AwsClients.ecr(first);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            ecs.createCluster(b -> b.clusterName("web"));
            ecr.createRepository(b -> b.repositoryName("web"));
            int records = JournalOnly.records(temp.resolve("data")).size();
            assertThat(records).as("the creates were journaled").isEqualTo(2);

            ecs.describeClusters(b -> b.clusters("web"));
            ecs.listClusters();
            ecs.createCluster(b -> b.clusterName("web"));
            ecr.describeRepositories();
            ecs.listTaskDefinitionFamilies();
            cloudMap.listNamespaces();
            assertThat(JournalOnly.records(temp.resolve("data"))).as("records after calls that changed nothing").hasSize(records);
        }
    }

    @Test
    @DisplayName("A record holds the resources a call changed, not their area: tagging one cluster of 300 writes that cluster alone")
    void aRecordHoldsOnlyWhatChanged() throws Exception {
        try (EcsClient ecs = AwsClients.ecs(first)) {
            for (int i = 0; i < 300; i++) {
                int n = i;
                ecs.createCluster(b -> b.clusterName("c" + n));
            }
            String arn = ecs.createCluster(b -> b.clusterName("tagged")).cluster().clusterArn();
            ecs.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("team").value("shop").build()));
        }
        List<JsonNode> records = JournalOnly.records(temp.resolve("data"));
        JsonNode last = records.get(records.size() - 1);
        JsonNode clusters = last.path("accountRegions").path(0).path("resources").path("ecs/clusters");
        assertThat(clusters.size()).isEqualTo(1);
        assertThat(clusters.path("tagged").path("tags").path(0).path("value").asText()).isEqualTo("shop");
        assertThat(last.path("accountRegions").path(0).has("areas")).as("no whole area in the record").isFalse();
        int recordBytes = JSON.writeValueAsBytes(last).length;
        assertThat(recordBytes).isLessThan(1_000);
        int snapshotBytes = first.persistence().orElseThrow().saveNow();
        System.out.printf("Tagging one cluster of 301: a record of %,d bytes; the whole state is %,d bytes%n", recordBytes, snapshotBytes);
        assertThat(snapshotBytes).as("the whole state, which a record of whole areas would have held").isGreaterThan(50 * recordBytes);
    }

    private ManualClock restartedClock;

    /** A second emulator on the data directory as a kill -9 of the first would leave it now. */
    private Emulator afterCrash() throws IOException {
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        assertThat(crashed.resolve("state.json")).as("no checkpoint was taken: the journal alone carries the changes").doesNotExist();
        restartedClock = new ManualClock(clock.now());
        Emulator second = JournalOnly.started(crashed, restartedClock);
        assertThat(second.persistence().orElseThrow().report()).contains("journal record").doesNotContain("problem");
        return second;
    }
}
