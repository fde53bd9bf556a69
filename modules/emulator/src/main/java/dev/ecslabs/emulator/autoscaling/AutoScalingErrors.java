package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.protocol.AwsException;

/** Application Auto Scaling's errors, by their shapes in the model. */
final class AutoScalingErrors {
    private AutoScalingErrors() {
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message);
    }

    static AwsException notFound(String message) {
        return new AwsException("ObjectNotFoundException", message);
    }
}
