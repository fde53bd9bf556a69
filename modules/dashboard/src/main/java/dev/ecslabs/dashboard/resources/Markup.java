package dev.ecslabs.dashboard.resources;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What the resources sections say when the backend could not answer (template {@code resources/unavailable.jte}). */
final class Markup {
    private Markup() {
    }

    /** Why a call failed: the AWS error code and message, or what went wrong on the way. */
    static String why(SdkException e) {
        return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage()
                : e.getMessage();
    }
}
