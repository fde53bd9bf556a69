package dev.ecslabs.emulator.ecr.registry;

import dev.ecslabs.emulator.protocol.AwsException;

/**
 * An error of the OCI distribution API: the HTTP status and one of the spec's error codes
 * (BLOB_UNKNOWN, MANIFEST_INVALID, NAME_UNKNOWN, …), written as {@code {"errors":[…]}}.
 */
final class RegistryError extends RuntimeException {
    private final int status;
    private final String code;

    RegistryError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The registry's answer to an ECR rule a manifest push broke (the same rules PutImage applies). */
    static RegistryError fromEcr(AwsException e) {
        return switch (e.code()) {
            case "ImageTagAlreadyExistsException" -> new RegistryError(400, "TAG_INVALID", e.getMessage());
            case "LayersNotFoundException", "ReferencedImagesNotFoundException" ->
                    new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", e.getMessage());
            case "ImageDigestDoesNotMatchException", "InvalidLayerException" ->
                    new RegistryError(400, "DIGEST_INVALID", e.getMessage());
            case "RepositoryNotFoundException" -> new RegistryError(404, "NAME_UNKNOWN", e.getMessage());
            case "LimitExceededException" -> new RegistryError(413, "SIZE_INVALID", e.getMessage());
            default -> new RegistryError(400, "MANIFEST_INVALID", e.getMessage());
        };
    }
}
