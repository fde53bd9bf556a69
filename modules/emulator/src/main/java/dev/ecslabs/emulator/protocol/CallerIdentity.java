package dev.ecslabs.emulator.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is calling, read from the SigV4 {@code Authorization} header without checking the
 * signature: a 12-digit access key id is the account id (so a classroom can share one emulator,
 * each learner with a key of their own), any other key is the default account; the region is the
 * one in the credential scope.
 */
public record CallerIdentity(String accessKeyId, String accountId, String region) {
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final int MAX_AUTHORIZATION_LENGTH = 8192;

    public static CallerIdentity fromAuthorization(String authorization) {
        return fromSigV4(authorization).orElseGet(() -> new CallerIdentity(null, DEFAULT_ACCOUNT, DEFAULT_REGION));
    }

    /** The caller a SigV4 {@code Authorization} header names; empty when the header has no {@code Credential=} scope. */
    public static Optional<CallerIdentity> fromSigV4(String authorization) {
        // Bounded before the pattern runs: a SigV4 header is a few hundred characters, never kilobytes.
        if (authorization != null && authorization.length() <= MAX_AUTHORIZATION_LENGTH) {
            Matcher matcher = CREDENTIAL.matcher(authorization);
            if (matcher.find()) {
                return Optional.of(of(matcher.group(1), matcher.group(2)));
            }
        }
        return Optional.empty();
    }

    /**
     * The service a SigV4 {@code Authorization} header was signed for (the credential scope's third
     * part, {@code elasticloadbalancing} in {@code Credential=AKID/20261203/us-east-1/elasticloadbalancing/aws4_request}):
     * what names the service of an AWS Query call, whose body names only the action.
     */
    public static Optional<String> signingName(String authorization) {
        if (authorization != null && authorization.length() <= MAX_AUTHORIZATION_LENGTH) {
            Matcher matcher = CREDENTIAL.matcher(authorization);
            if (matcher.find()) {
                return Optional.of(matcher.group(3));
            }
        }
        return Optional.empty();
    }

    /** The role session the credentials belong to, if they are a session's (STS AssumeRole). */
    public Optional<SessionCredentials.Session> session() {
        return SessionCredentials.find(accessKeyId);
    }

    /** Whether {@code value} is an AWS account id: exactly 12 digits. */
    public static boolean isAccountId(String value) {
        return value != null && ACCOUNT_ID.matcher(value).matches();
    }

    public static CallerIdentity of(String accessKeyId, String region) {
        // a role session's key (STS AssumeRole) is its role's account
        String account = SessionCredentials.find(accessKeyId).map(SessionCredentials.Session::accountId)
                .orElse(isAccountId(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT);
        return new CallerIdentity(accessKeyId, account, region == null ? DEFAULT_REGION : region);
    }
}
