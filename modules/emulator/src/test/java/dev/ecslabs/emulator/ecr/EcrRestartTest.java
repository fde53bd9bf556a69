package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.RegistryHttp;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * ECR in an emulator with a data directory: repositories and images survive a restart, pullable, with their lifecycles resumed.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class EcrRestartTest {
    private static final String KEEP_ONE_RELEASE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\","
            + "\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";

    @TempDir
    Path data;

    @BeforeAll
    static void jibSendsCredentialsOverHttp() {
        // Jib sends credentials over plain HTTP only when told to; the emulator's registry is HTTP on this machine.
        System.setProperty("sendCredentialsOverHttp", "true");
    }

    @Test
    @DisplayName("Repositories, their settings, tags and policies, and images pushed with Jib and PutImage survive a restart, and Jib pulls the image again")
    void repositoriesAndImagesSurvive(@TempDir Path work) throws Exception {
        ManualClock clock = new ManualClock();
        String jibDigest;
        String apiDigest;
        EcrImages.Image image = EcrImages.image("api-pushed");
        try (Emulator first = Restarts.start(data, clock); EcrClient ecr = AwsClients.ecr(first)) {
            String uri = ecr.createRepository(b -> b.repositoryName("shop/web").imageTagMutability(ImageTagMutability.IMMUTABLE)
                    .tags(Tag.builder().key("team").value("shop").build())).repository().repositoryUri();
            ecr.setRepositoryPolicy(b -> b.repositoryName("shop/web").policyText(POLICY));
            Path file = Files.writeString(work.resolve("index.html"), "<h1>kept</h1>");
            JibContainer pushed = Jib.fromScratch().addLayer(List.of(file), AbsoluteUnixPath.get("/srv"))
                    .containerize(Containerizer.to(registryImage(ecr, uri + ":1.0")).setAllowInsecureRegistries(true)
                            .setApplicationLayersCache(work.resolve("cache")));
            jibDigest = pushed.getDigest().toString();
            apiDigest = EcrImages.push(ecr, "shop/web", "api", image);
        }

        try (Emulator second = Restarts.start(data, Restarts.resumedClock(data)); EcrClient ecr = AwsClients.ecr(second)) {
            Repository repository = ecr.describeRepositories(b -> b.repositoryNames("shop/web")).repositories().get(0);
            List<ImageDetail> images = ecr.describeImages(b -> b.repositoryName("shop/web")).imageDetails();

            assertThat(Restarts.report(second)).startsWith("Restored 1 account-region").doesNotContain("problem");
            assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
            assertThat(repository.repositoryUri()).isEqualTo("localhost:" + second.port() + "/shop/web");
            assertThat(ecr.listTagsForResource(b -> b.resourceArn(repository.repositoryArn())).tags())
                    .containsExactly(Tag.builder().key("team").value("shop").build());
            assertThat(ecr.getRepositoryPolicy(b -> b.repositoryName("shop/web")).policyText()).isEqualTo(POLICY);
            assertThat(images).extracting(ImageDetail::imageDigest).containsExactlyInAnyOrder(jibDigest, apiDigest);
            assertThat(ecr.batchGetImage(b -> b.repositoryName("shop/web").imageIds(i -> i.imageTag("api"))).images()
                    .get(0).imageManifest()).isEqualTo(image.manifest());
            assertThatThrownBy(() -> EcrImages.push(ecr, "shop/web", "1.0", EcrImages.image("another")))
                    .isInstanceOf(ImageTagAlreadyExistsException.class);

            JibContainer pulled = Jib.from(registryImage(ecr, repository.repositoryUri() + ":1.0"))
                    .containerize(Containerizer.to(TarImage.at(work.resolve("pulled.tar")).named("pulled"))
                            .setAllowInsecureRegistries(true).setBaseImageLayersCache(work.resolve("pull-cache")));
            assertThat(pulled.getImageId()).isNotNull();
            assertThat(RegistryHttp.loggedIn(second, ecr).get("/v2/shop/web/blobs/" + image.layers().get(0).digest()).body())
                    .isEqualTo(image.layers().get(0).bytes());
        }
    }

    @Test
    @DisplayName("A scan, a lifecycle preview and a policy evaluation under way when the emulator stops finish after it starts again, on time")
    void lifecyclesResume() {
        ManualClock clock = new ManualClock();
        try (Emulator first = Restarts.start(data, clock); EcrClient ecr = AwsClients.ecr(first)) {
            ecr.createRepository(b -> b.repositoryName("app").imageScanningConfiguration(c -> c.scanOnPush(true)));
            EcrImages.push(ecr, "app", "v1", EcrImages.image("one", ImageScanningTest.VULNERABLE_APP));
            clock.advance(ImageScanning.SCAN_DURATION);
            ecr.putLifecyclePolicy(b -> b.repositoryName("app").lifecyclePolicyText(KEEP_ONE_RELEASE));
            EcrImages.push(ecr, "app", "v2", EcrImages.image("two"));
            clock.advance(Duration.ofSeconds(5));
            ecr.startLifecyclePolicyPreview(b -> b.repositoryName("app"));
            clock.advance(Duration.ofSeconds(5));
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Restarts.start(data, resumed); EcrClient ecr = AwsClients.ecr(second)) {
            assertThat(scanStatus(ecr, "v2")).isEqualTo(ScanStatus.IN_PROGRESS);
            assertThat(ecr.getLifecyclePolicyPreview(b -> b.repositoryName("app")).status())
                    .isEqualTo(LifecyclePolicyPreviewStatus.IN_PROGRESS);
            assertThat(tags(ecr)).containsExactlyInAnyOrder("v1", "v2");

            resumed.advance(Duration.ofSeconds(5));
            assertThat(ecr.getLifecyclePolicyPreview(b -> b.repositoryName("app")).previewResults())
                    .singleElement().satisfies(result -> assertThat(result.imageTags()).containsExactly("v1"));
            resumed.advance(Duration.ofSeconds(5));
            assertThat(scanStatus(ecr, "v2")).as("20 s after the push").isEqualTo(ScanStatus.COMPLETE);
            assertThat(tags(ecr)).containsExactlyInAnyOrder("v1", "v2");
            resumed.advance(Duration.ofSeconds(10));
            assertThat(tags(ecr)).as("30 s after the push, the policy expired the older release").containsExactly("v2");
        }
    }

    @Test
    @DisplayName("An image whose blob file went missing while the emulator was stopped is reported at start, and its pull fails with BLOB_UNKNOWN")
    void aMissingBlobIsReported() throws Exception {
        EcrImages.Image image = EcrImages.image("lost");
        try (Emulator first = Restarts.start(data, new ManualClock()); EcrClient ecr = AwsClients.ecr(first)) {
            ecr.createRepository(b -> b.repositoryName("lossy"));
            EcrImages.push(ecr, "lossy", "v1", image);
        }
        String layer = image.layers().get(0).digest();
        Files.delete(data.resolve("blobs/sha256/" + layer.substring("sha256:".length())));

        try (Emulator second = Restarts.start(data, Restarts.resumedClock(data)); EcrClient ecr = AwsClients.ecr(second)) {
            assertThat(Restarts.report(second)).contains("1 problem").contains("ECR repository 'lossy'")
                    .contains("1 image(s) (v1)").contains(layer).contains("push them again");
            assertThat(ecr.describeImages(b -> b.repositoryName("lossy")).imageDetails()).hasSize(1);
            assertThat(RegistryHttp.loggedIn(second, ecr).get("/v2/lossy/blobs/" + layer).statusCode()).isEqualTo(404);
            assertThat(RegistryHttp.loggedIn(second, ecr).get("/v2/lossy/blobs/" + image.config().digest()).statusCode())
                    .isEqualTo(200);
        }
    }

    private static ScanStatus scanStatus(EcrClient ecr, String tag) {
        return ecr.describeImageScanFindings(b -> b.repositoryName("app").imageId(i -> i.imageTag(tag))).imageScanStatus().status();
    }

    private static List<String> tags(EcrClient ecr) {
        return ecr.describeImages(b -> b.repositoryName("app")).imageDetails().stream()
                .flatMap(detail -> detail.imageTags().stream()).toList();
    }

    private static RegistryImage registryImage(EcrClient ecr, String reference) throws Exception {
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String[] credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
        return RegistryImage.named(reference).addCredential(credentials[0], credentials[1]);
    }
}
