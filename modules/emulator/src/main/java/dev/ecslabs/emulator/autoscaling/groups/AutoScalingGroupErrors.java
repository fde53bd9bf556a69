package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.protocol.AwsException;

/**
 * EC2 Auto Scaling's errors by their model shapes (the Query endpoint sends {@code AlreadyExistsFault}
 * as {@code AlreadyExists}), and the Query protocol's common {@code ValidationError}, which EC2 Auto
 * Scaling answers for a group it does not know and for sizes that do not fit
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/CommonErrors.html).
 */
final class AutoScalingGroupErrors {
    static final String VALIDATION = "ValidationError";

    private AutoScalingGroupErrors() {
    }

    static AwsException validation(String message) {
        return new AwsException(VALIDATION, message);
    }

    static AwsException alreadyExists(String name) {
        return new AwsException("AlreadyExistsFault", "AutoScalingGroup by this name already exists - A group with the name "
                + name + " already exists. Pick another name, or change this one with UpdateAutoScalingGroup.");
    }

    static AwsException resourceInUse(String message) {
        return new AwsException("ResourceInUseFault", message);
    }
}
