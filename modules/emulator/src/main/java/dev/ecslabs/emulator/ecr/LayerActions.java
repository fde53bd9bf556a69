package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.BlobUpload;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.blob.UploadSpool;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityRequest;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerRequest;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerResponse;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.Layer;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailure;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartResponse;

/**
 * ECR's layer API, the way the Docker credential helper and SDK-only tools push without the
 * registry: BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart,
 * CompleteLayerUpload (the digest verified against the bytes received) and GetDownloadUrlForLayer.
 */
public final class LayerActions implements ActionGroup {
    /** Where the presigned layer URLs of GetDownloadUrlForLayer point, on the emulator's own port. */
    public static final String DOWNLOAD_PATH = "/_emulator/ecr/layer/";
    /** The part size ECR suggests for UploadLayerPart. */
    static final long PART_SIZE = 10L * 1024 * 1024;

    private final Layers layers;
    private final LayerUploads uploads;
    private final AuthorizationTokens tokens;

    public LayerActions(Layers layers, LayerUploads uploads, AuthorizationTokens tokens) {
        this.layers = layers;
        this.uploads = uploads;
        this.tokens = tokens;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "BatchCheckLayerAvailability", BatchCheckLayerAvailabilityRequest::builder, this::batchCheckLayerAvailability)
                .add(AwsService.ECR, "InitiateLayerUpload", InitiateLayerUploadRequest::builder, this::initiateLayerUpload)
                .add(AwsService.ECR, "UploadLayerPart", UploadLayerPartRequest::builder, this::uploadLayerPart)
                .add(AwsService.ECR, "CompleteLayerUpload", CompleteLayerUploadRequest::builder, this::completeLayerUpload)
                .add(AwsService.ECR, "GetDownloadUrlForLayer", GetDownloadUrlForLayerRequest::builder, this::getDownloadUrlForLayer);
    }

    BatchCheckLayerAvailabilityResponse batchCheckLayerAvailability(RequestContext context,
                                                                    BatchCheckLayerAvailabilityRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        List<Layer> available = new ArrayList<>();
        List<LayerFailure> failures = new ArrayList<>();
        for (String text : request.layerDigests()) {
            Optional<Digest> digest = Digest.parse(text);
            if (digest.isEmpty()) {
                failures.add(LayerFailure.builder().layerDigest(text).failureCode(LayerFailureCode.INVALID_LAYER_DIGEST)
                        .failureReason("Invalid layer digest: use sha256: and 64 lowercase hex digits").build());
            } else if (!repository.hasLayer(digest.get())) {
                failures.add(LayerFailure.builder().layerDigest(text).failureCode(LayerFailureCode.MISSING_LAYER_DIGEST)
                        .failureReason("Could not find layer").build());
            } else {
                available.add(Layer.builder().layerDigest(text).layerAvailability(LayerAvailability.AVAILABLE)
                        .layerSize(repository.layerSize(digest.get()).orElseThrow()).build());
            }
        }
        return BatchCheckLayerAvailabilityResponse.builder().layers(available).failures(failures).build();
    }

    InitiateLayerUploadResponse initiateLayerUpload(RequestContext context, InitiateLayerUploadRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        BlobUpload upload;
        try {
            upload = uploads.start(context.state(), repository.name());
        } catch (UploadSpool.LimitExceededException e) {
            throw EcrErrors.limitExceeded(e.getMessage() + ".");
        }
        return InitiateLayerUploadResponse.builder().uploadId(upload.uploadId()).partSize(PART_SIZE).build();
    }

    UploadLayerPartResponse uploadLayerPart(RequestContext context, UploadLayerPartRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        BlobUpload upload = upload(context, repository, request.uploadId());
        byte[] part = request.layerPartBlob().asByteArrayUnsafe();
        long received = upload.size();
        if (request.partFirstByte() != received || request.partLastByte() - request.partFirstByte() + 1 != part.length) {
            throw new AwsException("InvalidLayerPartException", "The layer part must start at byte " + received
                    + " (the next byte of the upload), and partLastByte - partFirstByte + 1 must be its length, "
                    + part.length + "; this part says " + request.partFirstByte() + "-" + request.partLastByte())
                    .with("registryId", repository.registryId())
                    .with("repositoryName", repository.name())
                    .with("uploadId", upload.uploadId())
                    .with("lastValidByteReceived", received - 1);
        }
        try {
            upload.append(part, context.now());
        } catch (BlobUpload.TooLargeException e) {
            throw EcrErrors.limitExceeded("The layer would be larger than " + (BlobUpload.MAX_BYTES >> 20)
                    + " MiB, the most the emulator accepts for one layer.");
        } catch (UploadSpool.LimitExceededException e) {
            throw EcrErrors.limitExceeded(e.getMessage() + ".");
        }
        return UploadLayerPartResponse.builder().registryId(repository.registryId()).repositoryName(repository.name())
                .uploadId(upload.uploadId()).lastByteReceived(upload.size() - 1).build();
    }

    CompleteLayerUploadResponse completeLayerUpload(RequestContext context, CompleteLayerUploadRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        BlobUpload upload = upload(context, repository, request.uploadId());
        if (request.layerDigests().size() != 1) {
            throw EcrErrors.invalidParameter("layerDigests", "give exactly one digest: the sha256 of the whole layer");
        }
        Digest expected = Digest.parse(request.layerDigests().get(0)).orElseThrow(() -> EcrErrors.invalidParameter(
                "layerDigests", "'" + request.layerDigests().get(0) + "' is not a sha256 digest (sha256: and 64 "
                        + "lowercase hex digits)"));
        Digest digest;
        try {
            if (repository.hasLayer(expected)) {
                throw new AwsException("LayerAlreadyExistsException", "The image layer " + expected + " already exists "
                        + "in the repository with name '" + repository.name() + "': there was no need to upload it");
            }
            digest = layers.complete(repository, upload, expected);
        } finally {
            uploads.remove(upload); // completed or refused, the upload is over either way
        }
        return CompleteLayerUploadResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).uploadId(upload.uploadId()).layerDigest(digest.toString()).build();
    }

    GetDownloadUrlForLayerResponse getDownloadUrlForLayer(RequestContext context, GetDownloadUrlForLayerRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        Optional<Digest> digest = Digest.parse(request.layerDigest());
        if (digest.isEmpty() || !repository.hasLayer(digest.get())) {
            throw new AwsException("LayersNotFoundException", "The layer " + request.layerDigest() + " does not exist "
                    + "in the repository with name '" + repository.name() + "' in the registry with id '"
                    + repository.registryId() + "'");
        }
        String token = tokens.downloadToken(context.accountId(), context.region(), repository.name(),
                digest.get().toString(), context.now().plus(AuthorizationTokens.DOWNLOAD_URL_VALIDITY));
        String url = context.state().context().url() + DOWNLOAD_PATH + token;
        return GetDownloadUrlForLayerResponse.builder().downloadUrl(url).layerDigest(digest.get().toString()).build();
    }

    private static RepositoryState repository(RequestContext context, String registryId, String name) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(registryId);
        return repositories.require(name);
    }

    private BlobUpload upload(RequestContext context, RepositoryState repository, String uploadId) {
        return uploads.find(context.state(), uploadId, repository.name()).orElseThrow(() ->
                new AwsException("UploadNotFoundException", "The upload with id '" + uploadId + "' could not be found "
                        + "in the repository with name '" + repository.name() + "': it was completed, or never started "
                        + "there. Start one with InitiateLayerUpload."));
    }
}
