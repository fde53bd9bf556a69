package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The Smithy RPC v2 CBOR endpoint ({@code POST /service/<ServiceName>/operation/<Operation>} with
 * {@code smithy-protocol: rpc-v2-cbor}), which the SDK for Java's CloudWatch client speaks: the
 * body is read into the tree the JSON endpoint reads, and answered by the same operation table,
 * checks and handlers ({@link AwsJsonEndpoint#answer}). Errors are a CBOR map with {@code __type}
 * (the error shape's id) and {@code message}, with AWS's 4xx status; see
 * https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html.
 */
public final class RpcV2CborEndpoint {
    public static final String PATH = "/service/{service}/operation/{operation}";
    public static final String PROTOCOL_HEADER = "smithy-protocol";
    public static final String PROTOCOL = "rpc-v2-cbor";
    public static final String CONTENT_TYPE = "application/cbor";
    private static final Logger LOG = LoggerFactory.getLogger(RpcV2CborEndpoint.class);

    private final AwsJsonEndpoint calls;

    public RpcV2CborEndpoint(AwsJsonEndpoint calls) {
        this.calls = calls;
    }

    public void handle(Context ctx, String requestId) {
        AwsService service = null;
        try {
            String serviceName = ctx.pathParam("service");
            String action = ctx.pathParam("operation");
            service = AwsService.byTargetPrefix(serviceName).orElseThrow(() -> new AwsException(AwsJsonEndpoint.UNKNOWN_OPERATION,
                    "The emulator serves no Smithy service named '" + serviceName + "' at /service/" + serviceName
                            + "/operation/…; it serves " + AwsService.describeAll() + "."));
            if (!PROTOCOL.equals(ctx.header(PROTOCOL_HEADER))) {
                throw new AwsException(service.malformedRequestErrorCode(), "A call to /service/" + serviceName
                        + "/operation/" + action + " speaks Smithy RPC v2 CBOR and must say so with the header "
                        + PROTOCOL_HEADER + ": " + PROTOCOL + " (it sent " + ctx.header(PROTOCOL_HEADER) + ").");
            }
            JsonNode body = readBody(service, ctx);
            SdkPojo response = calls.answer(service, action, body, ctx, requestId);
            ctx.status(200).header(PROTOCOL_HEADER, PROTOCOL).contentType(CONTENT_TYPE).result(CborCodec.write(response));
        } catch (AwsException e) {
            writeError(ctx, service, e);
        } catch (RuntimeException e) {
            LOG.error("The emulator failed answering {}", ctx.path(), e);
            writeError(ctx, null, new AwsException("ServerException",
                    "The emulator failed answering this call; this is a bug in the emulator, not in your code: " + e, 500));
        }
    }

    private static JsonNode readBody(AwsService service, Context ctx) {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(AwsJsonEndpoint.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new AwsException(service.malformedRequestErrorCode(), "The request body could not be read: " + e.getMessage());
        }
        if (bytes.length > AwsJsonEndpoint.MAX_BODY_BYTES) {
            throw new AwsException(service.malformedRequestErrorCode(), "The request body is larger than "
                    + (AwsJsonEndpoint.MAX_BODY_BYTES / (1024 * 1024)) + " MiB.", 413);
        }
        if (bytes.length == 0) { // an operation without input sends no body
            return CborCodec.MAPPER.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = CborCodec.readTree(bytes);
        } catch (IOException e) {
            throw new AwsException(AwsJsonEndpoint.SERIALIZATION, "The request body is not valid CBOR: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new AwsException(AwsJsonEndpoint.SERIALIZATION, "The request body must be one CBOR map.");
        }
        return tree;
    }

    private static void writeError(Context ctx, AwsService service, AwsException error) {
        AwsException shown = AwsJsonEndpoint.shown(service, error);
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("__type", service == null ? shown.code() : service.shapeNamespace() + "#" + shown.code());
        String messageMember = service == null ? "message" : ServiceModel.of(service).errorMessageMember(shown.code());
        members.put(messageMember, shown.getMessage());
        members.putAll(shown.fields());
        AwsJsonEndpoint.queryErrorHeader(ctx, service, shown);
        ctx.status(shown.status()).header(PROTOCOL_HEADER, PROTOCOL).contentType(CONTENT_TYPE)
                .result(CborCodec.writeMap(members));
    }
}
