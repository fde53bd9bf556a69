package dev.ecslabs.emulator.cloudwatch;

import dev.ecslabs.emulator.protocol.AwsException;

/** CloudWatch's errors, by their shapes in the model (the SDK also reports their Query codes). */
public final class CloudWatchErrors {
    private CloudWatchErrors() {
    }

    /** {@code InvalidParameterValue}: "The value X for parameter Y is invalid." plus what would be right. */
    public static AwsException invalidValue(String parameter, Object value, String why) {
        return new AwsException("InvalidParameterValueException",
                "The value " + value + " for parameter " + parameter + " is invalid. " + why);
    }

    /** {@code MissingParameter}. */
    public static AwsException missing(String parameter, String why) {
        return new AwsException("MissingRequiredParameterException",
                "The parameter " + parameter + " is required. " + why);
    }

    /** {@code InvalidParameterCombination}. */
    public static AwsException combination(String message) {
        return new AwsException("InvalidParameterCombinationException", message);
    }

    /** {@code ResourceNotFound} (404). */
    public static AwsException notFound(String message) {
        return new AwsException("ResourceNotFound", message, 404);
    }
}
