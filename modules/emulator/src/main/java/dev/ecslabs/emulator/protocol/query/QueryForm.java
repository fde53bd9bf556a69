package dev.ecslabs.emulator.protocol.query;

import dev.ecslabs.emulator.protocol.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of an AWS Query call, {@code application/x-www-form-urlencoded}, as a tree of its dotted
 * names: {@code Subnets.member.1=subnet-a&Tags.member.1.Key=team} is the node {@code Subnets} with a
 * child {@code member} with a child {@code 1} holding {@code subnet-a}, and so on. Reading a request
 * then follows the SDK's fields down the tree instead of searching every name for every field.
 */
final class QueryForm {
    /** More than any call of these APIs sends (a CloudWatch PutMetricData of 1,000 data points sends about 6,000). */
    static final int MAX_PARAMETERS = 10_000;
    /** The deepest a name of these models nests (structures in lists in structures …) is far below this. */
    static final int MAX_DEPTH = 32;

    private final Node root = new Node();

    /** One dotted name's part: a value where the form gave one, children where longer names continue it. */
    static final class Node {
        private String value;
        private Map<String, Node> children;

        String value() {
            return value;
        }

        Node child(String name) {
            return children == null ? null : children.get(name);
        }

        Collection<Map.Entry<String, Node>> children() {
            return children == null ? java.util.List.of() : children.entrySet();
        }

        boolean hasChildren() {
            return children != null && !children.isEmpty();
        }

        private Node childOrNew(String name) {
            if (children == null) {
                children = new LinkedHashMap<>();
            }
            return children.computeIfAbsent(name, n -> new Node());
        }
    }

    private QueryForm() {
    }

    /**
     * Parses a form body; a malformed one is AWS's {@code MalformedQueryString} (HTTP 404, as the
     * common errors of every Query API document it).
     */
    static QueryForm parse(byte[] body) {
        QueryForm form = new QueryForm();
        int count = 0;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                if (++count > MAX_PARAMETERS) {
                    throw malformed("The request has more than " + MAX_PARAMETERS + " parameters.");
                }
                int equals = indexOf(body, (byte) '=', start);
                String name = decode(body, start, Math.min(equals, end));
                String value = equals < end ? decode(body, equals + 1, end) : "";
                form.put(name, value);
            }
            start = end + 1;
        }
        return form;
    }

    Node root() {
        return root;
    }

    /** A top-level parameter's value, such as {@code Action} or {@code Version}; null when absent. */
    String get(String name) {
        Node node = root.child(name);
        return node == null ? null : node.value;
    }

    private void put(String name, String value) {
        if (name.isEmpty()) {
            throw malformed("The request has a parameter without a name (\"=" + abbreviate(value) + "\").");
        }
        Node node = root;
        int depth = 0;
        int from = 0;
        while (true) {
            int dot = name.indexOf('.', from);
            String part = dot < 0 ? name.substring(from) : name.substring(from, dot);
            if (part.isEmpty() || ++depth > MAX_DEPTH) {
                throw malformed("The parameter name '" + abbreviate(name) + "' is not a dotted AWS Query name "
                        + "such as Subnets.member.1 (an empty part, or nested deeper than " + MAX_DEPTH + ").");
            }
            node = node.childOrNew(part);
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        if (node.value != null) {
            throw malformed("The parameter '" + abbreviate(name) + "' is given twice; give each parameter once.");
        }
        node.value = value;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
            if (wanted == '=' && bytes[i] == '&') {
                return i;
            }
        }
        return bytes.length;
    }

    /** Percent-decoding ({@code +} is a space) of UTF-8 bytes; a bad escape or invalid UTF-8 is refused. */
    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to || Character.digit(body[i + 1], 16) < 0 || Character.digit(body[i + 2], 16) < 0) {
                    throw malformed("The request body has a bad percent escape at offset " + i
                            + ": '%' must be followed by two hexadecimal digits.");
                }
                out.write(Character.digit(body[i + 1], 16) * 16 + Character.digit(body[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed("The request body is not UTF-8 once percent-decoded (bytes " + from + " to " + to
                    + "); a form must encode its text as UTF-8.");
        }
    }

    static AwsException malformed(String message) {
        return new AwsException(QueryErrors.MALFORMED_QUERY_STRING, message, 404);
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
