package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rule every {@code /_emulator/*} route that reads or changes an account's state follows: the
 * account and region come from the request's SigV4 {@code Authorization} header, read exactly as
 * on the AWS routes ({@link CallerIdentity}), never from a parameter. A request without credentials
 * is refused with 403 MissingAuthenticationToken, one whose {@code account} or {@code region}
 * parameter names another account or region with 403 AccessDeniedException, so that a parameter
 * can neither reach another account's state nor put a value that is not an account into the state.
 */
public final class CallerRoute {
    static final String MISSING_CREDENTIALS = "MissingAuthenticationToken";
    static final String ACCESS_DENIED = "AccessDeniedException";

    /** What a route does for a caller whose account and region are known. */
    @FunctionalInterface
    public interface CallerHandler {
        void handle(Context ctx, CallerIdentity caller) throws Exception;
    }

    private CallerRoute() {
    }

    /** A Javalin handler that runs {@code handler} only for a request whose credentials name its caller. */
    public static Handler of(CallerHandler handler) {
        return ctx -> {
            Optional<CallerIdentity> caller = CallerIdentity.fromSigV4(ctx.header("Authorization"));
            if (caller.isEmpty()) {
                refuse(ctx, MISSING_CREDENTIALS, "This route answers only to a caller it can name: send the header "
                        + "'Authorization: AWS4-HMAC-SHA256 Credential=<access key id>/<yyyymmdd>/<region>/ecs/aws4_request, …' "
                        + "as the AWS SDK signs its calls (curl: --aws-sigv4 \"aws:amz:us-east-1:ecs\" --user <key>:<secret>). "
                        + "A 12-digit access key id is that account, any other key account " + CallerIdentity.DEFAULT_ACCOUNT
                        + "; the region is the credential scope's.");
                return;
            }
            if (!agrees(ctx.queryParam("account"), caller.get().accountId())) {
                refuse(ctx, ACCESS_DENIED, "The account parameter '" + shorten(ctx.queryParam("account"))
                        + "' is not the account of your credentials, " + caller.get().accountId() + ": a route answers "
                        + "only for the caller's own account. Leave the parameter out, or sign with that account's key.");
                return;
            }
            if (!agrees(ctx.queryParam("region"), caller.get().region())) {
                refuse(ctx, ACCESS_DENIED, "The region parameter '" + shorten(ctx.queryParam("region"))
                        + "' is not the region of your credential scope, " + caller.get().region()
                        + ": leave the parameter out, or sign for that region.");
                return;
            }
            handler.handle(ctx, caller.get());
        };
    }

    private static boolean agrees(String parameter, String fromCredentials) {
        return parameter == null || parameter.isEmpty() || parameter.equals(fromCredentials);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static void refuse(Context ctx, String code, String message) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode().put("__type", code).put("message", message);
        ctx.status(403).contentType("application/json").header("x-amzn-ErrorType", code)
                .result(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
