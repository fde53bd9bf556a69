package dev.ecslabs.emulator.ecr.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/** Jib, a real registry client that needs no Docker, pushes to and pulls from the emulator's registry. */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class JibPushTest {
    static Emulator emulator;
    static EcrClient ecr;
    static String user;
    static String password;

    @BeforeAll
    static void start() {
        // Jib sends credentials over plain HTTP only when told to; the emulator's registry is HTTP on this machine.
        System.setProperty("sendCredentialsOverHttp", "true");
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String[] credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
        user = credentials[0];
        password = credentials[1];
    }

    @Test
    @DisplayName("Jib pushes an image to the repository URI, and DescribeImages shows it with Jib's digest")
    void pushesWithJib(@TempDir Path work) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("jib/app")).repository().repositoryUri();
        Path jar = Files.write(work.resolve("app.jar"), "not really a jar".getBytes(StandardCharsets.UTF_8));

        JibContainer container = Jib.fromScratch()
                .addLayer(List.of(jar), AbsoluteUnixPath.get("/app"))
                .setEntrypoint("java", "-jar", "/app/app.jar")
                .containerize(containerizer(uri + ":1.0", work));

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("jib/app").imageIds(i -> i.imageTag("1.0")))
                .imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(container.getDigest().toString());
        assertThat(detail.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(detail.imageSizeInBytes()).isPositive();
    }

    @Test
    @DisplayName("Jib builds FROM an image of the registry (a pull) and pushes an OCI image to another repository (a mount)")
    void pullsAndMountsWithJib(@TempDir Path work) throws Exception {
        String base = ecr.createRepository(b -> b.repositoryName("jib/base")).repository().repositoryUri();
        String app = ecr.createRepository(b -> b.repositoryName("jib/derived")).repository().repositoryUri();
        Path file = Files.write(work.resolve("base.txt"), "base layer".getBytes(StandardCharsets.UTF_8));
        Path jar = Files.write(work.resolve("derived.jar"), "derived layer".getBytes(StandardCharsets.UTF_8));
        Jib.fromScratch().addLayer(List.of(file), AbsoluteUnixPath.get("/base")).containerize(containerizer(base + ":1", work));

        JibContainer derived = Jib.from(RegistryImage.named(base + ":1").addCredential(user, password))
                .addLayer(List.of(jar), AbsoluteUnixPath.get("/app"))
                .setFormat(ImageFormat.OCI)
                .containerize(containerizer(app + ":2", work));

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("jib/derived").imageIds(i -> i.imageTag("2")))
                .imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(derived.getDigest().toString());
        assertThat(detail.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        String baseManifest = ecr.batchGetImage(b -> b.repositoryName("jib/base").imageIds(i -> i.imageTag("1")))
                .images().get(0).imageManifest();
        String baseLayer = new ObjectMapper().readTree(baseManifest).path("layers").get(0).path("digest").asText();
        assertThat(ecr.batchCheckLayerAvailability(b -> b.repositoryName("jib/derived").layerDigests(baseLayer)).layers())
                .as("the base layer, mounted into the derived repository").hasSize(1);
    }

    private static Containerizer containerizer(String reference, Path work) throws Exception {
        return Containerizer.to(RegistryImage.named(reference).addCredential(user, password))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(work.resolve("base-cache"))
                .setApplicationLayersCache(work.resolve("app-cache"));
    }
}
