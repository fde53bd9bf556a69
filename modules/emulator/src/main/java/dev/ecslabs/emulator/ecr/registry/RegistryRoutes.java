package dev.ecslabs.emulator.ecr.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.ecr.AuthorizationTokens;
import dev.ecslabs.emulator.ecr.EcrApi;
import dev.ecslabs.emulator.ecr.LayerActions;
import dev.ecslabs.emulator.ecr.Repositories;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECR's data plane: the OCI distribution API under {@code /v2/} on the emulator's port, with
 * Basic authentication by the password GetAuthorizationToken returns (user {@code AWS}). A
 * request without valid credentials gets 401 with a {@code WWW-Authenticate} challenge, as
 * registries answer so that clients retry with their credentials. The account and region come
 * from the password; a request to the AWS-shaped host {@code <account>.dkr.ecr.<region>.localhost}
 * must carry a password of that account and region. Also serves the presigned layer URLs of
 * GetDownloadUrlForLayer.
 */
public final class RegistryRoutes implements HttpRoutes {
    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);
    private static final Pattern ECR_HOST = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.localhost(?::\\d+)?");
    private static final Pattern UPLOADS = Pattern.compile("(.+)/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("(.+)/blobs/uploads/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("(.+)/blobs/([^/]+)");
    private static final Pattern MANIFEST = Pattern.compile("(.+)/manifests/([^/]+)");
    private static final Pattern TAGS = Pattern.compile("(.+)/tags/list");

    private final StateStore store;
    private final EmulatorClock clock;
    private final AuthorizationTokens tokens;
    private final BlobEndpoints blobs;
    private final ManifestEndpoints manifests;
    private final BlobStore blobStore;

    public RegistryRoutes(StateStore store, EmulatorClock clock, EcrApi ecr) {
        this.store = store;
        this.clock = clock;
        this.tokens = ecr.tokens();
        this.blobs = new BlobEndpoints(ecr.layers(), ecr.uploads());
        this.manifests = new ManifestEndpoints(ecr.images());
        this.blobStore = ecr.blobs();
    }

    @Override
    public void addTo(RoutesConfig routes) {
        Handler handler = this::handle;
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
                HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE}) {
            routes.addHttpHandler(method, "/v2", handler);
            routes.addHttpHandler(method, "/v2/*", handler);
        }
        routes.get(LayerActions.DOWNLOAD_PATH + "{token}", this::download);
    }

    private void handle(Context ctx) {
        ctx.header(API_VERSION_HEADER, "registry/2.0");
        try {
            AuthorizationTokens.Holder holder = authenticate(ctx);
            String rest = ctx.path().replaceFirst("^/v2/?", "");
            if (rest.isEmpty()) {
                ctx.status(200).contentType("application/json").result("{}");
                return;
            }
            route(ctx, store.get(holder.accountId(), holder.region()), rest);
        } catch (RegistryError e) {
            writeError(ctx, e);
        } catch (IOException e) {
            // The client went away mid-transfer, or sent a body that could not be read: nothing to fix here.
            LOG.debug("Registry transfer {} {} broke off", ctx.method(), ctx.path(), e);
            if (!ctx.res().isCommitted()) {
                writeError(ctx, new RegistryError(400, "BLOB_UPLOAD_INVALID", "The request body could not be read: " + e));
            }
        } catch (RuntimeException e) {
            LOG.error("The registry failed answering {} {}", ctx.method(), ctx.path(), e);
            writeError(ctx, new RegistryError(500, "UNKNOWN", "The emulator's registry failed; this is a bug in the "
                    + "emulator, not in your client: " + e));
        }
    }

    private void route(Context ctx, AccountRegion state, String rest) throws IOException {
        HandlerType method = ctx.method();
        Matcher m;
        if ((m = UPLOADS.matcher(rest)).matches() && method == HandlerType.POST) {
            blobs.startUpload(request(ctx, state, m.group(1)));
        } else if ((m = UPLOAD.matcher(rest)).matches()) {
            RegistryRequest request = request(ctx, state, m.group(1));
            switch (method.name()) {
                case "PATCH" -> blobs.appendChunk(request, m.group(2));
                case "PUT" -> blobs.finishUpload(request, m.group(2));
                case "GET" -> blobs.uploadStatus(request, m.group(2));
                case "DELETE" -> blobs.cancelUpload(request, m.group(2));
                default -> throw unsupported(method);
            }
        } else if ((m = BLOB.matcher(rest)).matches()) {
            RegistryRequest request = request(ctx, state, m.group(1));
            switch (method.name()) {
                case "GET", "HEAD" -> blobs.getBlob(request, m.group(2), method == HandlerType.GET);
                case "DELETE" -> throw new RegistryError(405, "UNSUPPORTED", "ECR does not delete blobs directly: "
                        + "delete the images that use them (BatchDeleteImage)");
                default -> throw unsupported(method);
            }
        } else if ((m = MANIFEST.matcher(rest)).matches()) {
            RegistryRequest request = request(ctx, state, m.group(1));
            switch (method.name()) {
                case "PUT" -> manifests.putManifest(request, m.group(2));
                case "GET", "HEAD" -> manifests.getManifest(request, m.group(2), method == HandlerType.GET);
                case "DELETE" -> manifests.deleteManifest(request, m.group(2));
                default -> throw unsupported(method);
            }
        } else if ((m = TAGS.matcher(rest)).matches() && method == HandlerType.GET) {
            manifests.listTags(request(ctx, state, m.group(1)));
        } else {
            throw new RegistryError(404, "UNSUPPORTED", "The registry has no route " + method + " /v2/" + rest
                    + " (ECR serves no _catalog and no referrers API)");
        }
    }

    private static RegistryRequest request(Context ctx, AccountRegion state, String name) {
        if (!Repositories.isValidName(name)) {
            throw new RegistryError(400, "NAME_INVALID", "'" + name + "' is not a repository name: lowercase path "
                    + "segments of letters, digits and . _ -, like 'team/web-app'");
        }
        return new RegistryRequest(ctx, state, name);
    }

    private AuthorizationTokens.Holder authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        Optional<AuthorizationTokens.Holder> holder = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && decoded.substring(0, colon).equals(AuthorizationTokens.USERNAME)) {
                    holder = tokens.verifyPassword(decoded.substring(colon + 1), clock.now());
                }
            } catch (IllegalArgumentException e) {
                // not base64: answered as missing credentials below
            }
        }
        if (holder.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"" + realm(ctx) + "\",service=\"ecr.amazonaws.com\"");
            throw new RegistryError(401, "UNAUTHORIZED", "Authentication required: log in with user AWS and the "
                    + "password from ecr:GetAuthorizationToken (it is valid for 12 hours)");
        }
        Matcher host = ECR_HOST.matcher(Optional.ofNullable(ctx.header("Host")).orElse(""));
        if (host.matches() && !(host.group(1).equals(holder.get().accountId()) && host.group(2).equals(holder.get().region()))) {
            throw new RegistryError(403, "DENIED", "This registry host is account " + host.group(1) + " in "
                    + host.group(2) + ", but the password was issued to account " + holder.get().accountId() + " in "
                    + holder.get().region() + ": get a token for that account and region");
        }
        return holder.get();
    }

    private static String realm(Context ctx) {
        return "http://" + Optional.ofNullable(ctx.header("Host")).orElse("localhost") + "/";
    }

    /** GET /_emulator/ecr/layer/<token>: a presigned layer URL, readable without credentials until it expires. */
    private void download(Context ctx) throws IOException {
        Optional<AuthorizationTokens.Download> download = tokens.verifyDownload(ctx.pathParam("token"), clock.now());
        if (download.isEmpty()) {
            ctx.status(403).contentType("text/plain").result("Request has expired or its signature does not match: "
                    + "ask GetDownloadUrlForLayer for a new URL");
            return;
        }
        AccountRegion state = store.get(download.get().accountId(), download.get().region());
        Digest digest = Digest.parse(download.get().digest()).orElseThrow();
        Optional<Blob> blob = state.locked(() -> Repositories.of(state).find(download.get().repositoryName())
                .filter(repository -> repository.hasLayer(digest)).flatMap(repository -> blobStore.get(digest)));
        if (blob.isEmpty()) {
            ctx.status(404).contentType("text/plain").result("The layer no longer exists");
            return;
        }
        ctx.status(200);
        ctx.header("Content-Type", "application/octet-stream");
        send(ctx, blob.get(), true);
    }

    /** Writes a blob straight to the response with its exact length, never compressed or re-chunked. */
    static void send(Context ctx, Blob blob, boolean withBody) throws IOException {
        ctx.res().setContentLengthLong(blob.size());
        if (withBody) {
            OutputStream out = ctx.res().getOutputStream();
            blob.writeTo(out);
            out.flush();
        }
    }

    private static RegistryError unsupported(HandlerType method) {
        return new RegistryError(405, "UNSUPPORTED", "The registry does not answer " + method + " on this route");
    }

    private static void writeError(Context ctx, RegistryError error) {
        ObjectNode body = AwsJsonCodec.MAPPER.createObjectNode();
        ObjectNode entry = body.putArray("errors").addObject();
        entry.put("code", error.code());
        entry.put("message", error.getMessage());
        ctx.status(error.status()).contentType("application/json");
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body.toString());
        }
    }
}
