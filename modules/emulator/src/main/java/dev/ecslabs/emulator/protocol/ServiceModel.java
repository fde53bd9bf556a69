package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * One AWS service model (the botocore {@code service-2.json} vendored under {@code aws-models/}):
 * the actions the service has, the shapes of their inputs with the constraints AWS checks, and the
 * error shapes AWS may answer with.
 */
public final class ServiceModel {
    private static final Map<AwsService, ServiceModel> LOADED = new EnumMap<>(AwsService.class);

    private final AwsService service;
    private final JsonNode operations;
    private final JsonNode shapes;
    private final JsonNode metadata;
    private final Set<String> errorCodes = new TreeSet<>();
    private final boolean awsQueryCompatible;

    private ServiceModel(AwsService service, JsonNode root) {
        this.service = service;
        this.operations = root.path("operations");
        this.shapes = root.path("shapes");
        this.metadata = root.path("metadata");
        this.awsQueryCompatible = metadata.has("awsQueryCompatible");
        for (Iterator<Map.Entry<String, JsonNode>> it = shapes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> shape = it.next();
            if (shape.getValue().path("exception").asBoolean(false)) {
                errorCodes.add(shape.getKey());
            }
        }
    }

    public static synchronized ServiceModel of(AwsService service) {
        return LOADED.computeIfAbsent(service, ServiceModel::load);
    }

    private static ServiceModel load(AwsService service) {
        String resource = "/aws-models/" + service.modelName() + ".json.gz";
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The emulator jar lacks its model " + resource);
            }
            return new ServiceModel(service, new ObjectMapper().readTree(new GZIPInputStream(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model " + resource, e);
        }
    }

    public AwsService service() {
        return service;
    }

    public boolean hasOperation(String action) {
        return operations.has(action);
    }

    public Set<String> operationNames() {
        Set<String> names = new TreeSet<>();
        operations.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The input shape of an action, if it takes one. */
    public Optional<String> inputShapeName(String action) {
        JsonNode input = operations.path(action).path("input").path("shape");
        return input.isTextual() ? Optional.of(input.asText()) : Optional.empty();
    }

    public JsonNode shape(String name) {
        JsonNode shape = shapes.path(name);
        if (shape.isMissingNode()) {
            throw new IllegalArgumentException(service + " model has no shape " + name);
        }
        return shape;
    }

    /** The error codes an action declares, in the model's order. */
    public List<String> operationErrors(String action) {
        List<String> codes = new ArrayList<>();
        operations.path(action).path("errors").forEach(error -> codes.add(error.path("shape").asText()));
        return codes;
    }

    /**
     * The first of {@code preferred} that the action declares; AWS answers an action only with its
     * own errors, and the SDK maps them to typed exceptions. Falls back to the first preferred code.
     */
    public String errorFor(String action, String... preferred) {
        List<String> declared = operationErrors(action);
        for (String code : preferred) {
            if (declared.contains(code)) {
                return code;
            }
        }
        return preferred[0];
    }

    /**
     * The code the emulator answers for an action of the model it does not serve: one the action
     * declares (the service's not-implemented code first), so the SDK throws a typed exception.
     */
    public String notServedError(String action) {
        String code = errorFor(action, service.notImplementedErrorCode(), service.malformedRequestErrorCode(),
                service.validationErrorCode());
        List<String> declared = operationErrors(action);
        if (service.protocol() == AwsService.Protocol.QUERY || declared.contains(code) || declared.isEmpty()) {
            return code; // AWS Query's InvalidAction is a common error of every action, declared by none
        }
        // CloudWatch's actions declare few errors (DescribeAlarmContributors: InvalidNextToken, ResourceNotFoundException):
        // the first client error the action declares
        for (String candidate : declared) {
            if (shapes.path(candidate).path("error").path("httpStatusCode").asInt(400) < 500) {
                return candidate;
            }
        }
        return code;
    }

    /** The names of every shape of the model, sorted. */
    public Set<String> shapeNames() {
        Set<String> names = new TreeSet<>();
        shapes.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every error code the model declares (the names of its exception shapes). */
    public Set<String> errorCodes() {
        return errorCodes;
    }

    /**
     * Whether the model lists {@code protocol} among the wire protocols its service answers
     * ({@code metadata.protocols}, else its one {@code metadata.protocol}): CloudWatch's lists
     * {@code smithy-rpc-v2-cbor}, {@code json} and {@code query}, and AWS answers each.
     */
    public boolean speaks(String protocol) {
        JsonNode listed = metadata.path("protocols");
        if (listed.isArray()) {
            for (JsonNode one : listed) {
                if (one.asText().equals(protocol)) {
                    return true;
                }
            }
            return false;
        }
        return metadata.path("protocol").asText().equals(protocol);
    }

    /** The model's metadata: {@code apiVersion}, {@code xmlNamespace}, {@code protocol}, … */
    public String metadata(String key) {
        return metadata.path(key).asText("");
    }

    /**
     * The element an AWS Query or XML answer wraps an action's output in ({@code CreateLoadBalancerResult});
     * empty for an action whose answer holds only its metadata.
     */
    public Optional<String> resultWrapper(String action) {
        JsonNode wrapper = operations.path(action).path("output").path("resultWrapper");
        return wrapper.isTextual() ? Optional.of(wrapper.asText()) : Optional.empty();
    }

    /**
     * The code an error shape travels as: AWS Query services name some errors differently on the wire
     * ({@code LoadBalancerNotFoundException} is sent as {@code LoadBalancerNotFound}), and the SDK
     * maps the wire code to its typed exception.
     */
    public String wireCode(String errorShape) {
        return shapes.path(errorShape).path("error").path("code").asText(errorShape);
    }

    /** The HTTP status the model gives an error shape, or {@code fallback} where it gives none. */
    public int errorStatus(String errorShape, int fallback) {
        return shapes.path(errorShape).path("error").path("httpStatusCode").asInt(fallback);
    }

    /**
     * For a service the model marks {@code awsQueryCompatible}: the code its Query API answered for
     * that error shape ({@code InvalidParameterValueException} was {@code InvalidParameterValue}).
     */
    public Optional<String> queryErrorCode(String code) {
        if (!awsQueryCompatible) {
            return Optional.empty();
        }
        JsonNode error = shapes.path(code).path("error").path("code");
        return Optional.of(error.isTextual() ? error.asText() : code);
    }

    /** The member an error shape keeps its message in: {@code message} for ECS and ECR, {@code Message} for Cloud Map. */
    public String errorMessageMember(String code) {
        JsonNode members = shapes.path(code).path("members");
        if (members.has("Message")) {
            return "Message";
        }
        return "message";
    }
}
