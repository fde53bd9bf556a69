package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EcrImages;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;

/** The scanner's two halves: listing a layer's files, and matching jars against the catalogue. */
class ScanFindingsCatalogueTest {

    @Test
    @DisplayName("A gzip-compressed tar layer lists its files; bytes that are not a tar list none")
    void listsLayerFiles() {
        byte[] layer = EcrImages.tarGz(Map.of("app/libs/a.jar", new byte[700], "etc/os-release", new byte[3]));

        assertThat(LayerFiles.list(new ByteArrayInputStream(layer))).containsExactly("/app/libs/a.jar", "/etc/os-release");
        assertThat(LayerFiles.list(new ByteArrayInputStream("not a tar".getBytes()))).isEmpty();
    }

    @Test
    @DisplayName("Only versions inside a catalogued range are findings: log4j-core 2.14.1 is, 2.17.1 is not")
    void matchesVersionRanges() {
        List<ImageScanFinding> vulnerable = ScanFindingsCatalogue.findings(List.of("/app/libs/log4j-core-2.14.1.jar"));
        List<ImageScanFinding> fixed = ScanFindingsCatalogue.findings(List.of("/app/libs/log4j-core-2.17.1.jar",
                "/app/libs/commons-text-1.10.0.jar", "/app/libs/guava-32.1.2-jre.jar"));

        assertThat(vulnerable).extracting(ImageScanFinding::name)
                .containsExactly("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832");
        assertThat(fixed).isEmpty();
        assertThat(ScanFindingsCatalogue.compare("29.0-jre", "30.0")).isNegative();
        assertThat(ScanFindingsCatalogue.compare("2.13.4.2", "2.13.4.2")).isZero();
    }
}
