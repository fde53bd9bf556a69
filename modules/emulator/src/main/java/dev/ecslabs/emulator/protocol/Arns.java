package dev.ecslabs.emulator.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amazon Resource Names in AWS's format: {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
public final class Arns {
    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(.+)");

    private Arns() {
    }

    /** A parsed ARN. */
    public record Arn(String partition, String service, String region, String accountId, String resource) {
        @Override
        public String toString() {
            return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
        }
    }

    public static String of(String service, String region, String accountId, String resource) {
        return new Arn(partition(region), service, region, accountId, resource).toString();
    }

    public static String of(RequestContext context, String service, String resource) {
        return of(service, context.region(), context.accountId(), resource);
    }

    public static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(text);
        return m.matches() ? Optional.of(new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)))
                : Optional.empty();
    }

    public static boolean looksLikeArn(String text) {
        return text != null && text.startsWith("arn:");
    }

    /** The partition a region belongs to, as AWS names it. */
    public static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }
}
