package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.protocol.AwsException;

/** The ECS errors that only services answer with, each a code of the ECS model. */
final class ServiceErrors {
    private ServiceErrors() {
    }

    static AwsException serviceNotFound(String named, String clusterName) {
        return new AwsException("ServiceNotFoundException", "Service not found. No service '" + named
                + "' in the cluster " + clusterName + ": services belong to one cluster and one Region; "
                + "ListServices shows those of this cluster.");
    }

    static AwsException serviceNotActive(String serviceName, String status) {
        return new AwsException("ServiceNotActiveException", "Service was not ACTIVE. " + serviceName + " is " + status
                + " since it was deleted; create it again with CreateService once it is INACTIVE.");
    }
}
