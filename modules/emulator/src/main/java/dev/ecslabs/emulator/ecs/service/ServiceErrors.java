package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.protocol.AwsException;

/** The ECS errors that only services answer with, each a code of the ECS model. */
final class ServiceErrors {
    private ServiceErrors() {
    }

    /**
     * AWS's own text, without the name: {@code {"__type":"ServiceNotFoundException","message":"Service not found."}}
     * is what ECS answers UpdateService for a missing service (seen on the wire in hashicorp/terraform#15073).
     * labkit's clients name the service, cluster, account and region beside it for a learner.
     */
    static AwsException serviceNotFound() {
        return new AwsException("ServiceNotFoundException", "Service not found.");
    }

    static AwsException serviceNotActive(String serviceName, String status) {
        return new AwsException("ServiceNotActiveException", "Service was not ACTIVE. " + serviceName + " is " + status
                + " since it was deleted; create it again with CreateService once it is INACTIVE.");
    }
}
