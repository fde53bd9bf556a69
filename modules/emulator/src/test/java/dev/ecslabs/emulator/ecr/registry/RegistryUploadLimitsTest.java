package dev.ecslabs.emulator.ecr.registry;

import static dev.ecslabs.emulator.RegistryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.RegistryHttp;
import dev.ecslabs.emulator.clock.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;

/**
 * The registry bounds what unfinished uploads hold: bytes in flight per account and in total
 * (a part past either is refused with 429 TOOMANYREQUESTS, the distribution spec's code for too many
 * requests, https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes, with the
 * status ECR answers when it throttles, https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors.html,
 * and the upload keeps what it had), and an upload that receives nothing for 24
 * emulated hours is expired by the clock, without waiting for another upload to start.
 */
@EmulatorTest(account = RegistryUploadLimitsTest.ALICE, uploadLimitPerAccount = 1000, uploadLimitTotal = 1500, scope = EmulatorTest.Scope.EACH_TEST)
class RegistryUploadLimitsTest {
    static final String ALICE = "111111111111";
    static final String BOB = "222222222222";

    ManualClock clock;
    Emulator emulator;
    EcrClient alice;
    EcrClient bob;
    RegistryHttp aliceRegistry;
    RegistryHttp bobRegistry;

    @BeforeEach
    void start() {
        bob = AwsClients.ecr(emulator, BOB);
        alice.createRepository(b -> b.repositoryName("app"));
        bob.createRepository(b -> b.repositoryName("app"));
        aliceRegistry = RegistryHttp.loggedIn(emulator, alice);
        bobRegistry = RegistryHttp.loggedIn(emulator, bob);
    }

    @AfterEach
    void stop() {
        bob.close();
    }

    @Test
    @DisplayName("A part past the account's in-flight limit is 429 TOOMANYREQUESTS (docs.aws.amazon.com/AmazonECR/latest/userguide/"
            + "common-errors.html: HTTP 429 Too Many Requests); the upload keeps what it had and completes")
    void limitsAnAccount() {
        String upload = start(aliceRegistry);
        assertThat(aliceRegistry.patch(upload, new byte[800], "0-799").statusCode()).isEqualTo(202);

        HttpResponse<byte[]> refused = aliceRegistry.patch(upload, new byte[300], "800-1099");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(text(refused)).contains("\"code\":\"TOOMANYREQUESTS\"").contains("Account " + ALICE);
        assertThat(refused.headers().firstValue("Range")).hasValue("0-799");
        HttpResponse<byte[]> completed = aliceRegistry.put(upload + "?digest=" + EcrImages.digest(new byte[800]), null, new byte[0]);
        assertThat(completed.statusCode()).as(text(completed)).isEqualTo(201);
        assertThat(aliceRegistry.patch(start(aliceRegistry), new byte[1000], "0-999").statusCode())
                .as("a completed upload no longer counts").isEqualTo(202);
    }

    @Test
    @DisplayName("The total in-flight limit holds across accounts, and cancelling an upload gives its bytes back")
    void limitsAllAccounts() {
        String alices = start(aliceRegistry);
        aliceRegistry.patch(alices, new byte[900], "0-899");
        String bobs = start(bobRegistry);
        assertThat(bobRegistry.patch(bobs, new byte[500], "0-499").statusCode()).isEqualTo(202);

        HttpResponse<byte[]> refused = bobRegistry.patch(bobs, new byte[200], "500-699");
        aliceRegistry.delete(alices);
        HttpResponse<byte[]> afterCancel = bobRegistry.patch(bobs, new byte[200], "500-699");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(text(refused)).contains("all accounts together");
        assertThat(afterCancel.statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("ECR's UploadLayerPart past the account's limit answers LimitExceededException")
    void limitsTheLayerApi() {
        String uploadId = alice.initiateLayerUpload(b -> b.repositoryName("app")).uploadId();

        assertThatThrownBy(() -> alice.uploadLayerPart(b -> b.repositoryName("app").uploadId(uploadId).partFirstByte(0L)
                .partLastByte(1199L).layerPartBlob(SdkBytes.fromByteArray(new byte[1200]))))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("Account " + ALICE);
    }

    @Test
    @DisplayName("An upload idle for 24 emulated hours is expired on the clock, its bytes freed, though no other upload starts; a part resets the wait")
    void expiresAbandonedUploads() {
        String upload = start(aliceRegistry);
        aliceRegistry.patch(upload, new byte[600], "0-599");

        clock.advance(Duration.ofHours(23));
        assertThat(relogin().get(upload).statusCode()).as("idle 23 hours").isEqualTo(204);
        relogin().patch(upload, new byte[100], "600-699");
        clock.advance(Duration.ofHours(23));
        assertThat(relogin().get(upload).statusCode()).as("23 hours after its last part").isEqualTo(204);
        clock.advance(Duration.ofHours(2));

        HttpResponse<byte[]> gone = relogin().get(upload);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(text(gone)).contains("BLOB_UPLOAD_UNKNOWN");
        assertThat(relogin().patch(start(relogin()), new byte[1000], "0-999").statusCode())
                .as("the expired upload's bytes no longer count").isEqualTo(202);
    }

    /** A fresh registry password: one is valid for 12 hours of the clock. */
    private RegistryHttp relogin() {
        return RegistryHttp.loggedIn(emulator, alice);
    }

    private static String start(RegistryHttp registry) {
        HttpResponse<byte[]> started = registry.post("/v2/app/blobs/uploads/", new byte[0]);
        assertThat(started.statusCode()).isEqualTo(202);
        return started.headers().firstValue("Location").orElseThrow();
    }
}
