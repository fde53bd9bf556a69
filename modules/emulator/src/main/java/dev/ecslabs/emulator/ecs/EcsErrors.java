package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.protocol.AwsException;

/** The ECS error codes the emulator answers with, each from the ECS model. */
public final class EcsErrors {
    private EcsErrors() {
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", message);
    }

    public static AwsException client(String message) {
        return new AwsException("ClientException", message);
    }

    public static AwsException clusterNotFound() {
        return new AwsException("ClusterNotFoundException", "Cluster not found.");
    }

    public static AwsException resourceNotFound(String message) {
        return new AwsException("ResourceNotFoundException", message);
    }
}
