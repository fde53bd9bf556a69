package dev.ecslabs.emulator.protocol;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Plain {@code java.net.http} requests to the emulator's {@code /_emulator/*} routes, signed with
 * the AWS SDK's own SigV4 signer the way the SDK signs every AWS call, so that the route reads the
 * caller's account and region from them (see {@link CallerRoute}). For the dashboard, labkit and tests.
 */
public final class SignedRequests {
    /** The signing name the routes' credential scope carries; the emulator reads only the key and region. */
    public static final String SIGNING_NAME = "ecs";
    /** Headers {@code java.net.http} sets itself and refuses from the caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private SignedRequests() {
    }

    /** A bodiless {@code method} request to {@code uri}, signed for {@code region} with the given keys. */
    public static HttpRequest.Builder signed(String method, URI uri, String accessKeyId, String secretAccessKey,
                                             String region) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return request;
    }
}
