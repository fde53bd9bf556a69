package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.protocol.AwsException;

/** IAM's errors, by their shape names in the IAM model (the wire codes drop the "Exception"). */
public final class IamErrors {
    private IamErrors() {
    }

    public static AwsException noSuchEntity(String message) {
        return new AwsException("NoSuchEntityException", message);
    }

    public static AwsException alreadyExists(String message) {
        return new AwsException("EntityAlreadyExistsException", message);
    }

    public static AwsException deleteConflict(String message) {
        return new AwsException("DeleteConflictException", message);
    }

    public static AwsException malformedPolicy(String message) {
        return new AwsException("MalformedPolicyDocumentException", message);
    }

    public static AwsException invalidInput(String message) {
        return new AwsException("InvalidInputException", message);
    }

    public static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceededException", message);
    }
}
