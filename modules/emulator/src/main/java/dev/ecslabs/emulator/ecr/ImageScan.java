package dev.ecslabs.emulator.ecr;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindingsSummary;
import software.amazon.awssdk.services.ecr.model.ImageScanStatus;
import software.amazon.awssdk.services.ecr.model.ScanStatus;

/** The last basic scan of an image: when it started, its status, and its findings once COMPLETE. */
public record ImageScan(ScanStatus status, Instant startedAt, Instant completedAt, List<ImageScanFinding> findings) {
    /** When the emulator's findings catalogue was last changed: ECR's vulnerabilitySourceUpdatedAt. */
    static final Instant CATALOGUE_UPDATED_AT = Instant.parse("2026-01-01T00:00:00Z");

    static ImageScan inProgress(Instant startedAt) {
        return new ImageScan(ScanStatus.IN_PROGRESS, startedAt, null, List.of());
    }

    ImageScan complete(Instant at, List<ImageScanFinding> found) {
        return new ImageScan(ScanStatus.COMPLETE, startedAt, at, List.copyOf(found));
    }

    ImageScanStatus scanStatus() {
        String description = status == ScanStatus.COMPLETE ? "The scan was completed successfully."
                : "The scan is in progress.";
        return ImageScanStatus.builder().status(status).description(description).build();
    }

    Map<String, Integer> severityCounts() {
        Map<FindingSeverity, Integer> counts = new EnumMap<>(FindingSeverity.class);
        for (ImageScanFinding finding : findings) {
            counts.merge(finding.severity(), 1, Integer::sum);
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        counts.forEach((severity, count) -> byName.put(severity.toString(), count));
        return byName;
    }

    /** The summary DescribeImages shows, only for a completed scan. */
    ImageScanFindingsSummary summary() {
        return ImageScanFindingsSummary.builder()
                .imageScanCompletedAt(completedAt)
                .vulnerabilitySourceUpdatedAt(CATALOGUE_UPDATED_AT)
                .findingSeverityCountsWithStrings(severityCounts())
                .build();
    }
}
