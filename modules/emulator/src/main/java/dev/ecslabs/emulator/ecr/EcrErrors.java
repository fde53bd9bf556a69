package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.protocol.AwsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** The ECR errors the emulator answers with, each a code of the ECR model, worded as ECR words them. */
public final class EcrErrors {
    private EcrErrors() {
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    /** ECR's wording for a member that breaks one of its rules. */
    public static AwsException invalidParameter(String member, String constraint) {
        return invalidParameter("Invalid parameter at '" + member + "' failed to satisfy constraint: '" + constraint + "'");
    }

    public static AwsException repositoryNotFound(String name, String registryId) {
        return new AwsException("RepositoryNotFoundException", "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    public static AwsException imageNotFound(ImageIdentifier id, String repositoryName, String registryId) {
        return new AwsException("ImageNotFoundException", "The image with imageId " + describe(id)
                + " does not exist within the repository with name '" + repositoryName
                + "' in the registry with id '" + registryId + "'");
    }

    public static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceededException", message);
    }

    /** How ECR prints an image id in its messages: {@code {imageDigest:'null', imageTag:'v1'}}. */
    public static String describe(ImageIdentifier id) {
        return "{imageDigest:'" + id.imageDigest() + "', imageTag:'" + id.imageTag() + "'}";
    }
}
