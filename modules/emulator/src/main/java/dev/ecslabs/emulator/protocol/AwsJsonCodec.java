package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads and writes the SDK's own model classes as AWS JSON 1.0/1.1 bodies, for every action of
 * every service, by walking {@link SdkPojo#sdkFields()}: member names on the wire are the fields'
 * location names (camelCase for ECS and ECR, PascalCase for Cloud Map), timestamps are epoch
 * seconds with a fraction, blobs are base64, and lists and maps the caller never set are left out.
 */
public final class AwsJsonCodec {
    /** Shared, configured once; writes decimals plainly so timestamps never come out as 1.7E+9. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** The timestamps AWS's ISO 8601 form can write (four-digit years); past them a handler's date arithmetic would overflow. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final BigDecimal EARLIEST_SECONDS = BigDecimal.valueOf(EARLIEST.getEpochSecond());
    private static final BigDecimal LATEST_SECONDS = BigDecimal.valueOf(LATEST.getEpochSecond() + 1);

    private AwsJsonCodec() {
    }

    /** Thrown when a body member has the wrong JSON type for its field; names the member's path. */
    public static final class WrongTypeException extends RuntimeException {
        public WrongTypeException(String message) {
            super(message, null, false, false);
        }
    }

    /** Fills a model builder (for example {@code CreateClusterRequest.builder()}) from a JSON object and builds it. */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode json, SdkBuilder<?, T> builder) {
        readInto(json, (SdkPojo) builder, "");
        return builder.build();
    }

    /** Writes a model object as the JSON object AWS would send. */
    public static ObjectNode write(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode written = writeValue(field, value);
            if (written != null) {
                node.set(field.locationName(), written);
            }
        }
        return node;
    }

    /**
     * Reads the members the model has and ignores any other: a newer SDK may send a member this
     * model does not know yet, and AWS's services take such a call, since adding an optional member
     * to a structure is a backward-compatible change (https://smithy.io/2.0/guides/evolving-models.html,
     * "Updating structures").
     */
    private static void readInto(JsonNode json, SdkPojo builder, String path) {
        if (!json.isObject()) {
            throw wrongType(path, "an object", json);
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode member = json.get(field.locationName());
            if (member == null || member.isNull()) {
                continue;
            }
            field.set(builder, readValue(field, member, join(path, field.locationName())));
        }
    }

    private static Object readValue(SdkField<?> field, JsonNode json, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            if (!json.isTextual()) {
                throw wrongType(path, "a string", json);
            }
            return json.textValue();
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
            if (!json.isIntegralNumber() || !json.canConvertToInt()) {
                throw wrongType(path, "a whole number", json);
            }
            int value = json.intValue();
            if (type == MarshallingType.SHORT) {
                return (short) value;
            }
            return type == MarshallingType.BYTE ? (Object) (byte) value : (Object) value;
        }
        if (type == MarshallingType.LONG) {
            if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                throw wrongType(path, "a whole number", json);
            }
            return json.longValue();
        }
        if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.BIG_DECIMAL) {
            if (!isFiniteNumber(json)) {
                throw wrongType(path, "a finite number", json);
            }
            if (type == MarshallingType.FLOAT) {
                return json.floatValue();
            }
            return type == MarshallingType.DOUBLE ? (Object) json.doubleValue() : json.decimalValue();
        }
        if (type == MarshallingType.BOOLEAN) {
            if (!json.isBoolean()) {
                throw wrongType(path, "true or false", json);
            }
            return json.booleanValue();
        }
        if (type == MarshallingType.INSTANT) {
            return readInstant(json, path);
        }
        if (type == MarshallingType.SDK_BYTES) {
            if (json.isBinary()) { // CBOR carries blobs as byte strings
                try {
                    return SdkBytes.fromByteArray(json.binaryValue());
                } catch (java.io.IOException e) {
                    throw new WrongTypeException("Value at '" + path + "' is not a readable byte string");
                }
            }
            if (!json.isTextual()) {
                throw wrongType(path, "a base64 string", json);
            }
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(json.textValue()));
            } catch (IllegalArgumentException e) {
                throw new WrongTypeException("Value at '" + path + "' is not valid base64");
            }
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            readInto(json, nested, path);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            if (!json.isArray()) {
                throw wrongType(path, "a list", json);
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>(json.size());
            int index = 1;
            for (JsonNode element : json) {
                // A null element is left out: the SDK's lists and the handlers take none, and the validator refuses it in AWS's words.
                if (!element.isNull()) {
                    list.add(readValue(member, element, path + "." + index + ".member"));
                }
                index++;
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!json.isObject()) {
                throw wrongType(path, "a map", json);
            }
            SdkField<?> value = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isNull()) {
                    map.put(entry.getKey(), readValue(value, entry.getValue(), path + "." + entry.getKey()));
                }
            }
            return map;
        }
        if (type == MarshallingType.DOCUMENT) {
            return toDocument(json);
        }
        throw new IllegalStateException("No JSON reading for " + type + " at " + path);
    }

    private static Instant readInstant(JsonNode json, String path) {
        Instant instant;
        if (json.isNumber()) {
            if (!isFiniteNumber(json)) {
                throw outOfRange(path, json);
            }
            instant = fromEpochSeconds(json.decimalValue(), path, json);
        } else if (json.isTextual()) {
            String text = json.textValue();
            if (text.length() > 64) {
                throw wrongType(path, "a timestamp (epoch seconds or ISO 8601)", json);
            }
            try {
                instant = fromEpochSeconds(new BigDecimal(text), path, json);
            } catch (NumberFormatException notANumber) {
                try {
                    instant = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw wrongType(path, "a timestamp (epoch seconds or ISO 8601)", json);
                }
            }
        } else {
            throw wrongType(path, "a timestamp (epoch seconds)", json);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw outOfRange(path, json);
        }
        return instant;
    }

    /** Compared before any conversion: {@code 1e999999999} as a whole number would take forever to build. */
    private static Instant fromEpochSeconds(BigDecimal seconds, String path, JsonNode json) {
        if (seconds.compareTo(EARLIEST_SECONDS) < 0 || seconds.compareTo(LATEST_SECONDS) > 0) {
            throw outOfRange(path, json);
        }
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static WrongTypeException outOfRange(String path, JsonNode json) {
        return wrongType(path, "a timestamp from " + EARLIEST + " to " + LATEST + " (epoch seconds "
                + EARLIEST.getEpochSecond() + " to " + LATEST.getEpochSecond() + ")", json);
    }

    /** Jackson reads a number too large for a double, such as 1e400, as infinity. */
    private static boolean isFiniteNumber(JsonNode json) {
        return json.isNumber() && (!json.isFloatingPointNumber() || json.isBigDecimal() || Double.isFinite(json.doubleValue()));
    }

    private static JsonNode writeValue(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return null;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Short s) {
            return NODES.numberNode(s);
        }
        if (value instanceof Byte b) {
            return NODES.numberNode(b);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Instant instant) {
            if (isIso8601(field)) {
                return NODES.textNode(instant.toString());
            }
            return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        }
        if (value instanceof SdkPojo pojo) {
            return write(pojo);
        }
        if (value instanceof List<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                JsonNode written = writeValue(member, element);
                array.add(written == null ? NODES.nullNode() : written);
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                JsonNode written = writeValue(member, entry.getValue());
                object.set(String.valueOf(entry.getKey()), written == null ? NODES.nullNode() : written);
            }
            return object;
        }
        if (value instanceof Document document) {
            return MAPPER.valueToTree(document.unwrap());
        }
        throw new IllegalStateException("No JSON writing for " + value.getClass() + " in " + field.memberName());
    }

    private static boolean isIso8601(SdkField<?> field) {
        TimestampFormatTrait trait = field.getTrait(TimestampFormatTrait.class);
        return trait != null && trait.format() == TimestampFormatTrait.Format.ISO_8601;
    }

    private static Document toDocument(JsonNode json) {
        if (json.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> map.put(e.getKey(), toDocument(e.getValue())));
            return Document.fromMap(map);
        }
        if (json.isArray()) {
            List<Document> list = new ArrayList<>();
            json.forEach(e -> list.add(toDocument(e)));
            return Document.fromList(list);
        }
        if (json.isTextual()) {
            return Document.fromString(json.textValue());
        }
        if (json.isBoolean()) {
            return Document.fromBoolean(json.booleanValue());
        }
        if (json.isNumber() && isFiniteNumber(json)) {
            return Document.fromNumber(json.decimalValue());
        }
        if (json.isNumber()) {
            throw new WrongTypeException("A document holds a number too large for a double: " + abbreviate(json.toString()));
        }
        return Document.fromNull();
    }

    private static WrongTypeException wrongType(String path, String expected, JsonNode actual) {
        String where = path.isEmpty() ? "The request body" : "Value at '" + path + "'";
        return new WrongTypeException(where + " must be " + expected + ", but it is " + describe(actual));
    }

    private static String describe(JsonNode json) {
        if (json.isTextual()) {
            return "the string \"" + abbreviate(json.textValue()) + "\"";
        }
        if (json.isObject()) {
            return "an object";
        }
        if (json.isArray()) {
            return "a list";
        }
        return json.getNodeType().name().toLowerCase() + " " + abbreviate(json.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
