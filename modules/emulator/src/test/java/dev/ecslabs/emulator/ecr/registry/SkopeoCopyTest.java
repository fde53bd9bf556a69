package dev.ecslabs.emulator.ecr.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.blob.Blob;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * skopeo (the containers/image registry client, a Debian package) copies an OCI image layout into
 * the emulator's registry and back out, unchanged. Skipped where skopeo is not installed.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class SkopeoCopyTest {
    static Emulator emulator;
    static EcrClient ecr;
    static String credentials;

    @BeforeAll
    static void start() {
        assumeTrue(skopeoInstalled(), "skopeo is not installed here (apt-get install -y skopeo); CI installs it");
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("skopeo copies an OCI layout into a repository and back out with the same manifest and blobs")
    void copiesInAndOut(@TempDir Path work) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("skopeo/app")).repository().repositoryUri();
        EcrImages.Blob layer = EcrImages.Blob.of(EcrImages.tarGz(Map.of("app/app.jar", "jar".getBytes(StandardCharsets.UTF_8))));
        EcrImages.Blob config = EcrImages.Blob.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"config\":{}}");
        String manifest = EcrImages.manifest(EcrImages.OCI_MANIFEST, config, List.of(layer));
        Path in = writeLayout(work.resolve("in"), manifest, config, layer);

        run("copy", "--dest-tls-verify=false", "--dest-creds", credentials, "--preserve-digests",
                "oci:" + in + ":v1", "docker://" + uri + ":v1");
        Path out = work.resolve("out");
        run("copy", "--src-tls-verify=false", "--src-creds", credentials, "--preserve-digests",
                "docker://" + uri + ":v1", "oci:" + out + ":v1");

        String digest = EcrImages.digest(manifest.getBytes(StandardCharsets.UTF_8));
        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("skopeo/app").imageIds(i -> i.imageTag("v1")))
                .imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(digest);
        assertThat(detail.imageManifestMediaType()).isEqualTo(EcrImages.OCI_MANIFEST);
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(digest);
        for (EcrImages.Blob blob : List.of(config, layer, EcrImages.Blob.of(manifest))) {
            assertThat(out.resolve("blobs/sha256/" + blob.digest().substring(7))).as(blob.digest()).hasBinaryContent(blob.bytes());
        }
    }

    private static Path writeLayout(Path dir, String manifest, EcrImages.Blob... blobs) throws IOException {
        Path shas = Files.createDirectories(dir.resolve("blobs/sha256"));
        for (EcrImages.Blob blob : blobs) {
            Files.write(shas.resolve(blob.digest().substring(7)), blob.bytes());
        }
        EcrImages.Blob manifestBlob = EcrImages.Blob.of(manifest);
        Files.write(shas.resolve(manifestBlob.digest().substring(7)), manifestBlob.bytes());
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + EcrImages.OCI_MANIFEST + "\",\"digest\":\"" + manifestBlob.digest() + "\",\"size\":" + manifestBlob.size()
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
        return dir;
    }

    private static void run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
        assertThat(process.exitValue()).as("skopeo " + String.join(" ", args) + ":\n" + output).isZero();
    }

    private static boolean skopeoInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "skopeo"))) {
                return true;
            }
        }
        return false;
    }
}
