package dev.ecslabs.emulator.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Reads an AWS Query form into the JSON form of the SDK's request object, led by the SDK's own field
 * metadata as its Query marshaller writes the wire: a member at {@code Prefix.<locationName>}, a list's
 * elements at {@code Name.member.N} ({@code Name.N} when flattened; an empty list is {@code Name=}),
 * a map's entries at {@code Name.entry.N.key} / {@code .value} ({@code Name.N.key} when flattened),
 * text for every scalar. The JSON is then read by {@link AwsJsonCodec} and checked against the model
 * by the same validator as every JSON call. Names no field takes are ignored, as AWS ignores them.
 */
final class QueryRequestReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private QueryRequestReader() {
    }

    /** Thrown for a value that is not what its field takes (a word where a number goes); names its parameter. */
    static final class WrongValueException extends RuntimeException {
        WrongValueException(String message) {
            super(message, null, false, false);
        }
    }

    static ObjectNode read(QueryForm.Node root, List<SdkField<?>> fields) {
        return structure(root, fields, "");
    }

    private static ObjectNode structure(QueryForm.Node node, List<SdkField<?>> fields, String path) {
        ObjectNode json = NODES.objectNode();
        for (SdkField<?> field : fields) {
            QueryForm.Node member = node.child(field.locationName());
            if (member != null) {
                json.set(field.locationName(), value(field, member, join(path, field.locationName())));
            }
        }
        return json;
    }

    private static JsonNode value(SdkField<?> field, QueryForm.Node node, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            return structure(node, nested.sdkFields(), path);
        }
        if (type == MarshallingType.LIST) {
            return list(field.getTrait(ListTrait.class), node, path);
        }
        if (type == MarshallingType.MAP) {
            return map(field.getTrait(MapTrait.class), node, path);
        }
        String text = node.value();
        if (text == null) {
            throw new WrongValueException("The parameter " + path + " must have a value of its own, but only names under it ("
                    + path + "." + node.children().iterator().next().getKey() + "…) were given.");
        }
        if (type == MarshallingType.STRING || type == MarshallingType.INSTANT || type == MarshallingType.SDK_BYTES) {
            return NODES.textNode(text); // the codec reads ISO 8601 and base64 from text, and says what is wrong
        }
        if (type == MarshallingType.BOOLEAN) {
            if (text.equals("true") || text.equals("false")) {
                return NODES.booleanNode(Boolean.parseBoolean(text));
            }
            throw wrong(path, text, "true or false");
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT
                || type == MarshallingType.BYTE) {
            try {
                long number = Long.parseLong(text);
                if (type != MarshallingType.LONG && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                    throw wrong(path, text, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
                }
                return NODES.numberNode(number);
            } catch (NumberFormatException e) {
                throw wrong(path, text, "a whole number");
            }
        }
        if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.BIG_DECIMAL) {
            try {
                BigDecimal number = text.length() > 64 ? null : new BigDecimal(text);
                if (number == null) {
                    throw wrong(path, text, "a number");
                }
                return NODES.numberNode(number);
            } catch (NumberFormatException e) {
                throw wrong(path, text, "a number");
            }
        }
        throw new WrongValueException("The parameter " + path + " has a type (" + type + ") AWS Query does not carry.");
    }

    private static JsonNode list(ListTrait trait, QueryForm.Node node, String path) {
        ArrayNode array = NODES.arrayNode();
        QueryForm.Node items = trait.isFlattened() ? node : node.child(trait.memberFieldInfo().locationName());
        if (items == null) {
            if (node.hasChildren()) {
                throw new WrongValueException("The list " + path + " takes its elements as " + path + "."
                        + trait.memberFieldInfo().locationName() + ".1, " + path + "." + trait.memberFieldInfo().locationName()
                        + ".2, …");
            }
            return array; // Name= : the empty list
        }
        String itemPath = trait.isFlattened() ? path : path + "." + trait.memberFieldInfo().locationName();
        for (Map.Entry<Integer, QueryForm.Node> item : numbered(items, itemPath).entrySet()) {
            array.add(value(trait.memberFieldInfo(), item.getValue(), itemPath + "." + item.getKey()));
        }
        return array;
    }

    private static JsonNode map(MapTrait trait, QueryForm.Node node, String path) {
        ObjectNode object = NODES.objectNode();
        QueryForm.Node entries = trait.isFlattened() ? node : node.child("entry");
        if (entries == null) {
            return object;
        }
        String entryPath = trait.isFlattened() ? path : path + ".entry";
        for (Map.Entry<Integer, QueryForm.Node> entry : numbered(entries, entryPath).entrySet()) {
            String at = entryPath + "." + entry.getKey();
            QueryForm.Node key = entry.getValue().child(trait.keyLocationName());
            QueryForm.Node value = entry.getValue().child(trait.valueLocationName());
            if (key == null || key.value() == null) {
                throw new WrongValueException("The map entry " + at + " has no " + at + "." + trait.keyLocationName() + ".");
            }
            object.set(key.value(), value == null ? NODES.nullNode()
                    : value(trait.valueFieldInfo(), value, at + "." + trait.valueLocationName()));
        }
        return object;
    }

    /** The children named 1, 2, 3 … in their numeric order; any other name under a list is refused. */
    private static Map<Integer, QueryForm.Node> numbered(QueryForm.Node node, String path) {
        Map<Integer, QueryForm.Node> byIndex = new TreeMap<>();
        for (Map.Entry<String, QueryForm.Node> child : node.children()) {
            int index;
            try {
                index = Integer.parseInt(child.getKey());
            } catch (NumberFormatException e) {
                index = 0;
            }
            if (index < 1) {
                throw new WrongValueException("The parameter " + path + "." + QueryForm.abbreviate(child.getKey())
                        + " is not a list element: elements are numbered from 1, as " + path + ".1.");
            }
            byIndex.put(index, child.getValue());
        }
        return byIndex;
    }

    private static WrongValueException wrong(String path, String text, String expected) {
        return new WrongValueException("Value '" + QueryForm.abbreviate(text) + "' at '" + path + "' must be " + expected + ".");
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
