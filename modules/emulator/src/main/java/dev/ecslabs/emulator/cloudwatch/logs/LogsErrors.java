package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.protocol.AwsException;

/** The CloudWatch Logs errors the emulator answers, with AWS's wording and a hint on what to do. */
final class LogsErrors {
    private LogsErrors() {
    }

    static AwsException groupNotFound(String group) {
        return new AwsException("ResourceNotFoundException", "The specified log group does not exist: '" + group
                + "'. Create it with CreateLogGroup, or check the name (log group names are case-sensitive).");
    }

    static AwsException streamNotFound(String group, String stream) {
        return new AwsException("ResourceNotFoundException", "The specified log stream does not exist: '" + stream
                + "' in log group '" + group + "'. Create it with CreateLogStream first.");
    }

    static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }
}
