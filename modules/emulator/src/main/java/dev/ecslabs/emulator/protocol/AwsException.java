package dev.ecslabs.emulator.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of the emulator: an AWS error code from the service's model, a message for a
 * person, the HTTP status, and any extra members the error shape carries (Cloud Map's
 * {@code NamespaceAlreadyExists} names the existing {@code NamespaceId}, for example).
 * {@link AwsJsonEndpoint} turns it into the wire shape in one place.
 */
public class AwsException extends RuntimeException {
    private final String code;
    private final int status;
    private final Map<String, Object> fields;

    public AwsException(String code, String message) {
        this(code, message, 400);
    }

    public AwsException(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.fields = new LinkedHashMap<>();
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Extra members of the error shape, written beside {@code __type} and the message. */
    public Map<String, Object> fields() {
        return fields;
    }

    public AwsException with(String member, Object value) {
        fields.put(member, value);
        return this;
    }
}
