package dev.ecslabs.emulator.ecr.registry;

import static dev.ecslabs.emulator.RegistryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.RegistryHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Whatever a client sends to the registry's {@code /v2/} routes, the answer is a 4xx of the
 * distribution spec with its error JSON ({@code {"errors":[{"code","message"}]}}), never a 5xx:
 * malformed Content-Range, digests, pagination, Range, names, references and manifests
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes).
 */
@EmulatorTest(account = "123456789012", clock = EmulatorTest.Clock.SCALED)
class RegistryBadInputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Emulator emulator;
    static EcrClient ecr;
    static RegistryHttp registry;
    static final byte[] BLOB = "a small blob".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() {
        ecr.createRepository(b -> b.repositoryName("app"));
        registry = RegistryHttp.loggedIn(emulator, ecr);
        registry.post("/v2/app/blobs/uploads/?digest=" + EcrImages.digest(BLOB), BLOB);
    }

    record Probe(String what, Function<String, HttpResponse<byte[]>> send, int status, String code) {
    }

    @Test
    @DisplayName("Every malformed registry request gets the spec's 4xx and error code, with a message")
    void malformedRequests() throws IOException {
        String blob = "/v2/app/blobs/" + EcrImages.digest(BLOB);
        List<Probe> probes = List.of(
                new Probe("Content-Range past a long", u -> registry.patch(u, new byte[1], "99999999999999999999999-1"), 400, "BLOB_UPLOAD_INVALID"),
                new Probe("Content-Range ending before it starts", u -> registry.patch(u, new byte[1], "5-1"), 400, "BLOB_UPLOAD_INVALID"),
                new Probe("Content-Range that is not a range", u -> registry.patch(u, new byte[1], "bytes=abc"), 400, "BLOB_UPLOAD_INVALID"),
                new Probe("Content-Range of 10 KB of digits", u -> registry.patch(u, new byte[1], "1".repeat(6000) + "-2"), 400, "BLOB_UPLOAD_INVALID"),
                new Probe("Content-Range out of order", u -> registry.patch(u, new byte[1], "100-100"), 416, "BLOB_UPLOAD_INVALID"),
                new Probe("completion without a digest", u -> registry.put(u, null, new byte[0]), 400, "DIGEST_INVALID"),
                new Probe("completion with a malformed digest", u -> registry.put(u + "?digest=sha256:zz", null, new byte[0]), 400, "DIGEST_INVALID"),
                new Probe("completion with another algorithm", u -> registry.put(u + "?digest=sha512:" + "a".repeat(128), null, new byte[0]), 400, "DIGEST_INVALID"),
                new Probe("completion with the wrong digest", u -> registry.put(u + "?digest=" + EcrImages.digest(new byte[9]), null, new byte[1]), 400, "DIGEST_INVALID"),
                new Probe("monolithic upload with a malformed digest", u -> registry.post("/v2/app/blobs/uploads/?digest=sha256:" + "x".repeat(64), BLOB), 400, "DIGEST_INVALID"),
                new Probe("a chunk to an upload that does not exist", u -> registry.patch("/v2/app/blobs/uploads/no-such-upload", new byte[1], null), 404, "BLOB_UPLOAD_UNKNOWN"),
                new Probe("a blob by a malformed digest", u -> registry.get("/v2/app/blobs/sha256:" + "0".repeat(63)), 400, "DIGEST_INVALID"),
                new Probe("a blob that is not there", u -> registry.get("/v2/app/blobs/" + EcrImages.digest(new byte[7])), 404, "BLOB_UNKNOWN"),
                new Probe("a Range past the blob's end", u -> registry.send(registry.request(blob).header("Range", "bytes=5000-")), 416, "SIZE_INVALID"),
                new Probe("an empty suffix Range", u -> registry.send(registry.request(blob).header("Range", "bytes=-0")), 416, "SIZE_INVALID"),
                new Probe("tags/list with n that is not a number", u -> registry.get("/v2/app/tags/list?n=abc"), 400, "PAGINATION_NUMBER_INVALID"),
                new Probe("tags/list with n past an int", u -> registry.get("/v2/app/tags/list?n=99999999999999999999999"), 400, "PAGINATION_NUMBER_INVALID"),
                new Probe("tags/list with a negative n", u -> registry.get("/v2/app/tags/list?n=-1"), 400, "PAGINATION_NUMBER_INVALID"),
                new Probe("a repository name that is not one", u -> registry.get("/v2/App/Web/tags/list"), 400, "NAME_INVALID"),
                new Probe("a repository name of 2,000 characters", u -> registry.get("/v2/" + "a".repeat(2000) + "/tags/list"), 400, "NAME_INVALID"),
                new Probe("a repository that does not exist", u -> registry.get("/v2/nothing/tags/list"), 404, "NAME_UNKNOWN"),
                new Probe("a manifest under a malformed tag", u -> registry.put("/v2/app/manifests/-bad", "application/vnd.oci.image.manifest.v1+json", "{}".getBytes()), 400, "TAG_INVALID"),
                new Probe("a manifest that is not JSON", u -> registry.put("/v2/app/manifests/v1", "application/vnd.oci.image.manifest.v1+json", "{not json".getBytes()), 400, "MANIFEST_INVALID"),
                new Probe("a manifest by a digest it does not have", u -> registry.put("/v2/app/manifests/" + EcrImages.digest(new byte[1]),
                        "application/vnd.oci.image.manifest.v1+json", "{}".getBytes()), 400, null),
                new Probe("a manifest of 5 MiB", u -> registry.put("/v2/app/manifests/big", "application/vnd.oci.image.manifest.v1+json", new byte[5 << 20]), 413, "MANIFEST_INVALID"),
                new Probe("a method the registry does not answer", u -> registry.send(registry.request(blob).method("POST", HttpRequest.BodyPublishers.noBody())), 405, "UNSUPPORTED"),
                new Probe("a route the registry does not have", u -> registry.get("/v2/_catalog"), 404, "UNSUPPORTED"),
                new Probe("credentials that are not base64", u -> new RegistryHttp(emulator.url(), "Basic !!!not-base64").get("/v2/"), 401, "UNAUTHORIZED"));

        List<String> wrong = new ArrayList<>();
        for (Probe probe : probes) {
            HttpResponse<byte[]> response = probe.send().apply(newUpload());
            String body = text(response);
            JsonNode error = JSON.readTree(body.isEmpty() ? "{}" : body).path("errors").path(0);
            boolean right = response.statusCode() == probe.status() && !error.path("message").asText().isEmpty()
                    && (probe.code() == null || error.path("code").asText().equals(probe.code()));
            if (!right) {
                wrong.add(probe.what() + ": HTTP " + response.statusCode() + " " + body);
            }
        }
        assertThat(wrong).as("requests answered otherwise than the spec says").isEmpty();
    }

    @Test
    @DisplayName("A malformed Content-Length is refused by the HTTP layer with a 400, before any route runs")
    void malformedContentLength() throws IOException {
        for (String length : new String[] {"abc", "-1", "99999999999999999999999"}) {
            String status = raw("PATCH " + newUpload() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + registry.authorization() + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\nx");
            assertThat(status).as("Content-Length: " + length).matches("HTTP/1\\.1 4\\d\\d .*");
        }
    }

    @Test
    @DisplayName("The chunk the spec calls out of order leaves the upload as it was: the next right chunk is taken")
    void badChunksChangeNothing() {
        String upload = newUpload();
        registry.patch(upload, new byte[] {1, 2}, "0-1");
        registry.patch(upload, new byte[] {9}, "99999999999999999999999-1");
        registry.patch(upload, new byte[] {9}, "7-7");

        HttpResponse<byte[]> next = registry.patch(upload, new byte[] {3}, "2-2");
        HttpResponse<byte[]> done = registry.put(upload + "?digest=" + EcrImages.digest(new byte[] {1, 2, 3}), null, new byte[0]);

        assertThat(next.headers().firstValue("Range")).hasValue("0-2");
        assertThat(done.statusCode()).as(text(done)).isEqualTo(201);
    }

    @Test
    @DisplayName("A single Range of a blob is answered 206 with its bytes; a Range the registry can't serve gets the whole blob")
    void servesRanges() {
        String blob = "/v2/app/blobs/" + EcrImages.digest(BLOB);

        HttpResponse<byte[]> part = registry.send(registry.request(blob).header("Range", "bytes=2-6"));
        HttpResponse<byte[]> tail = registry.send(registry.request(blob).header("Range", "bytes=-4"));
        HttpResponse<byte[]> several = registry.send(registry.request(blob).header("Range", "bytes=0-1,4-5"));
        HttpResponse<byte[]> huge = registry.send(registry.request(blob).header("Range", "bytes=99999999999999999999999-"));

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(text(part)).isEqualTo("small");
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 2-6/" + BLOB.length);
        assertThat(text(tail)).isEqualTo("blob");
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(BLOB);
        assertThat(huge.statusCode()).isEqualTo(200);
    }

    private static String newUpload() {
        return registry.post("/v2/app/blobs/uploads/", new byte[0]).headers().firstValue("Location").orElseThrow();
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(emulator.url().getHost(), emulator.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("");
        }
    }
}
