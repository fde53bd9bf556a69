package dev.ecslabs.emulator.registry;

import dev.ecslabs.emulator.ecr.LayerUploads;
import dev.ecslabs.emulator.ecr.Layers;
import dev.ecslabs.emulator.ecr.Repositories;
import dev.ecslabs.emulator.ecr.RepositoryState;
import dev.ecslabs.emulator.protocol.AwsException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's blob routes: HEAD and GET of a blob, and blob uploads (monolithic in one POST or
 * PUT, or chunked with PATCH; cross-repository mount with {@code ?mount=&from=}). Upload bodies are
 * read outside the account-region lock; the digest is verified against the bytes received before
 * the blob is stored or linked.
 */
final class BlobEndpoints {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

    private final Layers layers;

    BlobEndpoints(Layers layers) {
        this.layers = layers;
    }

    /** HEAD or GET /v2/<name>/blobs/<digest>. */
    void getBlob(RegistryRequest request, String digestText, boolean withBody) throws IOException {
        Digest digest = digest(digestText);
        Blob blob = request.withRepository(repository -> layers.read(repository, digest)).orElseThrow(() ->
                new RegistryError(404, "BLOB_UNKNOWN", "The blob " + digest + " is not in the repository '"
                        + request.name() + "'"));
        Context ctx = request.ctx();
        ctx.status(200);
        ctx.header("Docker-Content-Digest", digest.toString());
        ctx.header("Content-Type", "application/octet-stream");
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
        BlobUpload upload = request.withRepository(repository ->
                LayerUploads.of(request.state()).start(repository.name(), request.state().now()));
        String digest = ctx.queryParam("digest");
        if (digest != null) {
            append(request, upload, null);
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
        LayerUploads.of(request.state()).remove(upload.uploadId());
        request.ctx().status(204);
    }

    private BlobUpload upload(RegistryRequest request, String uploadId) {
        return request.withRepository(repository -> LayerUploads.of(request.state()).find(uploadId, repository.name()))
                .orElseThrow(() -> new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "There is no upload " + uploadId
                        + " under way in the repository '" + request.name() + "': it was completed or cancelled"));
    }

    private void append(RegistryRequest request, BlobUpload upload, String contentRange) throws IOException {
        if (contentRange != null) {
            Matcher range = CONTENT_RANGE.matcher(contentRange.trim());
            if (!range.matches() || Long.parseLong(range.group(1)) != upload.size()) {
                request.ctx().status(416);
                progress(request, upload);
                throw new RegistryError(416, "BLOB_UPLOAD_INVALID", "The chunk must start at byte " + upload.size()
                        + ", the next byte of the upload, not at '" + contentRange + "'");
            }
        }
        try (InputStream body = request.ctx().req().getInputStream()) {
            upload.append(body);
        } catch (BlobUpload.TooLargeException e) {
            LayerUploads.of(request.state()).remove(upload.uploadId());
            throw new RegistryError(413, "SIZE_INVALID", e.getMessage() + "; the upload was cancelled");
        } catch (IllegalStateException e) {
            // Completed by another request while this chunk was on its way.
            throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "The upload " + upload.uploadId() + " is already complete");
        }
    }

    private void complete(RegistryRequest request, BlobUpload upload, String digestText) {
        LayerUploads.of(request.state()).remove(upload.uploadId());
        Digest expected = digest(digestText);
        Digest digest = request.withRepository(repository -> complete(repository, upload, expected));
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
        return Digest.parse(text).orElseThrow(() -> new RegistryError(400, "DIGEST_INVALID", "'" + text
                + "' is not a digest the registry accepts: sha256: and 64 lowercase hex digits"));
    }
}
