package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;

/**
 * Basic scanning as https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html describes
 * it: scan on push or on demand, IN_PROGRESS then COMPLETE, once per image per 24 hours; findings
 * from the emulator's documented catalogue.
 */
@EmulatorTest
class ImageScanningTest {
    static final Map<String, byte[]> VULNERABLE_APP = Map.of(
            "app/app.jar", new byte[] {1, 2, 3},
            "app/libs/log4j-core-2.14.1.jar", new byte[] {4},
            "app/libs/guava-29.0-jre.jar", new byte[] {5},
            "app/libs/jackson-databind-2.17.0.jar", new byte[] {6});

    static ManualClock clock;
    static Emulator emulator;
    static EcrClient ecr;

    @BeforeAll
    static void start() {
        ecr.createRepository(b -> b.repositoryName("scanned").imageScanningConfiguration(c -> c.scanOnPush(true)));
        ecr.createRepository(b -> b.repositoryName("manual"));
    }

    @Test
    @DisplayName("Scan on push starts a scan that is IN_PROGRESS, then COMPLETE with the catalogue's findings for the image's jars")
    void scansOnPush() {
        EcrImages.push(ecr, "scanned", "v1", EcrImages.image("vulnerable", VULNERABLE_APP));

        DescribeImageScanFindingsResponse running = findings("scanned", "v1");
        clock.advance(ImageScanning.SCAN_DURATION);
        DescribeImageScanFindingsResponse done = findings("scanned", "v1");

        assertThat(running.imageScanStatus().status()).isEqualTo(ScanStatus.IN_PROGRESS);
        assertThat(running.imageScanFindings()).isNull();
        assertThat(done.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(done.imageScanFindings().findings()).extracting(ImageScanFinding::name)
                .containsExactlyInAnyOrder("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832",
                        "CVE-2020-8908");
        assertThat(done.imageScanFindings().findingSeverityCounts())
                .containsEntry(FindingSeverity.CRITICAL, 2).containsEntry(FindingSeverity.MEDIUM, 2)
                .containsEntry(FindingSeverity.LOW, 1).doesNotContainKey(FindingSeverity.HIGH);
        ImageScanFinding log4shell = done.imageScanFindings().findings().stream()
                .filter(f -> f.name().equals("CVE-2021-44228")).findFirst().orElseThrow();
        assertThat(log4shell.severity()).isEqualTo(FindingSeverity.CRITICAL);
        assertThat(log4shell.uri()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
        assertThat(log4shell.attributes()).anyMatch(a -> a.key().equals("package_version") && a.value().equals("2.14.1"));

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("scanned").imageIds(i -> i.imageTag("v1")))
                .imageDetails().get(0);
        assertThat(detail.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(detail.imageScanFindingsSummary().findingSeverityCounts()).containsEntry(FindingSeverity.CRITICAL, 2);
    }

    @Test
    @DisplayName("An image is scanned once per 24 hours: a second scan answers LimitExceededException until a day has passed")
    void scansOncePerDay() {
        EcrImages.push(ecr, "manual", "clean", EcrImages.image("clean"));
        assertThatThrownBy(() -> findings("manual", "clean")).isInstanceOf(ScanNotFoundException.class);

        ecr.startImageScan(b -> b.repositoryName("manual").imageId(i -> i.imageTag("clean")));
        clock.advance(ImageScanning.SCAN_DURATION);

        assertThat(findings("manual", "clean").imageScanFindings().findings()).as("nothing catalogued in it").isEmpty();
        assertThatThrownBy(() -> ecr.startImageScan(b -> b.repositoryName("manual").imageId(i -> i.imageTag("clean"))))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("once every 24 hours");

        clock.advance(Duration.ofHours(24));
        assertThat(ecr.startImageScan(b -> b.repositoryName("manual").imageId(i -> i.imageTag("clean")))
                .imageScanStatus().status()).isEqualTo(ScanStatus.IN_PROGRESS);
    }

    /** The waiter polls in real time, so these run on an emulator of their own whose scaled clock scans in a blink. */
    @Nested
    @EmulatorTest(clock = EmulatorTest.Clock.SCALED, speed = 200)
    class OnAScaledClock {
        @Test
        @DisplayName("The SDK's imageScanComplete waiter succeeds once the scan completes on the emulator's clock")
        void waiterWorks(EcrClient client) {
            try (EcrWaiter waiter = EcrWaiter.builder().client(client).overrideConfiguration(WaiterOverrideConfiguration.builder()
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))).maxAttempts(200).build()).build()) {
                client.createRepository(b -> b.repositoryName("waited").imageScanningConfiguration(c -> c.scanOnPush(true)));
                EcrImages.push(client, "waited", "v1", EcrImages.image("waited", VULNERABLE_APP));

                var outcome = waiter.waitUntilImageScanComplete(b -> b.repositoryName("waited").imageId(i -> i.imageTag("v1")));

                assertThat(outcome.matched().response()).get()
                        .satisfies(r -> assertThat(r.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE));
            }
        }
    }

    @Test
    @DisplayName("The findings page with maxResults and nextToken, and the paginator walks them all")
    void paginatesFindings() {
        EcrImages.push(ecr, "scanned", "paged", EcrImages.image("paged", VULNERABLE_APP));
        clock.advance(ImageScanning.SCAN_DURATION);

        var pages = ecr.describeImageScanFindingsPaginator(b -> b.repositoryName("scanned")
                .imageId(i -> i.imageTag("paged")).maxResults(2)).stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.imageScanFindings().findings().stream())).hasSize(5);
    }

    private static DescribeImageScanFindingsResponse findings(String repository, String tag) {
        return ecr.describeImageScanFindings(b -> b.repositoryName(repository).imageId(i -> i.imageTag(tag)));
    }
}
