package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS JSON 1.1 endpoint ({@code POST /}): finds the operation by {@code X-Amz-Target}, checks
 * the body against the service model, hands the SDK's request object to the handler under the
 * caller's account-region lock, and writes the SDK's response object back. It is also the one
 * place where an {@link AwsException} becomes AWS's error shape: a 4xx with
 * {@code {"__type": code, "message": …}}, never a 5xx for the caller's mistake (the SDK retries
 * 5xx answers, slowly).
 */
public final class AwsJsonEndpoint {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String CONTENT_TYPE_1_0 = "application/x-amz-json-1.0";
    /**
     * Generous for every action of these APIs: a task definition is at most 64 KiB, a manifest 4 MiB,
     * and ECR's UploadLayerPart carries up to 20 MiB, which base64 in JSON makes about 27 MiB.
     */
    public static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** Answered where no service can be named: AWS's own code for an unknown target. */
    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    /**
     * AWS's JSON protocol's own code for a body it cannot read as JSON (truncated, trailing bytes,
     * not UTF-8, not an object); like {@link #UNKNOWN_OPERATION} it comes from the protocol, not
     * from a service model, and the SDK reports it as the service's generic exception.
     */
    static final String SERIALIZATION = "SerializationException";
    /**
     * Errors of the protocol, not of one service's model: AccessDeniedException is common to every
     * AWS JSON service (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/CommonErrors.html).
     */
    private static final Set<String> PROTOCOL_ERRORS = Set.of(UNKNOWN_OPERATION, SERIALIZATION, "AccessDeniedException");
    private static final ObjectReader STRICT_JSON = AwsJsonCodec.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonEndpoint.class);

    private final OperationTable operations;
    private final StateStore store;
    /** Each service's validator, made on its first call: it reads the service's model. */
    private final Map<AwsService, InputValidator> validators = new ConcurrentHashMap<>();

    public AwsJsonEndpoint(OperationTable operations, StateStore store) {
        this.operations = operations;
        this.store = store;
    }

    private InputValidator validator(AwsService service) {
        return validators.computeIfAbsent(service, s -> new InputValidator(ServiceModel.of(s)));
    }

    public void handle(Context ctx, String requestId) {
        AwsService service = null;
        try {
            String target = ctx.header("X-Amz-Target");
            if (target == null || target.isBlank()) {
                throw new AwsException(UNKNOWN_OPERATION, "The request has no X-Amz-Target header. An AWS JSON call names "
                        + "its action there, for example X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters.");
            }
            int dot = target.lastIndexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            String action = dot < 0 ? "" : target.substring(dot + 1);
            service = AwsService.byTargetPrefix(prefix).orElseThrow(() -> new AwsException(UNKNOWN_OPERATION,
                    "The emulator serves no API with the target prefix '" + prefix + "'. It serves "
                            + AwsService.describeAll() + "."));
            findOperation(service, action);
            String contentType = checkContentType(service, ctx.contentType());
            JsonNode body = readBody(service, ctx);
            SdkPojo response = answer(service, action, body, ctx, requestId);
            ObjectNode json = AwsJsonCodec.write(response);
            ctx.status(200).contentType(contentType).result(AwsJsonCodec.MAPPER.writeValueAsBytes(json));
        } catch (AwsException e) {
            writeError(ctx, service, e);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("The emulator failed answering {}", ctx.header("X-Amz-Target"), e);
            writeError(ctx, null, new AwsException("ServerException",
                    "The emulator failed answering this call; this is a bug in the emulator, not in your code: " + e, 500));
        }
    }

    /**
     * Answers one call of {@code action} whose body was read into a tree (from JSON here, from CBOR
     * by {@link RpcV2CborEndpoint}): the model's checks, the handler under the caller's account-region
     * lock, or the "not served" error for an action of the model the emulator lacks.
     */
    SdkPojo answer(AwsService service, String action, JsonNode body, Context ctx, String requestId) {
        Optional<Operation<?, ?>> operation = findOperation(service, action);
        if (operation.isEmpty()) {
            // As AWS would, the model's checks come first; a well-formed call then learns the action is not served.
            validator(service).validate(action, body);
            throw notServed(service, action);
        }
        return invoke(operation.get(), body, ctx, requestId);
    }

    /** The operation that answers the action; empty for an action of the model that the emulator does not serve. */
    private Optional<Operation<?, ?>> findOperation(AwsService service, String action) {
        Optional<Operation<?, ?>> operation = operations.find(service.targetPrefix() + "." + action);
        if (operation.isEmpty() && !ServiceModel.of(service).hasOperation(action)) {
            throw new AwsException(UNKNOWN_OPERATION, service.signingName() + " has no action named '" + action
                    + "'. Check its spelling against the " + service.signingName() + " API reference.");
        }
        return operation;
    }

    private AwsException notServed(AwsService service, String action) {
        // A code the action itself declares, so the SDK throws a typed exception; a 4xx, so it does not retry.
        String code = ServiceModel.of(service).notServedError(action);
        String why = operations.whyNotServed(service, action).map(reason -> reason + " ")
                .orElse("the ECS Labs emulator does not implement it yet. ");
        return new AwsException(code, "The " + service.signingName() + " action " + action
                + " is not served by this emulator: " + why + "It implements: "
                + String.join(", ", operations.implemented(service)) + ".");
    }

    /** The JSON version the call was sent in, which the answer is written in too (CloudWatch's JSON form is 1.0). */
    private static String checkContentType(AwsService service, String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (mediaType.equalsIgnoreCase(CONTENT_TYPE_1_0)) {
            return CONTENT_TYPE_1_0;
        }
        if (!mediaType.equalsIgnoreCase(CONTENT_TYPE)) {
            throw new AwsException(service.malformedRequestErrorCode(), "The Content-Type of an AWS JSON call must be "
                    + CONTENT_TYPE + ", not '" + mediaType + "'.");
        }
        return CONTENT_TYPE;
    }

    private static JsonNode readBody(AwsService service, Context ctx) {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new AwsException(service.malformedRequestErrorCode(), "The request body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new AwsException(service.malformedRequestErrorCode(), "The request body is larger than "
                    + (MAX_BODY_BYTES / (1024 * 1024)) + " MiB, the most an AWS JSON call to the emulator may send.", 413);
        }
        if (bytes.length == 0) {
            return AwsJsonCodec.MAPPER.createObjectNode();
        }
        checkUtf8(bytes);
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(bytes);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new AwsException(SERIALIZATION, "The request body is not valid JSON: " + reason);
        }
        if (json == null || !json.isObject()) {
            throw new AwsException(SERIALIZATION, "The request body must be one JSON object, such as {}.");
        }
        return json;
    }

    /**
     * JSON is UTF-8, and Jackson lets some invalid sequences through (overlong forms such as
     * {@code C0 AF} for '/'); the JDK's decoder refuses every one. Decoded in small pieces, so a
     * large body costs no second copy.
     */
    private static void checkUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true); // overflow: the piece is full; underflow: all bytes read
            if (result.isError()) {
                throw new AwsException(SERIALIZATION, "The request body is not valid UTF-8: the bytes at offset "
                        + in.position() + " are not a well-formed UTF-8 sequence. JSON must be sent as UTF-8.");
            }
        } while (result.isOverflow());
    }

    private <Req, Resp extends SdkPojo> SdkPojo invoke(Operation<Req, Resp> operation, JsonNode body, Context ctx,
                                                       String requestId) {
        AwsService service = operation.service();
        Req request;
        try {
            request = AwsJsonCodec.read(body, operation.request().get());
        } catch (AwsJsonCodec.WrongTypeException e) {
            throw new AwsException(ServiceModel.of(service).errorFor(operation.action(), service.malformedRequestErrorCode(),
                    service.validationErrorCode(), "ValidationException"), e.getMessage());
        }
        validator(service).validate(operation.action(), body);
        CallerIdentity caller = CallerIdentity.fromAuthorization(ctx.header("Authorization"));
        CallerPermissions.check(store, caller, service, operation.action(), "AccessDeniedException", 400);
        AccountRegion state = store.get(caller.accountId(), caller.region());
        RequestContext context = new RequestContext(service, operation.action(), requestId, caller, state, store);
        return state.locked(() -> operation.handler().handle(context, request));
    }

    private static void writeError(Context ctx, AwsService service, AwsException error) {
        AwsException shown = shown(service, error);
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.put("__type", shown.code());
        String messageMember = service == null ? "message" : ServiceModel.of(service).errorMessageMember(shown.code());
        json.put(messageMember, shown.getMessage());
        shown.fields().forEach((member, value) -> json.set(member, AwsJsonCodec.MAPPER.valueToTree(value)));
        queryErrorHeader(ctx, service, shown);
        ctx.status(shown.status()).contentType(answerContentType(ctx.contentType())).header("x-amzn-ErrorType", shown.code())
                // As bytes: a String result is encoded in the JVM's default charset, which mangles non-ASCII text.
                .result(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An error is written in the JSON version the call was sent in, as a success is: 1.0 for CloudWatch's JSON form. */
    private static String answerContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        return mediaType.equalsIgnoreCase(CONTENT_TYPE_1_0) ? CONTENT_TYPE_1_0 : CONTENT_TYPE;
    }

    /** The error as it goes on the wire: a code the service's model does not list is the emulator's bug, and said so. */
    static AwsException shown(AwsService service, AwsException error) {
        if (service != null && !PROTOCOL_ERRORS.contains(error.code()) && error.status() < 500
                && !ServiceModel.of(service).errorCodes().contains(error.code())) {
            LOG.error("Emulator bug: {} is not an error code of the {} model", error.code(), service);
            return new AwsException("ServerException", "Emulator bug: it answered with " + error.code()
                    + ", which " + service.signingName() + " never answers: " + error.getMessage(), 500);
        }
        return error;
    }

    /**
     * A service the model marks {@code awsQueryCompatible} (CloudWatch) also names the error as its
     * Query API did, {@code x-amzn-query-error: InvalidParameterValue;Sender}: the SDK then reports that
     * code, as it did before the service moved off the Query protocol.
     */
    static void queryErrorHeader(Context ctx, AwsService service, AwsException shown) {
        if (service != null) {
            ServiceModel.of(service).queryErrorCode(shown.code()).ifPresent(code ->
                    ctx.header("x-amzn-query-error", code + ";" + (shown.status() < 500 ? "Sender" : "Receiver")));
        }
    }
}
