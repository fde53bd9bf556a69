package dev.ecslabs.emulator.ecr.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.ecr.ImageManifest;
import dev.ecslabs.emulator.ecr.ImageRecord;
import dev.ecslabs.emulator.ecr.Images;
import dev.ecslabs.emulator.ecr.MediaTypes;
import dev.ecslabs.emulator.ecr.RepositoryState;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The registry's manifest routes (PUT, GET, HEAD and DELETE by tag or by digest) and
 * {@code tags/list}. A pushed manifest goes through the same rules as PutImage, so an image pushed
 * here is the image DescribeImages shows, and the other way round.
 */
final class ManifestEndpoints {
    /** ECR's limit for a manifest, the same as PutImage's imageManifest. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final Images images;

    ManifestEndpoints(Images images) {
        this.images = images;
    }

    /** PUT /v2/<name>/manifests/<reference>. */
    void putManifest(RegistryRequest request, String reference) throws IOException {
        Context ctx = request.ctx();
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new RegistryError(413, "MANIFEST_INVALID", "A manifest may be at most 4 MiB");
        }
        Optional<Digest> byDigest = Digest.parse(reference);
        if (byDigest.isEmpty() && !reference.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,299}")) {
            throw new RegistryError(400, "TAG_INVALID", "'" + reference + "' is neither a tag nor a sha256 digest");
        }
        ImageManifest manifest;
        try {
            manifest = ImageManifest.parse(bytes, ctx.header("Content-Type"));
        } catch (AwsException e) {
            throw RegistryError.fromEcr(e);
        }
        if (byDigest.isPresent() && !byDigest.get().equals(manifest.digest())) {
            throw new RegistryError(400, "DIGEST_INVALID", "The manifest's digest is " + manifest.digest()
                    + " (the sha256 of the bytes sent), not " + reference);
        }
        String tag = byDigest.isPresent() ? null : reference;
        ImageRecord image = request.withRepository(repository -> {
            try {
                return images.push(request.state(), repository, manifest, tag, true).image();
            } catch (AwsException e) {
                throw RegistryError.fromEcr(e);
            }
        });
        ctx.status(201);
        ctx.header("Location", request.path("manifests/" + image.digest()));
        ctx.header("Docker-Content-Digest", image.digest().toString());
        ctx.header("Content-Length", "0");
    }

    /** GET or HEAD /v2/<name>/manifests/<reference>. */
    void getManifest(RegistryRequest request, String reference, boolean withBody) throws IOException {
        Context ctx = request.ctx();
        ImageRecord image = request.withRepository(repository -> find(repository, reference));
        List<String> accepted = accepted(ctx);
        if (!accepted.isEmpty() && !accepted.contains(image.mediaType()) && !accepted.contains("*/*")) {
            // ECR does not convert manifests: a client that does not accept the stored type gets a 404.
            throw new RegistryError(404, "MANIFEST_UNKNOWN", "The manifest " + reference + " is stored as "
                    + image.mediaType() + ", which the request's Accept header does not list");
        }
        ctx.status(200);
        ctx.header("Content-Type", image.mediaType());
        ctx.header("Docker-Content-Digest", image.digest().toString());
        RegistryRoutes.send(ctx, new BytesBlob(image.manifest().bytes()), withBody);
    }

    /** DELETE /v2/<name>/manifests/<reference>: by digest the image, by tag the tag (as BatchDeleteImage does). */
    void deleteManifest(RegistryRequest request, String reference) {
        request.withRepository(repository -> {
            ImageRecord image = find(repository, reference);
            SortedSet<String> tags = repository.images().tagsOf(image.digest());
            boolean untagOnly = Digest.parse(reference).isEmpty() && tags.size() > 1;
            if (untagOnly) {
                repository.images().untag(reference);
            } else if (repository.images().isReferencedByIndex(image.digest())) {
                throw new RegistryError(409, "DENIED", "The image " + image.digest() + " is listed by an image index "
                        + "of the repository; delete the index first");
            } else {
                repository.deleteImage(image.digest());
            }
            return image;
        });
        request.ctx().status(202);
        request.ctx().header("Content-Length", "0");
    }

    /** GET /v2/<name>/tags/list?n=&last=. */
    void listTags(RegistryRequest request) {
        Context ctx = request.ctx();
        List<String> tags = request.withRepository(repository -> new ArrayList<>(repository.images().allTags()));
        String last = ctx.queryParam("last");
        if (last != null) {
            int from = Collections.binarySearch(tags, last);
            tags = tags.subList(from >= 0 ? from + 1 : -from - 1, tags.size());
        }
        String n = ctx.queryParam("n");
        if (n != null) {
            int limit;
            try {
                limit = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new RegistryError(400, "PAGINATION_NUMBER_INVALID", "n must be a whole number, not '" + n + "'");
            }
            if (limit < 0) {
                throw new RegistryError(400, "PAGINATION_NUMBER_INVALID", "n must not be negative");
            }
            if (tags.size() > limit) {
                tags = tags.subList(0, limit);
                if (limit > 0) {
                    ctx.header("Link", "<" + request.path("tags/list") + "?n=" + limit + "&last=" + tags.get(limit - 1)
                            + ">; rel=\"next\"");
                }
            }
        }
        ObjectNode body = AwsJsonCodec.MAPPER.createObjectNode();
        body.put("name", request.name());
        tags.forEach(body.putArray("tags")::add);
        ctx.status(200).contentType("application/json").result(body.toString());
    }

    private static ImageRecord find(RepositoryState repository, String reference) {
        Optional<Digest> digest = Digest.parse(reference);
        Optional<ImageRecord> image = digest.isPresent() ? repository.images().find(digest.get())
                : repository.images().findByTag(reference);
        return image.orElseThrow(() -> new RegistryError(404, "MANIFEST_UNKNOWN", "The repository '" + repository.name()
                + "' has no image " + (digest.isPresent() ? "with digest " : "tagged ") + reference));
    }

    private static List<String> accepted(Context ctx) {
        List<String> types = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders("Accept"))) {
            for (String type : header.split(",")) {
                String bare = MediaTypes.bare(type);
                if (bare != null && !bare.isEmpty()) {
                    types.add(bare);
                }
            }
        }
        return types;
    }

    /** A manifest served like a blob. */
    private record BytesBlob(byte[] bytes) implements Blob {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
