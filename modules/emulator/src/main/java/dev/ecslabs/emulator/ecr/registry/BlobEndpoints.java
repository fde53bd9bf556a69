package dev.ecslabs.emulator.ecr.registry;

import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobUpload;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.blob.UploadSpool;
import dev.ecslabs.emulator.ecr.LayerUploads;
import dev.ecslabs.emulator.ecr.Layers;
import dev.ecslabs.emulator.ecr.Repositories;
import dev.ecslabs.emulator.ecr.RepositoryState;
import dev.ecslabs.emulator.protocol.AwsException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The registry's blob routes: HEAD and GET of a blob (a single byte range too), and blob uploads
 * (monolithic in one POST or PUT, or chunked with PATCH; cross-repository mount with
 * {@code ?mount=&from=}). Upload bodies are read outside the account-region lock and streamed to
 * the upload's file; the digest is verified against the bytes received before the blob is stored
 * or linked. Every header and parameter a client sends is parsed here into a 4xx of the spec when
 * it is wrong (https://github.com/opencontainers/distribution-spec/blob/main/spec.md).
 */
final class BlobEndpoints {
    private final Layers layers;
    private final LayerUploads uploads;

    BlobEndpoints(Layers layers, LayerUploads uploads) {
        this.layers = layers;
        this.uploads = uploads;
    }

    /** HEAD or GET /v2/<name>/blobs/<digest>. */
    void getBlob(RegistryRequest request, String digestText, boolean withBody) throws IOException {
        Digest digest = digest(digestText);
        Blob blob = request.withRepository(repository -> layers.read(repository, digest)).orElseThrow(() ->
                new RegistryError(404, "BLOB_UNKNOWN", "The blob " + digest + " is not in the repository '"
                        + request.name() + "'"));
        Context ctx = request.ctx();
        ctx.header("Docker-Content-Digest", digest.toString());
        ctx.header("Content-Type", "application/octet-stream");
        ctx.header("Accept-Ranges", "bytes");
        Optional<ByteRange> range;
        try {
            range = ByteRange.parseRange(ctx.header("Range"), blob.size());
        } catch (RegistryError e) {
            ctx.header("Content-Range", "bytes */" + blob.size()); // RFC 9110's answer to a range past the end
            throw e;
        }
        if (range.isPresent()) {
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + range.get().first() + "-" + range.get().last() + "/" + blob.size());
            RegistryRoutes.send(ctx, range.get().of(blob), withBody);
            return;
        }
        ctx.status(200);
        RegistryRoutes.send(ctx, blob, withBody);
    }

    /** POST /v2/<name>/blobs/uploads/: start an upload, upload in one go with ?digest=, or mount with ?mount=&from=. */
    void startUpload(RegistryRequest request) throws IOException {
        Context ctx = request.ctx();
        String mount = ctx.queryParam("mount");
        String from = ctx.queryParam("from");
        if (mount != null && from != null) {
            Optional<Digest> digest = Digest.parse(mount);
            boolean mounted = digest.isPresent() && Repositories.isValidName(from) && request.withRepository(target ->
                    Repositories.of(request.state()).find(from).map(source -> layers.mount(source, target, digest.get()))
                            .orElse(false));
            if (mounted) {
                created(request, digest.get());
                return;
            }
            // The spec's fallback when a mount can't be done: an ordinary upload session.
        }
        String digest = ctx.queryParam("digest");
        if (digest != null) {
            digest(digest); // a malformed digest is refused before an upload starts
        }
        BlobUpload upload;
        try {
            upload = request.withRepository(repository -> uploads.start(request.state(), repository.name()));
        } catch (UploadSpool.LimitExceededException e) {
            throw tooMany(e);
        }
        if (digest != null) {
            try {
                append(request, upload, null);
            } catch (IOException | RuntimeException e) {
                uploads.remove(upload); // a monolithic upload that failed leaves no session behind
                throw e;
            }
            complete(request, upload, digest);
            return;
        }
        accepted(request, upload);
    }

    /** PATCH /v2/<name>/blobs/uploads/<uuid>: append a chunk. */
    void appendChunk(RegistryRequest request, String uploadId) throws IOException {
        BlobUpload upload = upload(request, uploadId);
        append(request, upload, request.ctx().header("Content-Range"));
        accepted(request, upload);
    }

    /** PUT /v2/<name>/blobs/uploads/<uuid>?digest=: the last chunk (if any), then the digest check. */
    void finishUpload(RegistryRequest request, String uploadId) throws IOException {
        BlobUpload upload = upload(request, uploadId);
        String digest = request.ctx().queryParam("digest");
        if (digest == null) {
            throw new RegistryError(400, "DIGEST_INVALID", "Completing an upload needs ?digest=sha256:<hex> of the whole blob");
        }
        digest(digest); // a malformed digest is refused before the body is read
        append(request, upload, request.ctx().header("Content-Range"));
        complete(request, upload, digest);
    }

    /** GET /v2/<name>/blobs/uploads/<uuid>: how much was received. */
    void uploadStatus(RegistryRequest request, String uploadId) {
        BlobUpload upload = upload(request, uploadId);
        request.ctx().status(204);
        progress(request, upload);
    }

    /** DELETE /v2/<name>/blobs/uploads/<uuid>: cancel. */
    void cancelUpload(RegistryRequest request, String uploadId) {
        BlobUpload upload = upload(request, uploadId);
        uploads.remove(upload);
        request.ctx().status(204);
    }

    private BlobUpload upload(RegistryRequest request, String uploadId) {
        return request.withRepository(repository -> uploads.find(request.state(), uploadId, repository.name()))
                .orElseThrow(() -> new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "There is no upload " + uploadId
                        + " under way in the repository '" + request.name() + "': it was completed or cancelled"));
    }

    private void append(RegistryRequest request, BlobUpload upload, String contentRange) throws IOException {
        if (contentRange != null) {
            Optional<ByteRange> range = ByteRange.parseContentRange(contentRange);
            if (range.isEmpty()) {
                throw new RegistryError(400, "BLOB_UPLOAD_INVALID", "The Content-Range header must be <first>-<last>, "
                        + "the chunk's first and last byte in the blob (like 0-1048575), not '" + shorten(contentRange) + "'");
            }
            if (range.get().first() != upload.size()) {
                // The spec: a chunk out of order is 416, with the Range received so far so the client can resume.
                progress(request, upload);
                throw new RegistryError(416, "BLOB_UPLOAD_INVALID", "The chunk must start at byte " + upload.size()
                        + ", the next byte of the upload, not at " + range.get().first());
            }
        }
        try (InputStream body = request.ctx().req().getInputStream()) {
            upload.append(body, request.state().now());
        } catch (BlobUpload.TooLargeException e) {
            uploads.remove(upload);
            throw new RegistryError(413, "SIZE_INVALID", e.getMessage() + "; the upload was cancelled");
        } catch (UploadSpool.LimitExceededException e) {
            progress(request, upload);
            throw tooMany(e);
        } catch (IllegalStateException e) {
            // Completed by another request while this chunk was on its way.
            throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "The upload " + upload.uploadId() + " is already complete");
        }
    }

    private void complete(RegistryRequest request, BlobUpload upload, String digestText) {
        Digest digest;
        try {
            Digest expected = digest(digestText);
            digest = request.withRepository(repository -> complete(repository, upload, expected));
        } finally {
            uploads.remove(upload); // completed or refused, the upload is over either way
        }
        created(request, digest);
    }

    private Digest complete(RepositoryState repository, BlobUpload upload, Digest expected) {
        try {
            return layers.complete(repository, upload, expected, true);
        } catch (AwsException e) {
            throw new RegistryError(400, "DIGEST_INVALID", e.getMessage());
        }
    }

    private static void created(RegistryRequest request, Digest digest) {
        Context ctx = request.ctx();
        ctx.status(201);
        ctx.header("Location", request.path("blobs/" + digest));
        ctx.header("Docker-Content-Digest", digest.toString());
        ctx.header("Content-Length", "0");
    }

    private static void accepted(RegistryRequest request, BlobUpload upload) {
        request.ctx().status(202);
        progress(request, upload);
        request.ctx().header("Content-Length", "0");
    }

    private static void progress(RegistryRequest request, BlobUpload upload) {
        Context ctx = request.ctx();
        ctx.header("Location", request.path("blobs/uploads/" + upload.uploadId()));
        ctx.header("Docker-Upload-UUID", upload.uploadId());
        ctx.header("Range", "0-" + Math.max(0, upload.size() - 1));
    }

    static Digest digest(String text) {
        return Digest.parse(text).orElseThrow(() -> new RegistryError(400, "DIGEST_INVALID", "'" + shorten(text)
                + "' is not a digest the registry accepts: sha256: and 64 lowercase hex digits"));
    }

    /**
     * 429 TOOMANYREQUESTS: the distribution spec's code for "too many requests"
     * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes), and the status
     * ECR answers when it throttles ("HTTP 429: Too Many Requests or ThrottleException",
     * https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors.html); a client backs off and
     * sends the part again.
     */
    private static RegistryError tooMany(UploadSpool.LimitExceededException e) {
        return new RegistryError(429, "TOOMANYREQUESTS", e.getMessage());
    }

    /** A client's text, cut short enough to quote in a message. */
    static String shorten(String text) {
        return text == null || text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
