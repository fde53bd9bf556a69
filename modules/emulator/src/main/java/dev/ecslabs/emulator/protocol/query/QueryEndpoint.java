package dev.ecslabs.emulator.protocol.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.CallerIdentity;
import dev.ecslabs.emulator.protocol.CallerPermissions;
import dev.ecslabs.emulator.protocol.InputValidator;
import dev.ecslabs.emulator.protocol.Operation;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.protocol.ServiceModel;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS Query endpoint ({@code POST /} with {@code Content-Type: application/x-www-form-urlencoded}):
 * the service is the one the SigV4 credential scope was signed for (the body names only
 * {@code Action} and {@code Version}), the form is read into the SDK's request object and checked
 * against the model, the handler runs under the caller's account-region lock, and its SDK response
 * object is written back as XML. It is also where an {@link AwsException} becomes Query's
 * {@code <ErrorResponse>}: the model's wire code for the error shape and its HTTP status, never a 5xx
 * for the caller's mistake. Free of any one service: a Query service is a line in {@link AwsService}.
 */
public final class QueryEndpoint {
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
    /** Query calls are small: the largest of these APIs' (an IAM policy document, a batch of metrics) is far below 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String XML = "text/xml";

    private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoint.class);

    private final OperationTable operations;
    private final StateStore store;
    private final Map<AwsService, InputValidator> validators = new ConcurrentHashMap<>();

    public QueryEndpoint(OperationTable operations, StateStore store) {
        this.operations = operations;
        this.store = store;
    }

    /** Whether a {@code POST /} with this Content-Type is an AWS Query call. */
    public static boolean accepts(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase(CONTENT_TYPE);
    }

    public void handle(Context ctx, String requestId) {
        AwsService service = null;
        try {
            String authorization = ctx.header("Authorization");
            service = service(authorization);
            QueryForm form = QueryForm.parse(readBody(ctx));
            String action = action(service, form);
            checkVersion(service, form.get("Version"));
            Operation<?, ?> operation = operations.find(service.targetPrefix() + "." + action).orElse(null);
            ObjectNode json = readRequest(service, action, operation, form);
            validator(service).validate(action, json);
            if (operation == null) {
                throw notServed(service, action);
            }
            SdkPojo response = invoke(operation, json, authorization, requestId);
            ServiceModel model = ServiceModel.of(service);
            String xml = QueryXmlWriter.response(action, model.metadata("xmlNamespace"),
                    model.resultWrapper(action).orElse(null), response, requestId);
            ctx.status(200).contentType(XML).result(xml.getBytes(StandardCharsets.UTF_8));
        } catch (AwsException e) {
            writeError(ctx, service, e, requestId);
        } catch (RuntimeException e) {
            LOG.error("The emulator failed answering an AWS Query call", e);
            writeError(ctx, null, new AwsException(QueryErrors.INTERNAL_FAILURE,
                    "The emulator failed answering this call; this is a bug in the emulator, not in your code: " + e, 500),
                    requestId);
        }
    }

    private InputValidator validator(AwsService service) {
        return validators.computeIfAbsent(service, s -> new InputValidator(ServiceModel.of(s)));
    }

    /** The Query service the call was signed for: its signing name is all that tells IAM's CreateRole from another's. */
    private static AwsService service(String authorization) {
        String signingName = CallerIdentity.signingName(authorization).orElseThrow(() -> new AwsException(
                QueryErrors.MISSING_AUTHENTICATION_TOKEN, "An AWS Query call must be signed with SigV4: its credential "
                + "scope (Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, …) names "
                + "the service, which the form does not. Send it with an AWS SDK or the AWS CLI.", 403));
        return AwsService.querySigningName(signingName).orElseThrow(() -> new AwsException(QueryErrors.INVALID_ACTION,
                "The emulator serves no AWS Query API signed as '" + QueryForm.abbreviate(signingName) + "'. It serves: "
                        + String.join(", ", AwsService.querySigningNames()) + " and, in its own dialect, "
                        + Ec2QueryEndpoint.SIGNING_NAME + "."));
    }

