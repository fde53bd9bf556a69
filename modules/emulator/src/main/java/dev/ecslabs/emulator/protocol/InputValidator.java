package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Gives every action AWS's basic input checks before its handler runs, driven by the constraints
 * the service model carries: required members, enum values, string lengths, list and map sizes,
 * number ranges and patterns. Violations are reported in AWS's words ("1 validation error
 * detected: Value null at 'taskDefinition' failed to satisfy constraint: Member must not be null")
 * with the service's own validation error code.
 */
public final class InputValidator {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final int MAX_REPORTED = 5;

    private final ServiceModel model;

    public InputValidator(ServiceModel model) {
        this.model = model;
    }

    /** Throws an {@link AwsException} listing the violations, if there are any. */
    public void validate(String action, JsonNode input) {
        List<String> violations = new ArrayList<>();
        model.inputShapeName(action).ifPresent(shape -> check(shape, input, "", violations));
        if (violations.isEmpty()) {
            return;
        }
        int count = violations.size();
        String message = count + (count == 1 ? " validation error detected: " : " validation errors detected: ")
                + String.join("; ", violations.subList(0, Math.min(count, MAX_REPORTED)));
        throw new AwsException(model.service().validationErrorCode(), message);
    }

    private void check(String shapeName, JsonNode value, String path, List<String> violations) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> checkStructure(shape, value, path, violations);
            case "list" -> checkList(shape, value, path, violations);
            case "map" -> checkMap(shape, value, path, violations);
            case "string" -> checkString(shape, value, path, violations);
            case "integer", "long" -> checkRange(shape, value, path, violations);
            default -> {
                // booleans, timestamps, blobs, doubles: the codec already checked their JSON type
            }
        }
    }

    private void checkStructure(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isObject()) {
            return;
        }
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                violations.add("Value null at '" + join(path, required.asText())
                        + "' failed to satisfy constraint: Member must not be null");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String wireName = member.getValue().path("locationName").asText(member.getKey());
            JsonNode memberValue = value.get(wireName);
            if (memberValue != null && !memberValue.isNull()) {
                check(member.getValue().path("shape").asText(), memberValue, join(path, wireName), violations);
            }
        }
    }

    private void checkList(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isArray()) {
            return;
        }
        checkSize(shape, value.size(), value, path, violations);
        String memberShape = shape.path("member").path("shape").asText();
        int index = 1;
        for (JsonNode element : value) {
            if (!element.isNull()) {
                check(memberShape, element, path + "." + index + ".member", violations);
            }
            index++;
        }
    }

    private void checkMap(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isObject()) {
            return;
        }
        checkSize(shape, value.size(), value, path, violations);
        String keyShape = shape.path("key").path("shape").asText();
        String valueShape = shape.path("value").path("shape").asText();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            check(keyShape, TextNode.valueOf(entry.getKey()), path + ".key", violations);
            if (!entry.getValue().isNull()) {
                check(valueShape, entry.getValue(), path + "." + entry.getKey(), violations);
            }
        }
    }

    private void checkSize(JsonNode shape, int size, JsonNode value, String path, List<String> violations) {
        if (shape.has("min") && size < shape.get("min").asLong()) {
            violations.add(describe(value, path) + "Member must have length greater than or equal to " + shape.get("min").asLong());
        }
        if (shape.has("max") && size > shape.get("max").asLong()) {
            violations.add(describe(value, path) + "Member must have length less than or equal to " + shape.get("max").asLong());
        }
    }

    private void checkString(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isTextual()) {
            return;
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        checkSize(shape, length, value, path, violations);
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                violations.add(describe(value, path) + "Member must satisfy enum value set: " + allowed);
            }
        }
        if (shape.has("pattern")) {
            Pattern pattern = pattern(shape.get("pattern").asText());
            if (pattern != null && !pattern.matcher(text).find()) {
                violations.add(describe(value, path) + "Member must satisfy regular expression pattern: "
                        + shape.get("pattern").asText());
            }
        }
    }

    private void checkRange(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isNumber()) {
            return;
        }
        if (shape.has("min") && value.asLong() < shape.get("min").asLong()) {
            violations.add(describe(value, path) + "Member must have value greater than or equal to " + shape.get("min").asLong());
        }
        if (shape.has("max") && value.asLong() > shape.get("max").asLong()) {
            violations.add(describe(value, path) + "Member must have value less than or equal to " + shape.get("max").asLong());
        }
    }

    /**
     * AWS model patterns are ECMA-262 expressions that are not implicitly anchored; the few that
     * Java cannot compile are skipped rather than guessed at.
     */
    private static Pattern pattern(String regex) {
        Pattern cached = PATTERNS.get(regex);
        if (cached != null) {
            return cached;
        }
        try {
            Pattern compiled = Pattern.compile(regex);
            PATTERNS.put(regex, compiled);
            return compiled;
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static String describe(JsonNode value, String path) {
        String shown = value.isTextual() ? "'" + value.textValue() + "'" : value.isContainerNode() ? "'" + value + "'" : value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...'";
        }
        return "Value " + shown + " at '" + path + "' failed to satisfy constraint: ";
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
