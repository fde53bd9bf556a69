package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.AwsException;

/** The Cloud Map error codes the emulator answers with, each an error shape of the Cloud Map model. */
public final class CloudMapErrors {
    private CloudMapErrors() {
    }

    public static AwsException invalidInput(String message) {
        return new AwsException("InvalidInput", message);
    }

    public static AwsException namespaceNotFound(String idOrArn) {
        return new AwsException("NamespaceNotFound", "No namespace exists with the ID or ARN '" + idOrArn
                + "'. A new namespace can be used only once its CREATE_NAMESPACE operation has succeeded (GetOperation).");
    }

    /** NamespaceAlreadyExists names the existing namespace and the CreatorRequestId it was created with. */
    public static AwsException namespaceAlreadyExists(String name, String namespaceId, String creatorRequestId) {
        AwsException error = new AwsException("NamespaceAlreadyExists", "A namespace named '" + name
                + "' already exists: " + namespaceId + ". Use it, or choose another name.").with("NamespaceId", namespaceId);
        return creatorRequestId == null ? error : error.with("CreatorRequestId", creatorRequestId);
    }

    public static AwsException serviceNotFound(String idOrArn) {
        return new AwsException("ServiceNotFound", "No service exists with the ID or ARN '" + idOrArn + "'.");
    }

    public static AwsException instanceNotFound(String instanceId, String serviceId) {
        return new AwsException("InstanceNotFound", "No instance '" + instanceId + "' is registered with service "
                + serviceId + ". A new instance can be seen only once its REGISTER_INSTANCE operation has succeeded.");
    }

    public static AwsException operationNotFound(String operationId) {
        return new AwsException("OperationNotFound", "No operation exists with the ID '" + operationId + "'.");
    }

    public static AwsException resourceInUse(String message) {
        return new AwsException("ResourceInUse", message);
    }

    public static AwsException resourceLimitExceeded(String message) {
        return new AwsException("ResourceLimitExceeded", message);
    }

    public static AwsException resourceNotFound(String arn) {
        return new AwsException("ResourceNotFoundException", "No Cloud Map namespace or service has the ARN '" + arn + "'.");
    }

    public static AwsException customHealthNotFound(String serviceId) {
        return new AwsException("CustomHealthNotFound", "Service " + serviceId + " has no custom health check "
                + "(HealthCheckCustomConfig), so its instances' health cannot be set with UpdateInstanceCustomHealthStatus. "
                + "A custom health check can only be given when the service is created.");
    }

    /** "The operation is already in progress", naming the operation that is. */
    public static AwsException duplicateRequest(String message, String operationId) {
        return new AwsException("DuplicateRequest", message).with("DuplicateOperationId", operationId);
    }
}
