package dev.ecslabs.emulator.protocol.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes AWS Query answers as XML, walking the SDK's response object by its fields' wire names:
 * {@code <ActionResponse xmlns="…"><ActionResult>…</ActionResult><ResponseMetadata><RequestId>…},
 * lists as {@code <Name><member>…</member></Name>}, maps as {@code <entry><key/><value/></entry>},
 * timestamps in ISO 8601, and errors as {@code <ErrorResponse><Error><Type>Sender</Type><Code>…}.
 * Lists and maps the handler never set are left out, as AWS leaves out what it has not got.
 */
final class QueryXmlWriter {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private QueryXmlWriter() {
    }

    /** The success answer; {@code resultWrapper} null for an action that answers only its metadata. */
    static String response(String action, String namespace, String resultWrapper, SdkPojo result, String requestId) {
        StringBuilder xml = new StringBuilder(512).append(DECLARATION);
        xml.append('<').append(action).append("Response xmlns=\"").append(escape(namespace)).append("\">");
        if (resultWrapper != null) {
            xml.append('<').append(resultWrapper).append('>');
            fields(xml, result);
            xml.append("</").append(resultWrapper).append('>');
        }
        xml.append("<ResponseMetadata><RequestId>").append(escape(requestId)).append("</RequestId></ResponseMetadata>");
        return xml.append("</").append(action).append("Response>").toString();
    }

    /** The error answer: {@code Sender} for the caller's fault (4xx), {@code Receiver} for the emulator's (5xx). */
    static String error(String namespace, String code, String message, boolean senderFault, String requestId) {
        StringBuilder xml = new StringBuilder(256).append(DECLARATION);
        xml.append("<ErrorResponse xmlns=\"").append(escape(namespace)).append("\"><Error><Type>")
                .append(senderFault ? "Sender" : "Receiver").append("</Type><Code>").append(escape(code))
                .append("</Code><Message>").append(escape(message)).append("</Message></Error><RequestId>")
                .append(escape(requestId)).append("</RequestId></ErrorResponse>");
        return xml.toString();
    }

    private static void fields(StringBuilder xml, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            element(xml, field, name(field), field.getValueOrDefault(pojo));
        }
    }

    private static String name(SdkField<?> field) {
        String name = field.unmarshallLocationName();
        return name != null ? name : field.locationName();
    }

    private static void element(StringBuilder xml, SdkField<?> field, String name, Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return;
        }
        if (value instanceof List<?> list) {
            ListTrait trait = field.getTrait(ListTrait.class);
            SdkField<?> member = trait.memberFieldInfo();
            if (trait.isFlattened()) {
                list.forEach(element -> element(xml, member, name, element));
                return;
            }
            String memberName = trait.memberLocationName() != null ? trait.memberLocationName() : "member";
            open(xml, name);
            list.forEach(element -> element(xml, member, memberName, element));
            close(xml, name);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            MapTrait trait = field.getTrait(MapTrait.class);
            if (!trait.isFlattened()) {
                open(xml, name);
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                open(xml, trait.isFlattened() ? name : "entry");
                open(xml, trait.keyLocationName());
                xml.append(escape(String.valueOf(entry.getKey())));
                close(xml, trait.keyLocationName());
                element(xml, trait.valueFieldInfo(), trait.valueLocationName(), entry.getValue());
                close(xml, trait.isFlattened() ? name : "entry");
            }
            if (!trait.isFlattened()) {
                close(xml, name);
            }
            return;
        }
        open(xml, name);
        if (value instanceof SdkPojo pojo) {
            fields(xml, pojo);
        } else {
            xml.append(escape(scalar(value)));
        }
        close(xml, name);
    }

    private static String scalar(Object value) {
        if (value instanceof Instant instant) {
            // ISO 8601 with milliseconds, as AWS writes them: 2026-12-03T09:25:00.000Z
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS))
                    .replaceFirst("(T\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
        }
        if (value instanceof SdkBytes bytes) {
            return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    private static void open(StringBuilder xml, String name) {
        xml.append('<').append(name).append('>');
    }

    private static void close(StringBuilder xml, String name) {
        xml.append("</").append(name).append('>');
    }

    /**
     * Text and attribute escaping; characters XML 1.0 cannot hold at all (most control characters,
     * lone surrogates) become U+FFFD rather than a document no parser reads.
     */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\r' -> "&#13;";
                default -> allowed(text, i) ? null : "\uFFFD";
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean allowed(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n';
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c != 0xFFFE && c != 0xFFFF;
    }
}
