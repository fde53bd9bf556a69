package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ScanStatus;

/**
 * ECR's basic scanning on the emulator's clock: a scan is IN_PROGRESS for {@link #SCAN_DURATION}
 * (emulated) and then COMPLETE with the findings the {@link ScanFindingsCatalogue} has for the
 * image's files. As on ECR, an image can be scanned once per 24 hours, scan on push included
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html).
 */
public final class ImageScanning {
    /** How long a scan takes, in emulated time. */
    public static final Duration SCAN_DURATION = Duration.ofSeconds(20);
    /** An image may be scanned once per this long. */
    public static final Duration SCAN_QUOTA_PERIOD = Duration.ofHours(24);

    private final BlobStore blobs;

    public ImageScanning(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** A new image was pushed: scan it if its repository scans on push. */
    void pushed(AccountRegion region, RepositoryState repository, ImageRecord image) {
        if (Boolean.TRUE.equals(repository.repository().imageScanningConfiguration().scanOnPush())
                && !image.manifest().isIndex()) {
            start(region, repository, image);
        }
    }

    /** Starts a scan; throws ECR's errors for an image index or a scan within the last 24 hours. */
    ImageScan start(AccountRegion region, RepositoryState repository, ImageRecord image) {
        if (image.manifest().isIndex()) {
            throw new AwsException("UnsupportedImageTypeException", "The image type is not supported: "
                    + image.mediaType() + " is an image index, which has no layers of its own. Scan each image it lists.");
        }
        Instant now = region.now();
        ImageScan previous = repository.scans().get(image.digest());
        if (previous != null && previous.startedAt().plus(SCAN_QUOTA_PERIOD).isAfter(now)) {
            throw EcrErrors.limitExceeded("The scan quota per image has been exceeded: an image can be scanned once "
                    + "every 24 hours, and " + image.digest() + " was scanned at " + previous.startedAt()
                    + ". Read its findings with DescribeImageScanFindings.");
        }
        ImageScan scan = ImageScan.inProgress(now);
        repository.scan(image.digest(), scan);
        scheduleCompletion(region, repository, image, scan);
        return scan;
    }

    /** Schedules again, after a restart, the completion of every scan still IN_PROGRESS, at the time it was due. */
    void resume(AccountRegion region, RepositoryState repository) {
        for (ImageRecord image : repository.images().all()) {
            ImageScan scan = repository.scans().get(image.digest());
            if (scan != null && scan.status() == ScanStatus.IN_PROGRESS) {
                scheduleCompletion(region, repository, image, scan);
            }
        }
    }

    private void scheduleCompletion(AccountRegion region, RepositoryState repository, ImageRecord image, ImageScan scan) {
        Duration delay = Duration.between(region.now(), scan.startedAt().plus(SCAN_DURATION));
        region.schedule(delay, () -> {
            if (Repositories.of(region).isCurrent(repository) && repository.scans().get(image.digest()) == scan) {
                repository.scan(image.digest(), scan.complete(region.now(), findings(repository, image)));
            }
        });
    }

    Optional<ImageScan> scanOf(RepositoryState repository, ImageRecord image) {
        return Optional.ofNullable(repository.scans().get(image.digest()));
    }

    private List<ImageScanFinding> findings(RepositoryState repository, ImageRecord image) {
        List<String> paths = new ArrayList<>();
        for (ImageManifest.Descriptor layer : image.manifest().layers()) {
            Optional<Blob> blob = repository.hasLayer(layer.digest()) ? blobs.get(layer.digest()) : Optional.empty();
            if (blob.isPresent()) {
                try (InputStream in = blob.get().open()) {
                    paths.addAll(LayerFiles.list(in));
                } catch (IOException e) {
                    // A layer that can't be read adds no findings, as a scanner skips what it can't open.
                }
            }
        }
        return ScanFindingsCatalogue.findings(paths);
    }
}
