package dev.ecslabs.emulator.ecr.registry;

import static dev.ecslabs.emulator.RegistryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.RegistryHttp;
import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * The registry's OCI distribution API (https://github.com/opencontainers/distribution-spec/blob/main/spec.md)
 * with ECR's authentication (https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html),
 * spoken over plain HTTP as a registry client would.
 */
@EmulatorTest(account = "123456789012")
class RegistryApiTest {
    static ManualClock clock;
    static Emulator emulator;
    static EcrClient ecr;
    static RegistryHttp registry;

    @BeforeAll
    static void start() {
        ecr.createRepository(b -> b.repositoryName("app/web"));
        ecr.createRepository(b -> b.repositoryName("app/base"));
        ecr.createRepository(b -> b.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
        registry = RegistryHttp.loggedIn(emulator, ecr);
    }

    @Test
    @DisplayName("GetAuthorizationToken answers base64 of AWS:<password>, valid 12 hours, with the emulator as proxyEndpoint")
    void authorizationToken() {
        AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);

        assertThat(decoded).startsWith("AWS:");
        assertThat(data.expiresAt()).isEqualTo(clock.now().plus(Duration.ofHours(12)));
        assertThat(data.proxyEndpoint()).isEqualTo(emulator.url().toString());
    }

    @Test
    @DisplayName("Without credentials, with wrong ones or with an expired token the registry answers 401 and a Basic challenge")
    void challengesWithoutValidCredentials() {
        HttpResponse<byte[]> anonymous = RegistryHttp.anonymous(emulator).get("/v2/");
        HttpResponse<byte[]> wrong = new RegistryHttp(emulator.url(), RegistryHttp.basic("AWS", "guessed")).get("/v2/");
        HttpResponse<byte[]> wrongUser = new RegistryHttp(emulator.url(), RegistryHttp.basic("admin", password(registry)))
                .get("/v2/");

        for (HttpResponse<byte[]> response : java.util.List.of(anonymous, wrong, wrongUser)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
            assertThat(text(response)).contains("UNAUTHORIZED");
        }
        RegistryHttp expiring = RegistryHttp.loggedIn(emulator, ecr);
        assertThat(expiring.get("/v2/").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(12));
        assertThat(expiring.get("/v2/").statusCode()).isEqualTo(401);
        registry = RegistryHttp.loggedIn(emulator, ecr);
    }

