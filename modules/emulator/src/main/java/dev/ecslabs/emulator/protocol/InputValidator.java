package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every action AWS's basic input checks before its handler runs, driven by the constraints
 * the service model carries: required members, enum values, string lengths, list and map sizes,
 * number ranges and patterns. Violations are reported in AWS's words ("1 validation error
 * detected: Value null at 'taskDefinition' failed to satisfy constraint: Member must not be null")
 * with the service's own validation error code.
 */
public final class InputValidator {
    private static final Logger LOG = LoggerFactory.getLogger(InputValidator.class);
    private static final Map<String, Optional<ModelPattern>> PATTERNS = new ConcurrentHashMap<>();
    private static final int MAX_REPORTED = 5;

    private final ServiceModel model;

    public InputValidator(ServiceModel model) {
        this.model = model;
    }

    /** Throws an {@link AwsException} listing the violations, if there are any. */
    public void validate(String action, JsonNode input) {
        Violations violations = new Violations();
        model.inputShapeName(action).ifPresent(shape -> check(shape, input, "", violations));
        if (violations.count == 0) {
            return;
        }
        String message = violations.count + (violations.count == 1 ? " validation error detected: " : " validation errors detected: ")
                + String.join("; ", violations.reported);
        String service = model.service().validationErrorCode();
        throw new AwsException(model.errorFor(action, service, "ValidationException", "InvalidParameterException",
                "InvalidInput", "ClientException"), message);
    }

    /** Counts every violation but keeps the words of the first few only, so a million bad elements cost no more memory than five. */
    private static final class Violations {
        final List<String> reported = new ArrayList<>();
        int count;

        void add(Supplier<String> violation) {
            count++;
            if (reported.size() < MAX_REPORTED) {
                reported.add(violation.get());
            }
        }
    }

    private void check(String shapeName, JsonNode value, String path, Violations violations) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> checkStructure(shape, value, path, violations);
            case "list" -> checkList(shape, value, path, violations);
            case "map" -> checkMap(shape, value, path, violations);
            case "string" -> checkString(shape, value, path, violations);
            case "integer", "long" -> checkRange(shape, value, path, violations);
            default -> {
                // booleans, timestamps, blobs, doubles: the codec already checked their JSON type and range
            }
        }
    }

    private void checkStructure(JsonNode shape, JsonNode value, String path, Violations violations) {
        if (!value.isObject()) {
            return;
        }
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                violations.add(() -> mustNotBeNull(join(path, required.asText())));
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

    private void checkList(JsonNode shape, JsonNode value, String path, Violations violations) {
        if (!value.isArray()) {
            return;
        }
        checkSize(shape, value.size(), value, path, violations);
        String memberShape = shape.path("member").path("shape").asText();
        boolean sparse = shape.path("sparse").asBoolean(false);
        int index = 1;
        for (JsonNode element : value) {
            String elementPath = path + "." + index + ".member";
            if (!element.isNull()) {
                check(memberShape, element, elementPath, violations);
            } else if (!sparse) {
                // AWS's lists hold no nulls unless the model calls them sparse; the codec leaves nulls out, so say so here
                violations.add(() -> mustNotBeNull(elementPath));
            }
            index++;
        }
    }

    private void checkMap(JsonNode shape, JsonNode value, String path, Violations violations) {
        if (!value.isObject()) {
            return;
        }
        checkSize(shape, value.size(), value, path, violations);
        String keyShape = shape.path("key").path("shape").asText();
        String valueShape = shape.path("value").path("shape").asText();
        boolean sparse = shape.path("sparse").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            check(keyShape, TextNode.valueOf(entry.getKey()), path + ".key", violations);
            String valuePath = path + "." + entry.getKey();
            if (!entry.getValue().isNull()) {
                check(valueShape, entry.getValue(), valuePath, violations);
            } else if (!sparse) {
                violations.add(() -> mustNotBeNull(valuePath));
            }
        }
    }

    /** Whether the size was within the model's bounds. */
    private boolean checkSize(JsonNode shape, long size, JsonNode value, String path, Violations violations) {
        if (shape.has("min") && size < shape.get("min").asLong()) {
            violations.add(() -> describe(value, path) + "Member must have length greater than or equal to " + shape.get("min").asLong());
            return false;
        }
        if (shape.has("max") && size > shape.get("max").asLong()) {
            violations.add(() -> describe(value, path) + "Member must have length less than or equal to " + shape.get("max").asLong());
            return false;
        }
        return true;
    }

    private void checkString(JsonNode shape, JsonNode value, String path, Violations violations) {
        if (!value.isTextual()) {
            return;
        }
        String text = value.textValue();
        // The length first: a value past its bound is refused without running an expression over it.
        if (!checkSize(shape, text.codePointCount(0, text.length()), value, path, violations)) {
            return;
        }
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                violations.add(() -> describe(value, path) + "Member must satisfy enum value set: " + allowed);
            }
        }
        if (shape.has("pattern")) {
            Optional<ModelPattern> pattern = pattern(shape.get("pattern").asText());
            if (pattern.isPresent() && !pattern.get().find(text)) {
                violations.add(() -> describe(value, path) + "Member must satisfy regular expression pattern: "
                        + shape.get("pattern").asText());
            }
        }
    }

    private void checkRange(JsonNode shape, JsonNode value, String path, Violations violations) {
        if (!value.isNumber()) {
            return;
        }
        if (shape.has("min") && value.asLong() < shape.get("min").asLong()) {
            violations.add(() -> describe(value, path) + "Member must have value greater than or equal to " + shape.get("min").asLong());
        }
        if (shape.has("max") && value.asLong() > shape.get("max").asLong()) {
            violations.add(() -> describe(value, path) + "Member must have value less than or equal to " + shape.get("max").asLong());
        }
    }

    /**
     * Model patterns are ECMA-262 expressions, not implicitly anchored, matched in linear time by
     * {@link ModelPattern}; one it cannot compile is skipped rather than matched by a backtracking
     * engine (ModelPatternTest compiles every pattern of every served model, so none is).
     */
    static Optional<ModelPattern> pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> {
            try {
                return Optional.of(ModelPattern.compile(r));
            } catch (IllegalArgumentException e) {
                LOG.warn("Not checking the pattern {}: {}", r, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static String mustNotBeNull(String path) {
        return "Value null at '" + path + "' failed to satisfy constraint: Member must not be null";
    }

    private static String describe(JsonNode value, String path) {
        String shown = value.isTextual() ? "'" + abbreviate(value.textValue()) + "'"
                : value.isContainerNode() ? "'" + abbreviate(value.toString()) + "'" : value.toString();
        return "Value " + shown + " at '" + path + "' failed to satisfy constraint: ";
    }

    private static String abbreviate(String text) {
        return text.length() <= 78 ? text : text.substring(0, 76) + "...";
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
