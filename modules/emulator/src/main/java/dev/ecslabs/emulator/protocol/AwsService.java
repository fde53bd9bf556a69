package dev.ecslabs.emulator.protocol;

import java.util.Optional;

/**
 * The AWS services the emulator serves, with the wire facts that tell them apart: the
 * {@code X-Amz-Target} prefix, the SigV4 signing name, and which of the service's own error codes
 * AWS answers for input that breaks the model's constraints and for actions the emulator lacks.
 */
public enum AwsService {
    ECS("ecs", "AmazonEC2ContainerServiceV20141113", "ecs",
            "InvalidParameterException", "ClientException", "UnsupportedFeatureException"),
    ECR("ecr", "AmazonEC2ContainerRegistry_V20150921", "ecr",
            "InvalidParameterException", "InvalidParameterException", "ValidationException"),
    CLOUD_MAP("servicediscovery", "Route53AutoNaming_v20170314", "servicediscovery",
            "InvalidInput", "InvalidInput", "InvalidInput"),
    /**
     * CloudWatch metrics and alarms: its SDK client speaks Smithy RPC v2 CBOR, whose path names the
     * same service id as the JSON 1.0 target prefix ({@code RpcV2CborEndpoint}); AWS-query-compatible
     * errors carry their Query code in {@code x-amzn-query-error} as well.
     */
    CLOUDWATCH("cloudwatch", "GraniteServiceVersion20100801", "monitoring",
            "InvalidParameterValueException", "InvalidParameterValueException", "InvalidParameterValueException"),
    APPLICATION_AUTO_SCALING("application-autoscaling", "AnyScaleFrontendService", "application-autoscaling",
            "ValidationException", "ValidationException", "ValidationException");

    private final String modelName;
    private final String targetPrefix;
    private final String signingName;
    private final String validationErrorCode;
    private final String malformedRequestErrorCode;
    private final String notImplementedErrorCode;

    AwsService(String modelName, String targetPrefix, String signingName, String validationErrorCode,
               String malformedRequestErrorCode, String notImplementedErrorCode) {
        this.modelName = modelName;
        this.targetPrefix = targetPrefix;
        this.signingName = signingName;
        this.validationErrorCode = validationErrorCode;
        this.malformedRequestErrorCode = malformedRequestErrorCode;
        this.notImplementedErrorCode = notImplementedErrorCode;
    }

    /** The file name of the vendored model, {@code aws-models/<modelName>.json.gz}. */
    public String modelName() {
        return modelName;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    /** The Smithy namespace of the service's shapes, as an RPC v2 error's {@code __type} names them. */
    public String shapeNamespace() {
        return "com.amazonaws." + modelName.replace("-", "");
    }

    public String signingName() {
        return signingName;
    }

    /** The code AWS answers when a member breaks a constraint of the model (required, length, enum, range, pattern). */
    public String validationErrorCode() {
        return validationErrorCode;
    }

    /**
     * The code for a body that is JSON but not what the action takes (a member of the wrong type), or
     * cannot be taken at all (too large, a wrong Content-Type); JSON that cannot be read is the
     * protocol's own {@code SerializationException}. Where an action does not declare it, the
     * endpoint picks one the action does ({@link ServiceModel#errorFor}).
     */
    public String malformedRequestErrorCode() {
        return malformedRequestErrorCode;
    }

    /**
     * The code preferred for an action of the model that the emulator does not implement; used only
     * where the action declares it, else the malformed-request or validation code (ECS declares
     * {@code UnsupportedFeatureException} on 32 of its 77 actions).
     */
    public String notImplementedErrorCode() {
        return notImplementedErrorCode;
    }

    /** Every served API with its prefix, for a message that lists them: "ECS (AmazonEC2ContainerServiceV20141113), …". */
    public static String describeAll() {
        StringBuilder all = new StringBuilder();
        for (AwsService service : values()) {
            all.append(all.isEmpty() ? "" : ", ").append(service.signingName()).append(" (").append(service.targetPrefix).append(')');
        }
        return all.toString();
    }

    public static Optional<AwsService> byTargetPrefix(String prefix) {
        for (AwsService service : values()) {
            if (service.targetPrefix.equals(prefix)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