    private static byte[] readBody(Context ctx) {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw QueryForm.malformed("The request body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new AwsException(QueryErrors.VALIDATION_ERROR, "The request body is larger than "
                    + (MAX_BODY_BYTES / 1024) + " KiB, the most an AWS Query call to the emulator may send.", 413);
        }
        return bytes;
    }

    private static String action(AwsService service, QueryForm form) {
        String action = form.get("Action");
        if (action == null || action.isEmpty()) {
            throw new AwsException(QueryErrors.MISSING_ACTION, "The request names no Action. An AWS Query call sends "
                    + "Action=<name>&Version=" + ServiceModel.of(service).metadata("apiVersion") + " in its form body.");
        }
        if (!ServiceModel.of(service).hasOperation(action)) {
            throw new AwsException(QueryErrors.INVALID_ACTION, "The action " + QueryForm.abbreviate(action) + " is not valid for "
                    + service.signingName() + " (version " + ServiceModel.of(service).metadata("apiVersion")
                    + "). Check its spelling against the API reference.");
        }
        return action;
    }

    private static void checkVersion(AwsService service, String version) {
        String served = ServiceModel.of(service).metadata("apiVersion");
        if (version == null || version.isEmpty()) {
            throw new AwsException(QueryErrors.MISSING_PARAMETER, "The request must contain the parameter Version; "
                    + service.signingName() + " is version " + served + ".");
        }
        if (!version.equals(served)) {
            throw new AwsException(QueryErrors.INVALID_PARAMETER_VALUE, "Version " + QueryForm.abbreviate(version)
                    + " of " + service.signingName() + " is not served; the emulator serves version " + served + ".");
        }
    }

    /** The form as the request's JSON; for an action not served, read by the model's input alone for the validator. */
    private static ObjectNode readRequest(AwsService service, String action, Operation<?, ?> operation, QueryForm form) {
        if (operation == null) {
            return QueryModelReader.read(ServiceModel.of(service), action, form.root());
        }
        try {
            return QueryRequestReader.read(form.root(), ((SdkPojo) operation.request().get()).sdkFields());
        } catch (QueryRequestReader.WrongValueException e) {
            throw new AwsException(service.validationErrorCode(), e.getMessage());
        }
    }

    private <Req, Resp extends SdkPojo> SdkPojo invoke(Operation<Req, Resp> operation, ObjectNode json,
                                                       String authorization, String requestId) {
        AwsService service = operation.service();
        Req request;
        try {
            request = AwsJsonCodec.read(json, operation.request().get());
        } catch (AwsJsonCodec.WrongTypeException e) {
            throw new AwsException(service.validationErrorCode(), e.getMessage());
        }
        CallerIdentity caller = CallerIdentity.fromAuthorization(authorization);
        CallerPermissions.check(store, caller, service, operation.action(), QueryErrors.ACCESS_DENIED, 403);
        AccountRegion state = store.get(caller.accountId(), service.stateRegion(caller.region()));
        RequestContext context = new RequestContext(service, operation.action(), requestId, caller, state, store);
        return state.locked(() -> operation.handler().handle(context, request));
    }

    private AwsException notServed(AwsService service, String action) {
        return new AwsException(ServiceModel.of(service).notServedError(action), "The " + service.signingName()
                + " action " + action + " is not served by this emulator: the ECS Labs emulator does not implement it yet. "
                + "It implements: " + String.join(", ", operations.implemented(service)) + ".");
    }

    private static void writeError(Context ctx, AwsService service, AwsException error, String requestId) {
        AwsException shown = error;
        String namespace = "";
        String code = error.code();
        int status = error.status();
        if (service != null) {
            ServiceModel model = ServiceModel.of(service);
            namespace = model.metadata("xmlNamespace");
            if (model.errorCodes().contains(error.code())) {
                code = model.wireCode(error.code());
                status = error.status() == 400 ? model.errorStatus(error.code(), 400) : error.status();
            } else if (!QueryErrors.COMMON.contains(error.code()) && error.status() < 500) {
                LOG.error("Emulator bug: {} is not an error code of the {} model", error.code(), service);
                code = QueryErrors.INTERNAL_FAILURE;
                status = 500;
                shown = new AwsException(code, "Emulator bug: it answered with " + error.code() + ", which "
                        + service.signingName() + " never answers: " + error.getMessage(), 500);
            }
        }
        String xml = QueryXmlWriter.error(namespace, code, shown.getMessage(), status < 500, requestId);
        ctx.status(status).contentType(XML).result(xml.getBytes(StandardCharsets.UTF_8));
    }
}
