package dev.ecslabs.emulator.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The AWS services the emulator serves, with the wire facts that tell them apart: the wire protocol,
 * the {@code X-Amz-Target} prefix (AWS JSON) or the SigV4 signing name (AWS Query, where the action
 * is a form field and the credential scope is all that names the service), and which error codes
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
     * Elastic Load Balancing v2 speaks AWS Query; its model declares no validation error, so the
     * Query protocol's common ones answer (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/CommonErrors.html).
     */
    ELB_V2(Protocol.QUERY, "elbv2", "elasticloadbalancing",
            "ValidationError", "ValidationError", "InvalidAction"),
    /**
     * IAM speaks AWS Query and is global: whatever region a client is configured with, its state is
     * the account's one, kept in {@link #GLOBAL_REGION} (where AWS's SDK signs IAM calls). A broken
     * constraint is Query's common {@code ValidationError}
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
     */
    IAM(Protocol.QUERY, "iam", "iam", "ValidationError", "ValidationError", "InvalidAction", true),
    /** STS speaks AWS Query; its answers read IAM's roles, which are global (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html). */
    STS(Protocol.QUERY, "sts", "sts", "ValidationError", "ValidationError", "InvalidAction", false),
    /** EC2 Auto Scaling speaks AWS Query (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/CommonErrors.html). */
    AUTO_SCALING(Protocol.QUERY, "autoscaling", "autoscaling", "ValidationError", "ValidationError", "InvalidAction", false),
    /** CloudWatch Logs speaks AWS JSON 1.1 (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html). */
    LOGS("logs", "Logs_20140328", "logs",
            "InvalidParameterException", "InvalidParameterException", "InvalidOperationException"),
    /**
     * CloudWatch metrics and alarms: its SDK client speaks Smithy RPC v2 CBOR, whose path names the
     * same service id as the JSON 1.0 target prefix ({@code RpcV2CborEndpoint}); AWS-query-compatible
     * errors carry their Query code in {@code x-amzn-query-error} as well.
     */
    CLOUDWATCH("cloudwatch", "GraniteServiceVersion20100801", "monitoring",
            "InvalidParameterValueException", "InvalidParameterValueException", "InvalidParameterValueException"),
    APPLICATION_AUTO_SCALING("application-autoscaling", "AnyScaleFrontendService", "application-autoscaling",
            "ValidationException", "ValidationException", "ValidationException");

    /** Where a global service's state is kept: the region AWS's SDKs sign IAM calls for. */
    public static final String GLOBAL_REGION = "us-east-1";

    /** How a service's calls travel: which endpoint reads them. */
    public enum Protocol {
        /** {@code POST /}, {@code X-Amz-Target: <prefix>.<Action>}, a JSON body: {@link AwsJsonEndpoint}. */
        AWS_JSON,
        /** {@code POST /}, a form body {@code Action=…&Version=…}, XML answers: {@code protocol.query.QueryEndpoint}. */
        QUERY
    }

    private final Protocol protocol;
    private final boolean global;

    private final String modelName;
    private final String targetPrefix;
    private final String signingName;
    private final String validationErrorCode;
    private final String malformedRequestErrorCode;
    private final String notImplementedErrorCode;

    AwsService(String modelName, String targetPrefix, String signingName, String validationErrorCode,
               String malformedRequestErrorCode, String notImplementedErrorCode) {
        this(Protocol.AWS_JSON, modelName, targetPrefix, signingName, validationErrorCode, malformedRequestErrorCode,
                notImplementedErrorCode);
    }

    /** An AWS Query service: its operations are keyed by the signing name, as JSON ones are by their target prefix. */
    AwsService(Protocol protocol, String modelName, String signingName, String validationErrorCode,
               String malformedRequestErrorCode, String notImplementedErrorCode) {
        this(protocol, modelName, signingName, signingName, validationErrorCode, malformedRequestErrorCode,
                notImplementedErrorCode, false);
    }

    /** An AWS Query service, global (its state in {@link #GLOBAL_REGION} whatever region signed the call) or not. */
    AwsService(Protocol protocol, String modelName, String signingName, String validationErrorCode,
               String malformedRequestErrorCode, String notImplementedErrorCode, boolean global) {
        this(protocol, modelName, signingName, signingName, validationErrorCode, malformedRequestErrorCode,
                notImplementedErrorCode, global);
    }

    AwsService(Protocol protocol, String modelName, String targetPrefix, String signingName, String validationErrorCode,
               String malformedRequestErrorCode, String notImplementedErrorCode) {
        this(protocol, modelName, targetPrefix, signingName, validationErrorCode, malformedRequestErrorCode,
                notImplementedErrorCode, false);
    }

    AwsService(Protocol protocol, String modelName, String targetPrefix, String signingName, String validationErrorCode,
               String malformedRequestErrorCode, String notImplementedErrorCode, boolean global) {
        this.global = global;
        this.protocol = protocol;
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

    /**
     * The region whose state a call signed for {@code signedRegion} reads and changes: its own, or
     * {@link #GLOBAL_REGION} for a global service (IAM), one state per account.
     */
    public String stateRegion(String signedRegion) {
        return global ? GLOBAL_REGION : signedRegion;
    }

    public Protocol protocol() {
        return protocol;
    }

    /**
     * The {@code X-Amz-Target} prefix of an AWS JSON service; for an AWS Query service its signing
     * name, which keys its operations in the {@link OperationTable} the same way.
     */
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

    /** The services that speak {@code protocol}. */
    public static List<AwsService> speaking(Protocol protocol) {
        return Arrays.stream(values()).filter(service -> service.protocol == protocol).toList();
    }

    /**
     * The service a SigV4 credential scope's signing name names, if it answers AWS Query: a Query
     * service, or one whose model lists {@code query} among its protocols (CloudWatch, which older
     * AWS CLIs and SDKs still call with {@code Action=PutMetricData} forms).
     */
    public static Optional<AwsService> querySigningName(String signingName) {
        for (AwsService service : values()) {
            if (service.signingName.equals(signingName) && service.speaksQuery()) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** Whether the service answers AWS Query calls: as its own protocol, or as another its model lists. */
    public boolean speaksQuery() {
        return protocol == Protocol.QUERY || ServiceModel.of(this).speaks("query");
    }

    /** The signing names of every service that answers AWS Query, for a message that lists them. */
    public static List<String> querySigningNames() {
        return Arrays.stream(values()).filter(AwsService::speaksQuery).map(AwsService::signingName).toList();
    }

    /** Every API served over AWS JSON with its prefix, for a message that lists them: "ECS (AmazonEC2ContainerServiceV20141113), …". */
    public static String describeAll() {
        StringBuilder all = new StringBuilder();
        for (AwsService service : speaking(Protocol.AWS_JSON)) {
            all.append(all.isEmpty() ? "" : ", ").append(service.signingName()).append(" (").append(service.targetPrefix).append(')');
        }
        return all.toString();
    }

    public static Optional<AwsService> byTargetPrefix(String prefix) {
        for (AwsService service : values()) {
            if (service.protocol == Protocol.AWS_JSON && service.targetPrefix.equals(prefix)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