    @Test
    @DisplayName("The version check answers 200 with the Docker-Distribution-API-Version header to a logged-in client")
    void versionCheck() {
        HttpResponse<byte[]> response = registry.get("/v2/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    @DisplayName("A blob uploaded in one POST with ?digest= is stored and served with its digest and exact length")
    void monolithicUpload() {
        byte[] blob = "monolithic blob".getBytes(StandardCharsets.UTF_8);
        String digest = EcrImages.digest(blob);

        HttpResponse<byte[]> created = registry.post("/v2/app/web/blobs/uploads/?digest=" + digest, blob);
        HttpResponse<byte[]> head = registry.head("/v2/app/web/blobs/" + digest);
        HttpResponse<byte[]> get = registry.get("/v2/app/web/blobs/" + digest);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/v2/app/web/blobs/" + digest);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(blob.length);
        assertThat(get.body()).isEqualTo(blob);
        assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    }

    @Test
    @DisplayName("A chunked upload (POST, PATCH, PATCH, PUT ?digest=) reports its range and stores the whole blob")
    void chunkedUpload() {
        byte[] blob = new byte[70_000];
        Arrays.fill(blob, 0, 40_000, (byte) 1);
        String digest = EcrImages.digest(blob);

        HttpResponse<byte[]> started = registry.post("/v2/app/web/blobs/uploads/", new byte[0]);
        String location = started.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> first = registry.patch(location, Arrays.copyOfRange(blob, 0, 40_000), "0-39999");
        HttpResponse<byte[]> outOfOrder = registry.patch(location, new byte[10], "50000-50009");
        HttpResponse<byte[]> second = registry.patch(location, Arrays.copyOfRange(blob, 40_000, 70_000), "40000-69999");
        HttpResponse<byte[]> done = registry.put(location + "?digest=" + digest, null, new byte[0]);

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-39999");
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        assertThat(second.headers().firstValue("Range")).hasValue("0-69999");
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/app/web/blobs/" + digest).body()).isEqualTo(blob);
        assertThat(registry.get(location).statusCode()).as("a completed upload is gone").isEqualTo(404);
    }

    @Test
    @DisplayName("An upload completed with another digest answers DIGEST_INVALID and stores nothing")
    void verifiesDigests() {
        byte[] blob = "honest bytes".getBytes(StandardCharsets.UTF_8);
        String claimed = EcrImages.digest("other bytes".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = registry.post("/v2/app/web/blobs/uploads/?digest=" + claimed, blob);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("DIGEST_INVALID");
        assertThat(registry.head("/v2/app/web/blobs/" + claimed).statusCode()).isEqualTo(404);
        assertThat(registry.head("/v2/app/web/blobs/" + EcrImages.digest(blob)).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("A blob name that is not a sha256 digest is refused before any lookup, whatever it contains")
    void refusesBadDigests() {
        for (String digest : new String[] {"sha256:..%2F..%2Fetc%2Fpasswd", "md5:0123", "sha256:ABC", "latest"}) {
            HttpResponse<byte[]> response = registry.get("/v2/app/web/blobs/" + digest);

            assertThat(response.statusCode()).as(digest).isEqualTo(400);
            assertThat(text(response)).contains("DIGEST_INVALID");
        }
        assertThat(registry.get("/v2/App/blobs/sha256:" + "a".repeat(64)).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("A blob of another repository can be mounted with ?mount=&from=, answering 201 without an upload")
    void mountsAcrossRepositories() {
        byte[] blob = "shared base layer".getBytes(StandardCharsets.UTF_8);
        String digest = EcrImages.digest(blob);
        registry.post("/v2/app/base/blobs/uploads/?digest=" + digest, blob);

        HttpResponse<byte[]> mounted = registry.post("/v2/app/web/blobs/uploads/?mount=" + digest + "&from=app/base", new byte[0]);
        HttpResponse<byte[]> notThere = registry.post("/v2/locked/blobs/uploads/?mount=" + EcrImages.digest(new byte[3])
                + "&from=app/base", new byte[0]);

        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/app/web/blobs/" + digest).body()).isEqualTo(blob);
        assertThat(notThere.statusCode()).as("an impossible mount falls back to an upload session").isEqualTo(202);
    }

    @Test
    @DisplayName("A manifest pushed to the registry is an image of the ECR API, with the same digest and tag")
    void pushedManifestsAreEcrImages() {
        EcrImages.Image image = EcrImages.image("registry-push");
        uploadBlobs("app/web", image);

        HttpResponse<byte[]> pushed = registry.put("/v2/app/web/manifests/v1", image.mediaType(),
                image.manifest().getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> again = registry.put("/v2/app/web/manifests/v1", image.mediaType(),
                image.manifest().getBytes(StandardCharsets.UTF_8));

        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
        assertThat(again.statusCode()).as("pushing the same image again changes nothing").isEqualTo(201);
        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("app/web").imageIds(i -> i.imageTag("v1")))
                .imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(image.digest());
        assertThat(detail.imageSizeInBytes()).isEqualTo(image.layersSize());
    }

    @Test
    @DisplayName("An image put with PutImage is pulled from the registry by tag and by digest, byte for byte")
    void ecrImagesArePulled() {
        EcrImages.Image image = EcrImages.image("api-push");
        EcrImages.push(ecr, "app/web", "from-api", image);

        HttpResponse<byte[]> byTag = registry.send(registry.request("/v2/app/web/manifests/from-api")
                .header("Accept", EcrImages.DOCKER_MANIFEST + ", " + EcrImages.OCI_MANIFEST).GET());
        HttpResponse<byte[]> byDigest = registry.get("/v2/app/web/manifests/" + image.digest());
        HttpResponse<byte[]> head = registry.head("/v2/app/web/manifests/from-api");
        HttpResponse<byte[]> ociOnly = registry.send(registry.request("/v2/app/web/manifests/from-api")
                .header("Accept", EcrImages.OCI_MANIFEST).GET());

        assertThat(text(byTag)).isEqualTo(image.manifest());
        assertThat(byTag.headers().firstValue("Content-Type")).hasValue(EcrImages.DOCKER_MANIFEST);
        assertThat(byTag.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
        assertThat(text(byDigest)).isEqualTo(image.manifest());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(image.manifest().length());
        assertThat(ociOnly.statusCode()).as("ECR converts no manifest: an unaccepted type is not found").isEqualTo(404);
        assertThat(registry.get("/v2/app/web/blobs/" + image.layers().get(0).digest()).body())
                .isEqualTo(image.layers().get(0).bytes());
    }

    @Test
    @DisplayName("Manifest pushes keep ECR's rules: missing blobs, a moved immutable tag and a wrong digest are refused")
    void manifestRules() {
        EcrImages.Image image = EcrImages.image("rules");
        HttpResponse<byte[]> missing = registry.put("/v2/locked/manifests/v1", image.mediaType(),
                image.manifest().getBytes(StandardCharsets.UTF_8));
        uploadBlobs("locked", image);
        registry.put("/v2/locked/manifests/v1", image.mediaType(), image.manifest().getBytes(StandardCharsets.UTF_8));
        EcrImages.Image other = EcrImages.image("rules-2");
        uploadBlobs("locked", other);

        HttpResponse<byte[]> moved = registry.put("/v2/locked/manifests/v1", other.mediaType(),
                other.manifest().getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> wrongDigest = registry.put("/v2/locked/manifests/" + image.digest(), other.mediaType(),
                other.manifest().getBytes(StandardCharsets.UTF_8));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(text(missing)).contains("MANIFEST_BLOB_UNKNOWN");
        assertThat(moved.statusCode()).isEqualTo(400);
        assertThat(text(moved)).contains("TAG_INVALID").contains("immutable");
        assertThat(wrongDigest.statusCode()).isEqualTo(400);
        assertThat(text(wrongDigest)).contains("DIGEST_INVALID");
    }

    @Test
    @DisplayName("tags/list answers the tags sorted, in pages of n with a Link to the next page")
    void listsTags() {
        ecr.createRepository(b -> b.repositoryName("tags"));
        EcrImages.Image image = EcrImages.image("tags");
        EcrImages.push(ecr, "tags", "b", image);
        for (String tag : new String[] {"c", "a"}) {
            ecr.putImage(b -> b.repositoryName("tags").imageTag(tag).imageManifest(image.manifest()));
        }

        HttpResponse<byte[]> all = registry.get("/v2/tags/tags/list");
        HttpResponse<byte[]> first = registry.get("/v2/tags/tags/list?n=2");
        HttpResponse<byte[]> rest = registry.get("/v2/tags/tags/list?n=2&last=b");

        assertThat(text(all)).isEqualTo("{\"name\":\"tags\",\"tags\":[\"a\",\"b\",\"c\"]}");
        assertThat(text(first)).contains("[\"a\",\"b\"]");
        assertThat(first.headers().firstValue("Link")).hasValue("</v2/tags/tags/list?n=2&last=b>; rel=\"next\"");
        assertThat(text(rest)).contains("[\"c\"]");
    }

    @Test
    @DisplayName("DELETE of a manifest by digest deletes the image, which ListImages then no longer shows")
    void deletesManifests() {
        ecr.createRepository(b -> b.repositoryName("deletable"));
        EcrImages.Image image = EcrImages.image("deletable");
        EcrImages.push(ecr, "deletable", "v1", image);

        HttpResponse<byte[]> deleted = registry.delete("/v2/deletable/manifests/" + image.digest());

        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(ecr.listImages(b -> b.repositoryName("deletable")).imageIds()).isEmpty();
        assertThat(registry.get("/v2/deletable/manifests/v1").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("A repository that does not exist answers NAME_UNKNOWN: ECR does not create repositories on push")
    void unknownRepository() {
        HttpResponse<byte[]> response = registry.post("/v2/nope/blobs/uploads/", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).contains("NAME_UNKNOWN");
    }

    @Test
    @DisplayName("On the AWS-shaped host <account>.dkr.ecr.<region>.localhost the password must be of that account")
    void awsShapedHostChecksTheAccount() throws IOException {
        String own = rawGet("123456789012.dkr.ecr.us-east-1.localhost:" + emulator.port(), registry.authorization());
        String other = rawGet("999999999999.dkr.ecr.us-east-1.localhost:" + emulator.port(), registry.authorization());

        assertThat(own).startsWith("HTTP/1.1 200");
        assertThat(other).startsWith("HTTP/1.1 403").contains("DENIED");
    }

    private static void uploadBlobs(String repository, EcrImages.Image image) {
        registry.post("/v2/" + repository + "/blobs/uploads/?digest=" + image.config().digest(), image.config().bytes());
        for (EcrImages.Blob layer : image.layers()) {
            registry.post("/v2/" + repository + "/blobs/uploads/?digest=" + layer.digest(), layer.bytes());
        }
    }

    private static String password(RegistryHttp http) {
        String decoded = new String(Base64.getDecoder().decode(http.authorization().substring("Basic ".length())),
                StandardCharsets.UTF_8);
        return decoded.substring("AWS:".length());
    }

    /** A request with a Host header of our choosing, which java.net.http does not allow to set. */
    private static String rawGet(String host, String authorization) throws IOException {
        try (Socket socket = new Socket(emulator.url().getHost(), emulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/ HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
