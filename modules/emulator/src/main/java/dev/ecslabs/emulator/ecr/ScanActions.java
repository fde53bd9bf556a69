package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;
import software.amazon.awssdk.services.ecr.model.StartImageScanRequest;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;

/** Basic image scanning: StartImageScan and DescribeImageScanFindings (which the SDK's ImageScanComplete waiter polls). */
public final class ScanActions implements ActionGroup {
    private final ImageScanning scanning;

    public ScanActions(ImageScanning scanning) {
        this.scanning = scanning;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "StartImageScan", StartImageScanRequest::builder, this::startImageScan)
                .add(AwsService.ECR, "DescribeImageScanFindings", DescribeImageScanFindingsRequest::builder, this::describeImageScanFindings);
    }

    StartImageScanResponse startImageScan(RequestContext context, StartImageScanRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        ImageRecord image = image(repository, request.imageId());
        ImageScan scan = scanning.start(context.state(), repository, image);
        return StartImageScanResponse.builder().registryId(repository.registryId()).repositoryName(repository.name())
                .imageId(id(image, request.imageId())).imageScanStatus(scan.scanStatus()).build();
    }

    DescribeImageScanFindingsResponse describeImageScanFindings(RequestContext context,
                                                                DescribeImageScanFindingsRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        ImageRecord image = image(repository, request.imageId());
        ImageScan scan = scanning.scanOf(repository, image).orElseThrow(() -> new AwsException("ScanNotFoundException",
                "Image scan does not exist for the image with '" + EcrErrors.describe(request.imageId())
                        + "' in the repository with name '" + repository.name() + "' in the registry with id '"
                        + repository.registryId() + "'. Start one with StartImageScan, or turn on scanOnPush."));
        DescribeImageScanFindingsResponse.Builder response = DescribeImageScanFindingsResponse.builder()
                .registryId(repository.registryId()).repositoryName(repository.name())
                .imageId(id(image, request.imageId())).imageScanStatus(scan.scanStatus());
        if (scan.completedAt() != null) {
            List<ImageScanFinding> findings = new ArrayList<>(scan.findings());
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                keys.add(String.format("%08d", i));
            }
            Pages.Page<String> page = Pages.page(keys, key -> key, request.nextToken(), request.maxResults(), 100, 1000,
                    "InvalidParameterException");
            response.imageScanFindings(ImageScanFindings.builder()
                    .imageScanCompletedAt(scan.completedAt())
                    .vulnerabilitySourceUpdatedAt(ImageScan.CATALOGUE_UPDATED_AT)
                    .findingSeverityCountsWithStrings(scan.severityCounts())
                    .findings(page.items().stream().map(key -> findings.get(Integer.parseInt(key))).toList())
                    .build())
                    .nextToken(page.nextToken());
        }
        return response.build();
    }

    private static RepositoryState repository(RequestContext context, String registryId, String name) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(registryId);
        return repositories.require(name);
    }

    private static ImageRecord image(RepositoryState repository, ImageIdentifier id) {
        Images.Lookup lookup = Images.find(repository, id);
        if (lookup.failure() == null) {
            return lookup.image();
        }
        if (lookup.failure().failureCode() == ImageFailureCode.IMAGE_NOT_FOUND) {
            throw EcrErrors.imageNotFound(id, repository.name(), repository.registryId());
        }
        throw EcrErrors.invalidParameter(lookup.failure().failureReason());
    }

    private static ImageIdentifier id(ImageRecord image, ImageIdentifier requested) {
        return ImageIdentifier.builder().imageDigest(image.digest().toString()).imageTag(requested.imageTag()).build();
    }
}
