package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/** Fargate tasks pull their images from the emulator's own ECR registry, by tag or digest, with the image's defaults. */
@EmulatorTest(account = EcrImagePullTest.ACCOUNT, scope = EmulatorTest.Scope.EACH_TEST)
class EcrImagePullTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "ecr-pulls";
    static final String REGISTRY = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;
    EcrClient ecr;
    String webDigest;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        ecr.createRepository(b -> b.repositoryName("web"));
        ecr.createRepository(b -> b.repositoryName("jobs"));
        webDigest = EcrImages.push(ecr, "web", "1.0", image("web",
                "\"Entrypoint\":[\"java\",\"-jar\",\"/app/web.jar\"],\"ExposedPorts\":{\"8080/tcp\":{}}"));
        EcrImages.push(ecr, "jobs", "import", image("import", "\"Cmd\":[\"sh\",\"-c\",\"sleep 3; exit 4\"]"));
    }

    @Test
    @DisplayName("An image pushed to ECR runs by tag and by digest; the container reports the pushed digest")
    void runsPushedImages() {
        Task byTag = runImage("by-tag", REGISTRY + "/web:1.0", null);
        Task byDigest = runImage("by-digest", REGISTRY + "/web@" + webDigest, null);
        String repositoryUri = ecr.describeRepositories(b -> b.repositoryNames("web")).repositories().get(0).repositoryUri();
        Task byRepositoryUri = runImage("by-uri", repositoryUri + ":1.0", null);

        clock.advance(Duration.ofSeconds(30));

        for (Task task : List.of(byTag, byDigest, byRepositoryUri)) {
            Task running = describe(ecs, CLUSTER, task.taskArn());
            assertThat(running.lastStatus()).as(task.containers().get(0).image()).isEqualTo("RUNNING");
            assertThat(running.containers().get(0).imageDigest()).isEqualTo(webDigest);
        }
    }

    @Test
    @DisplayName("The image's ENTRYPOINT, CMD and exposed ports count: a job image's CMD exits 4; curl reaches the exposed 8080")
    void usesTheImageConfig() {
        Task job = runImage("job", REGISTRY + "/jobs:import", null);
        Task web = runImage("checked", REGISTRY + "/web:1.0", "curl -f http://localhost:8080/health || exit 1");

        clock.advance(Duration.ofMinutes(1));

        Task stopped = describe(ecs, CLUSTER, job.taskArn());
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(4);
        assertThat(describe(ecs, CLUSTER, web.taskArn()).healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    @DisplayName("A tag the repository doesn't have is \"not found\"; a repository that doesn't exist is \"pull access denied\"")
    void missingImagesFailToStart() {
        Task missingTag = runImage("missing-tag", REGISTRY + "/web:2.0", null);
        Task missingRepository = runImage("missing-repo", REGISTRY + "/api:1.0", null);

        clock.advance(Duration.ofMinutes(1));

        assertThat(describe(ecs, CLUSTER, missingTag.taskArn()).stoppedReason()).isEqualTo("CannotPullContainerError: pull "
                + "image manifest has been retried 5 time(s): failed to resolve ref " + REGISTRY + "/web:2.0: " + REGISTRY
                + "/web:2.0: not found");
        assertThat(describe(ecs, CLUSTER, missingRepository.taskArn()).stoppedReason())
                .contains("pull access denied, repository does not exist or may require authorization");
    }

    private Task runImage(String family, String image, String healthCheck) {
        ContainerDefinition.Builder container = ContainerDefinition.builder().name("app").image(image);
        if (healthCheck != null) {
            container.healthCheck(h -> h.command("CMD-SHELL", healthCheck).interval(5));
        }
        ecs.registerTaskDefinition(TaskFixtures.fargate(family).containerDefinitions(container.build()).build());
        return run(ecs, CLUSTER, family);
    }

    private static EcrImages.Image image(String label, String config) {
        EcrImages.Blob layer = EcrImages.Blob.of(EcrImages.tarGz(java.util.Map.of("app/" + label, label.getBytes())));
        EcrImages.Blob configBlob = EcrImages.Blob.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{" + config
                + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        return new EcrImages.Image(configBlob, List.of(layer), EcrImages.manifest(EcrImages.DOCKER_MANIFEST, configBlob,
                List.of(layer)), EcrImages.DOCKER_MANIFEST);
    }
}
