package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.protocol.AwsException;
import java.util.regex.Pattern;

/**
 * IAM checks its name and path patterns against the whole value: the model's {@code [\w+=,.@-]+} is
 * not anchored, and the generic validator finds it in {@code "bad name!"}, which IAM refuses with a
 * ValidationError (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html, "RoleName").
 */
final class IamNames {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");

    private IamNames() {
    }

    static void name(String value, String member) {
        if (value != null && !NAME.matcher(value).matches()) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
    }

    static void path(String value, String member) {
        if (value != null && !PATH.matcher(value).matches()) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: a path begins and ends with a slash, such as / or /app/.");
        }
    }
}
