package dev.ecslabs.emulator.autoscaling;

/**
 * An ECS service as Application Auto Scaling names it: resource id {@code service/<cluster>/<service>},
 * scalable dimension {@code ecs:service:DesiredCount}
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
 */
record EcsServiceResource(String clusterName, String serviceName) {
    static final String NAMESPACE = "ecs";
    static final String DIMENSION = "ecs:service:DesiredCount";

    static EcsServiceResource parse(String resourceId) {
        String[] parts = resourceId.split("/", -1);
        if (parts.length != 3 || !parts[0].equals("service") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw AutoScalingErrors.validation("Unsupported resource ID: " + resourceId + ". An ECS service's resource ID is "
                    + "service/<cluster name>/<service name>, such as service/default/web.");
        }
        return new EcsServiceResource(parts[1], parts[2]);
    }

    /** Checks that the namespace and dimension are ECS's, the only ones the emulator scales. */
    static void checkNamespace(String namespace, String dimension) {
        if (!NAMESPACE.equals(namespace)) {
            throw AutoScalingErrors.validation("The ECS Labs emulator scales ECS services only (ServiceNamespace ecs), not "
                    + namespace + ".");
        }
        if (dimension != null && !DIMENSION.equals(dimension)) {
            throw AutoScalingErrors.validation("Unsupported scalable dimension " + dimension + " for service namespace ecs: "
                    + "an ECS service scales by " + DIMENSION + ".");
        }
    }
}
