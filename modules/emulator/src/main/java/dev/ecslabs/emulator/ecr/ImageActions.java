package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageStatus;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** ECR's image actions: PutImage, BatchGetImage, ListImages, DescribeImages and BatchDeleteImage. */
public final class ImageActions implements ActionGroup {
    private final Images images;
    private final ImageScanning scanning;
    private final LifecycleEnforcement lifecycle;

    public ImageActions(Images images, ImageScanning scanning, LifecycleEnforcement lifecycle) {
        this.images = images;
        this.scanning = scanning;
        this.lifecycle = lifecycle;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "PutImage", PutImageRequest::builder, this::putImage)
                .add(AwsService.ECR, "BatchGetImage", BatchGetImageRequest::builder, this::batchGetImage)
                .add(AwsService.ECR, "ListImages", ListImagesRequest::builder, this::listImages)
                .add(AwsService.ECR, "DescribeImages", DescribeImagesRequest::builder, this::describeImages)
                .add(AwsService.ECR, "BatchDeleteImage", BatchDeleteImageRequest::builder, this::batchDeleteImage);
    }

    PutImageResponse putImage(RequestContext context, PutImageRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        ImageManifest manifest = ImageManifest.parse(request.imageManifest().getBytes(StandardCharsets.UTF_8),
                request.imageManifestMediaType());
        if (request.imageDigest() != null && !request.imageDigest().equals(manifest.digest().toString())) {
            throw new AwsException("ImageDigestDoesNotMatchException", "The imageDigest " + request.imageDigest()
                    + " does not match the digest of the manifest, " + manifest.digest() + " (the sha256 of its exact "
                    + "bytes): the manifest was changed, or the digest belongs to another image");
        }
        ImageRecord image = images.push(context.state(), repository, manifest, request.imageTag(), false).image();
        return PutImageResponse.builder().image(image(repository, image, request.imageTag())).build();
    }

    BatchGetImageResponse batchGetImage(RequestContext context, BatchGetImageRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        List<Image> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier id : request.imageIds()) {
            Images.Lookup lookup = Images.find(repository, id);
            if (lookup.failure() != null) {
                failures.add(lookup.failure());
            } else if (request.hasAcceptedMediaTypes() && !request.acceptedMediaTypes().contains(lookup.image().mediaType())) {
                // ECR does not convert between manifest formats: an image stored in a type the caller
                // does not accept is not found for that caller.
                failures.add(ImageFailure.builder().imageId(id).failureCode(ImageFailureCode.IMAGE_NOT_FOUND)
                        .failureReason("Requested image not found: it is stored as " + lookup.image().mediaType()
                                + ", which acceptedMediaTypes does not list").build());
            } else {
                found.add(image(repository, lookup.image(), id.imageTag()));
            }
        }
        return BatchGetImageResponse.builder().images(found).failures(failures).build();
    }

    ListImagesResponse listImages(RequestContext context, ListImagesRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        TagStatus status = request.filter() == null || request.filter().tagStatus() == null ? TagStatus.ANY
                : request.filter().tagStatus();
        // One id per tag, and one digest-only id per untagged image, keyed so pages never skip or repeat.
        Map<String, ImageIdentifier> ids = new LinkedHashMap<>();
        for (ImageRecord image : repository.images().all()) {
            SortedSet<String> tags = repository.images().tagsOf(image.digest());
            if (tags.isEmpty() && status != TagStatus.TAGGED) {
                ids.put(image.digest() + " ", ImageIdentifier.builder().imageDigest(image.digest().toString()).build());
            }
            if (status != TagStatus.UNTAGGED) {
                for (String tag : tags) {
                    ids.put(image.digest() + " " + tag,
                            ImageIdentifier.builder().imageDigest(image.digest().toString()).imageTag(tag).build());
                }
            }
        }
        List<String> keys = new ArrayList<>(ids.keySet());
        Pages.Page<String> page = Pages.page(keys, key -> key, request.nextToken(), request.maxResults(), 100, 1000,
                "InvalidParameterException");
        return ListImagesResponse.builder().imageIds(page.items().stream().map(ids::get).toList())
                .nextToken(page.nextToken()).build();
    }

    DescribeImagesResponse describeImages(RequestContext context, DescribeImagesRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        if (request.hasImageIds()) {
            if (request.nextToken() != null || request.maxResults() != null) {
                throw EcrErrors.invalidParameter("maxResults and nextToken can't be used with imageIds: DescribeImages "
                        + "answers every image you name at once");
            }
            List<ImageDetail> details = new ArrayList<>();
            for (ImageIdentifier id : request.imageIds()) {
                Images.Lookup lookup = Images.find(repository, id);
                if (lookup.failure() != null) {
                    if (lookup.failure().failureCode() == ImageFailureCode.IMAGE_NOT_FOUND) {
                        throw EcrErrors.imageNotFound(id, repository.name(), repository.registryId());
                    }
                    throw EcrErrors.invalidParameter(lookup.failure().failureReason());
                }
                if (details.stream().noneMatch(d -> d.imageDigest().equals(lookup.image().digest().toString()))) {
                    details.add(detail(repository, lookup.image()));
                }
            }
            return DescribeImagesResponse.builder().imageDetails(details).build();
        }
        TagStatus status = request.filter() == null || request.filter().tagStatus() == null ? TagStatus.ANY
                : request.filter().tagStatus();
        List<ImageRecord> selected = repository.images().all().stream()
                .filter(image -> status == TagStatus.ANY
                        || (status == TagStatus.TAGGED) != repository.images().tagsOf(image.digest()).isEmpty())
                .toList();
        Pages.Page<ImageRecord> page = Pages.page(selected, image -> image.digest().toString(), request.nextToken(),
                request.maxResults(), 100, 1000, "InvalidParameterException");
        return DescribeImagesResponse.builder()
                .imageDetails(page.items().stream().map(image -> detail(repository, image)).toList())
                .nextToken(page.nextToken()).build();
    }

    BatchDeleteImageResponse batchDeleteImage(RequestContext context, BatchDeleteImageRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        List<ImageIdentifier> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        // each id is taken in turn, against what the ids before it left: an id named twice finds its image gone the second
        // time and is reported in failures as ImageNotFound, the one failureCode ECR documents for an image that isn't
        // there (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_BatchDeleteImage.html: "failures: Any
        // failures associated with the call"; https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageFailure.html);
        // AWS documents no answer of its own for duplicates
        for (ImageIdentifier id : request.imageIds()) {
            Images.Lookup lookup = Images.find(repository, id);
            if (lookup.failure() != null) {
                failures.add(lookup.failure());
                continue;
            }
            Digest digest = lookup.image().digest();
            SortedSet<String> tags = repository.images().tagsOf(digest);
            boolean untagOnly = id.imageTag() != null && id.imageDigest() == null && tags.size() > 1;
            if (!untagOnly && repository.images().isReferencedByIndex(digest)) {
                failures.add(ImageFailure.builder().imageId(id).failureCode(ImageFailureCode.IMAGE_REFERENCED_BY_MANIFEST_LIST)
                        .failureReason("Requested image referenced by manifest list: delete the image index that lists "
                                + digest + " first").build());
                continue;
            }
            if (untagOnly) {
                // Deleting one of several tags only untags the image (https://docs.aws.amazon.com/AmazonECR/latest/userguide/delete_image.html).
                repository.images().untag(id.imageTag());
                deleted.add(ImageIdentifier.builder().imageDigest(digest.toString()).imageTag(id.imageTag()).build());
            } else {
                List<String> removedTags = List.copyOf(tags);
                repository.deleteImage(digest);
                if (removedTags.isEmpty()) {
                    deleted.add(ImageIdentifier.builder().imageDigest(digest.toString()).build());
                }
                for (String tag : removedTags) {
                    deleted.add(ImageIdentifier.builder().imageDigest(digest.toString()).imageTag(tag).build());
                }
            }
        }
        if (!deleted.isEmpty()) {
            lifecycle.changed(context.state(), repository);
        }
        return BatchDeleteImageResponse.builder().imageIds(deleted).failures(failures).build();
    }

    private static RepositoryState repository(RequestContext context, String registryId, String name) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(registryId);
        return repositories.require(name);
    }

    private static Image image(RepositoryState repository, ImageRecord image, String tag) {
        return Image.builder()
                .registryId(repository.registryId())
                .repositoryName(repository.name())
                .imageId(ImageIdentifier.builder().imageDigest(image.digest().toString()).imageTag(tag).build())
                .imageManifest(image.manifestText())
                .imageManifestMediaType(image.mediaType())
                .build();
    }

    private ImageDetail detail(RepositoryState repository, ImageRecord image) {
        SortedSet<String> tags = repository.images().tagsOf(image.digest());
        ImageDetail.Builder detail = ImageDetail.builder()
                .registryId(repository.registryId())
                .repositoryName(repository.name())
                .imageDigest(image.digest().toString())
                .imageTags(tags.isEmpty() ? null : List.copyOf(tags))
                .imageSizeInBytes(image.sizeInBytes())
                .imagePushedAt(image.pushedAt())
                .imageManifestMediaType(image.mediaType())
                .artifactMediaType(image.manifest().artifactMediaType())
                .subjectManifestDigest(Optional.ofNullable(image.manifest().subject()).map(Digest::toString).orElse(null))
                .imageStatus(ImageStatus.ACTIVE);
        scanning.scanOf(repository, image).ifPresent(scan -> {
            detail.imageScanStatus(scan.scanStatus());
            if (scan.completedAt() != null) {
                detail.imageScanFindingsSummary(scan.summary());
            }
        });
        return detail.build();
    }
}
