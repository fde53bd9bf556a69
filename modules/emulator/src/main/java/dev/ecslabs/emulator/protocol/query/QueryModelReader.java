package dev.ecslabs.emulator.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.ServiceModel;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Query form by the service model alone, for an action the emulator does not serve (it has
 * no request class registered): enough for the model's checks to run first, as AWS runs them,
 * before the call learns that the action is not served. Values that are not numbers or booleans
 * where the model wants them stay text, which the checks pass over.
 */
final class QueryModelReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryModelReader() {
    }

    static ObjectNode read(ServiceModel model, String action, QueryForm.Node root) {
        return model.inputShapeName(action).map(shape -> (ObjectNode) value(model, shape, root))
                .orElseGet(NODES::objectNode);
    }

    private static JsonNode value(ServiceModel model, String shapeName, QueryForm.Node node) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    String wireName = member.getValue().path("locationName").asText(member.getKey());
                    QueryForm.Node child = node.child(wireName);
                    if (child != null) {
                        object.set(wireName, value(model, member.getValue().path("shape").asText(), child));
                    }
                }
                return object;
            }
            case "list" -> {
                ArrayNode array = NODES.arrayNode();
                QueryForm.Node items = shape.path("flattened").asBoolean(false) ? node
                        : node.child(shape.path("member").path("locationName").asText("member"));
                if (items != null) {
                    numbered(items).values().forEach(item -> array.add(value(model, shape.path("member").path("shape").asText(), item)));
                }
                return array;
            }
            case "map" -> {
                ObjectNode object = NODES.objectNode();
                QueryForm.Node entries = shape.path("flattened").asBoolean(false) ? node : node.child("entry");
                if (entries != null) {
                    for (QueryForm.Node entry : numbered(entries).values()) {
                        QueryForm.Node key = entry.child(shape.path("key").path("locationName").asText("key"));
                        QueryForm.Node value = entry.child(shape.path("value").path("locationName").asText("value"));
                        if (key != null && key.value() != null && value != null) {
                            object.set(key.value(), value(model, shape.path("value").path("shape").asText(), value));
                        }
                    }
                }
                return object;
            }
            default -> {
                String text = node.value() == null ? "" : node.value();
                String type = shape.path("type").asText();
                try {
                    if (type.equals("integer") || type.equals("long")) {
                        return NODES.numberNode(Long.parseLong(text));
                    }
                } catch (NumberFormatException e) {
                    return NODES.textNode(text);
                }
                if (type.equals("boolean") && (text.equals("true") || text.equals("false"))) {
                    return NODES.booleanNode(Boolean.parseBoolean(text));
                }
                return NODES.textNode(text);
            }
        }
    }

    private static Map<Integer, QueryForm.Node> numbered(QueryForm.Node node) {
        Map<Integer, QueryForm.Node> byIndex = new TreeMap<>();
        for (Map.Entry<String, QueryForm.Node> child : node.children()) {
            try {
                byIndex.put(Integer.parseInt(child.getKey()), child.getValue());
            } catch (NumberFormatException e) {
                // not an element: the validator has nothing to say about it, and the action is not served anyway
            }
        }
        return byIndex;
    }
}
