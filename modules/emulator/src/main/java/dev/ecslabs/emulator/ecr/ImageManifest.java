package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image manifest or image index as pushed: the exact bytes (whose sha256 is the image digest),
 * its media type, and the blobs or manifests it references. Parsing checks what ECR checks before
 * it stores a manifest: valid JSON, schema version 2, a media type it supports, and well-formed
 * digests in every descriptor.
 */
public record ImageManifest(byte[] bytes, Digest digest, String mediaType, String artifactMediaType,
                            List<Descriptor> blobs, List<Descriptor> manifests, Digest subject) {

    /** One descriptor of the manifest: what it points at, by digest, with the size the manifest declares. */
    public record Descriptor(Digest digest, String mediaType, long size) {
    }

    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType);
    }

    /**
     * Reads a manifest. {@code declaredMediaType} is PutImage's {@code imageManifestMediaType} or the
     * registry's {@code Content-Type}; without it the manifest's own {@code mediaType} decides.
     */
    public static ImageManifest parse(byte[] bytes, String declaredMediaType) {
        JsonNode json;
        try {
            json = AwsJsonCodec.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw invalid("Invalid JSON syntax");
        }
        if (json == null || !json.isObject()) {
            throw invalid("Invalid JSON syntax");
        }
        String declared = MediaTypes.bare(declaredMediaType);
        if (declared != null && (declared.isEmpty() || declared.equals("application/json")
                || declared.equals("application/octet-stream"))) {
            declared = null;
        }
        String own = json.path("mediaType").isTextual() ? json.get("mediaType").asText() : null;
        if (json.path("schemaVersion").asInt(0) == 1 || MediaTypes.DOCKER_SCHEMA1.equals(declared)
                || MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(declared)) {
            throw EcrErrors.invalidParameter("ImageManifest", "Docker image manifest V2 schema 1 is deprecated and not "
                    + "accepted by the emulator: push a schema 2 or OCI manifest");
        }
        if (json.path("schemaVersion").asInt(0) != 2) {
            throw invalid("schemaVersion must be 2");
        }
        if (declared != null && own != null && !declared.equals(own)) {
            throw EcrErrors.invalidParameter("ImageManifestMediaType", "the manifest's mediaType '" + own
                    + "' differs from the declared media type '" + declared + "'");
        }
        String mediaType = declared != null ? declared : own;
        if (mediaType == null) {
            // ECR answers 'Invalid JSON syntax' here; the emulator says what is missing.
            throw invalid("the manifest names no mediaType: add \"mediaType\" to it or pass imageManifestMediaType");
        }
        if (!MediaTypes.isSupported(mediaType)) {
            throw EcrErrors.invalidParameter("ImageManifestMediaType", "'" + mediaType + "' is not a manifest media "
                    + "type ECR stores; use " + MediaTypes.DOCKER_MANIFEST + ", " + MediaTypes.OCI_MANIFEST + ", "
                    + MediaTypes.DOCKER_MANIFEST_LIST + " or " + MediaTypes.OCI_INDEX);
        }
        Digest subject = json.has("subject") ? descriptor(json.get("subject"), "subject").digest() : null;
        Digest digest = Digest.of(bytes);
        if (MediaTypes.INDEXES.contains(mediaType)) {
            if (!json.path("manifests").isArray()) {
                throw invalid("an image index needs a 'manifests' list");
            }
            return new ImageManifest(bytes, digest, mediaType, null, List.of(),
                    descriptors(json.get("manifests"), "manifests"), subject);
        }
        if (!json.path("config").isObject()) {
            throw invalid("an image manifest needs a 'config' descriptor");
        }
        Descriptor config = descriptor(json.get("config"), "config");
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(config);
        JsonNode layers = json.path("layers");
        if (!layers.isMissingNode() && !layers.isArray()) {
            throw invalid("'layers' must be a list of descriptors");
        }
        for (Descriptor layer : descriptors(layers, "layers")) {
            // Foreign (non-distributable) layers live elsewhere by design: ECR does not require them.
            if (layer.mediaType() == null || !(layer.mediaType().contains("foreign") || layer.mediaType().contains("nondistributable"))) {
                blobs.add(layer);
            }
        }
        return new ImageManifest(bytes, digest, mediaType, config.mediaType(), List.copyOf(blobs), List.of(), subject);
    }

    /** The image's layers, without its config: what ECR adds up as the image size. */
    public List<Descriptor> layers() {
        return blobs.isEmpty() ? List.of() : blobs.subList(1, blobs.size());
    }

    public Optional<Descriptor> config() {
        return blobs.isEmpty() ? Optional.empty() : Optional.of(blobs.get(0));
    }

    private static List<Descriptor> descriptors(JsonNode list, String where) {
        List<Descriptor> descriptors = new ArrayList<>();
        if (list == null || list.isMissingNode()) {
            return descriptors;
        }
        int index = 0;
        for (JsonNode node : list) {
            descriptors.add(descriptor(node, where + "[" + index++ + "]"));
        }
        return descriptors;
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(where + " must be a descriptor object");
        }
        String digestText = node.path("digest").asText(null);
        Digest digest = Digest.parse(digestText).orElseThrow(() ->
                invalid(where + ".digest '" + digestText + "' is not a sha256 digest (sha256: and 64 lowercase hex digits)"));
        if (!node.path("size").canConvertToLong() || node.path("size").asLong(-1) < 0) {
            throw invalid(where + ".size must be the blob's size in bytes");
        }
        String mediaType = node.path("mediaType").isTextual() ? node.get("mediaType").asText() : null;
        return new Descriptor(digest, mediaType, node.get("size").asLong());
    }

    private static RuntimeException invalid(String constraint) {
        return EcrErrors.invalidParameter("ImageManifest", constraint);
    }
}
