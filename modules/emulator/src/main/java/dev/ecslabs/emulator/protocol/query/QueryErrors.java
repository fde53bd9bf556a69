package dev.ecslabs.emulator.protocol.query;

import java.util.Set;

/**
 * The errors every AWS Query API shares, which no service model lists: the protocol's own, as the
 * "Common Errors" page of each Query API names them
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/CommonErrors.html).
 */
public final class QueryErrors {
    static final String MISSING_ACTION = "MissingAction";
    static final String INVALID_ACTION = "InvalidAction";
    static final String MISSING_PARAMETER = "MissingParameter";
    static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";
    static final String MALFORMED_QUERY_STRING = "MalformedQueryString";
    static final String VALIDATION_ERROR = "ValidationError";
    /** A caller whose policies do not allow the action (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html). */
    public static final String ACCESS_DENIED = "AccessDenied";
    static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";
    static final String INTERNAL_FAILURE = "InternalFailure";

    /** Codes a Query answer may carry besides the model's own error shapes. */
    public static final Set<String> COMMON = Set.of(MISSING_ACTION, INVALID_ACTION, MISSING_PARAMETER, INVALID_PARAMETER_VALUE,
            MALFORMED_QUERY_STRING, VALIDATION_ERROR, MISSING_AUTHENTICATION_TOKEN, INTERNAL_FAILURE,
            "InvalidParameterCombination", ACCESS_DENIED, "InvalidQueryParameter", "Throttling");

    private QueryErrors() {
    }
}
