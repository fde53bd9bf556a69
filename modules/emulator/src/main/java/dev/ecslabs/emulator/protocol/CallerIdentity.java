package dev.ecslabs.emulator.protocol;

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

    public static CallerIdentity fromAuthorization(String authorization) {
        if (authorization != null) {
            Matcher matcher = CREDENTIAL.matcher(authorization);
            if (matcher.find()) {
                return of(matcher.group(1), matcher.group(2));
            }
        }
        return new CallerIdentity(null, DEFAULT_ACCOUNT, DEFAULT_REGION);
    }

    public static CallerIdentity of(String accessKeyId, String region) {
        String account = accessKeyId != null && ACCOUNT_ID.matcher(accessKeyId).matches() ? accessKeyId : DEFAULT_ACCOUNT;
        return new CallerIdentity(accessKeyId, account, region == null ? DEFAULT_REGION : region);
    }
}
