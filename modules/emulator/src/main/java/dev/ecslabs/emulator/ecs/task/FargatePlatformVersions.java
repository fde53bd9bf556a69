package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.protocol.AwsException;
import java.util.List;

/**
 * Fargate's Linux platform versions, which RunTask and CreateService accept: LATEST (today
 * 1.4.0) or a version by number; anything else is AWS's PlatformUnknownException
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html).
 */
public final class FargatePlatformVersions {
    public static final String LATEST = "LATEST";
    /** The version LATEST stands for. */
    public static final String NEWEST = "1.4.0";
    private static final List<String> VERSIONS = List.of("1.4.0", "1.3.0");

    private FargatePlatformVersions() {
    }

    /** The platform version a task runs on: LATEST (or none) resolved, any other one checked. */
    public static String resolve(String requested) {
        if (requested == null || requested.equals(LATEST)) {
            return NEWEST;
        }
        if (!VERSIONS.contains(requested)) {
            throw new AwsException("PlatformUnknownException", "The specified platform version does not exist. Fargate's "
                    + "Linux platform versions are LATEST (" + NEWEST + ") and 1.3.0; '" + requested
                    + "' is not one of them.");
        }
        return requested;
    }
}
