package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes, from a service model alone, one request of each class of bad input for an operation: a
 * body that is well-formed for the action except for one fault (a member too long, a null list
 * element, …), so that the emulator must find exactly that fault. Services added to the emulator
 * later are covered without a change here.
 */
final class BadInputCases {
    /** The classes of bad input that issue 14 names. */
    enum Kind {
        MISSING_REQUIRED, WRONG_TYPE, NULL_MEMBER, NULL_LIST_ELEMENT, TOO_LONG, TOO_SHORT, OUT_OF_RANGE, BAD_ENUM,
        BAD_PATTERN, UNKNOWN_MEMBER, HUGE_ARRAY, TRUNCATED_JSON, TRAILING_BYTES, EMPTY_BODY
    }

    /** One bad request, and words its answer's message must hold (null when any 4xx will do). */
    record Case(AwsService service, String action, Kind kind, byte[] body, String expected) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return service + " " + action + " " + kind + " " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int HUGE_ARRAY_BYTES = 512 << 10;
    private static final String[] CANDIDATES = {"a", "abc", "default", "a1", "my-name", "ROOT", "000000000000",
            "example.com", "sha256:" + "a".repeat(64), "12345678-1234-1234-1234-123456789012",
            "arn:aws:ecs:us-east-1:000000000000:cluster/default", "arn:aws:iam::000000000000:role/r",
            "arn:aws:kms:us-east-1:000000000000:key/a1", "arn:aws:signer:us-east-1:000000000000:/signing-profiles/ab",
            "arn:aws:secretsmanager:us-east-1:000000000000:secret:ecr-pullthroughcache/a", "ns-abcdefghijklmnop", "srv-abcdefghijklmnop", "a/b", "AB"};
    private static final String[] NOT_MATCHING = {"!", " ", "\u0000", "%", "\u00e9", "A", "a", "-", "0", "."};

    private final AwsService service;
    private final ServiceModel model;

    BadInputCases(AwsService service) {
        this.service = service;
        this.model = ServiceModel.of(service);
    }

    Optional<Case> make(String action, Kind kind) {
        Optional<String> input = model.inputShapeName(action);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        String root = input.get();
        JsonNode shape = model.shape(root);
        List<String> required = new ArrayList<>();
        shape.path("required").forEach(r -> required.add(r.asText()));
        return switch (kind) {
            case MISSING_REQUIRED -> required.isEmpty() ? Optional.empty() : Optional.of(json(action, kind,
                    without((ObjectNode) valid(root, 0), wire(shape, required.get(0))),
                    "Value null at '" + wire(shape, required.get(0)) + "'"));
            case NULL_MEMBER -> required.isEmpty() ? Optional.empty() : Optional.of(json(action, kind,
                    ((ObjectNode) valid(root, 0)).putNull(wire(shape, required.get(0))),
                    "Value null at '" + wire(shape, required.get(0)) + "'"));
            case EMPTY_BODY -> required.isEmpty() ? Optional.empty()
                    : Optional.of(new Case(service, action, kind, new byte[0], "Member must not be null"));
            case WRONG_TYPE -> path(root, s -> true).map(p -> json(action, kind, with(root, p, wrongType(target(root, p))), "must be"));
            case NULL_LIST_ELEMENT -> path(root, s -> type(s).equals("list"))
                    .map(p -> json(action, kind, with(root, p, JSON.arrayNode().addNull()), "Member must not be null"));
            case TOO_LONG -> path(root, s -> type(s).equals("string") && s.has("max") && s.get("max").asLong() < (1 << 20))
                    .map(p -> json(action, kind, with(root, p, JSON.textNode("a".repeat(target(root, p).get("max").asInt() + 1))),
                            "Member must have length less than or equal to"));
            case TOO_SHORT -> path(root, s -> (type(s).equals("string") || type(s).equals("list")) && s.path("min").asLong() > 0)
                    .map(p -> json(action, kind, with(root, p, tooShort(target(root, p))), "Member must have length greater than or equal to"));
            case OUT_OF_RANGE -> path(root, s -> (type(s).equals("integer") || type(s).equals("long")) && (s.has("max") || s.has("min")))
                    .map(p -> json(action, kind, with(root, p, outOfRange(target(root, p))), "Member must have value"));
            case BAD_ENUM -> path(root, s -> type(s).equals("string") && s.has("enum"))
                    .map(p -> json(action, kind, with(root, p, JSON.textNode("NOT_AN_ENUM_VALUE_14")), "Member must satisfy enum value set"));
            case BAD_PATTERN -> path(root, s -> type(s).equals("string") && !s.has("enum") && notMatching(s).isPresent())
                    .map(p -> json(action, kind, with(root, p, JSON.textNode(notMatching(target(root, p)).orElseThrow())),
                            "Member must satisfy regular expression pattern"));
            case UNKNOWN_MEMBER -> make(action, required.isEmpty() ? Kind.WRONG_TYPE : Kind.MISSING_REQUIRED).map(base -> {
                ObjectNode body = (ObjectNode) parse(base.body());
                body.putObject("thisIsNotAMemberOfTheAction").putArray("x").add(1).addNull();
                return json(action, kind, body, base.expected());
            });
            case HUGE_ARRAY -> path(root, s -> type(s).equals("list")).map(p -> json(action, kind, with(root, p, huge(target(root, p))), null));
            case TRUNCATED_JSON -> {
                String text = valid(root, 0).toString();
                yield Optional.of(new Case(service, action, kind, text.substring(0, Math.max(1, text.length() / 2))
                        .getBytes(StandardCharsets.UTF_8), "not valid JSON"));
            }
            case TRAILING_BYTES -> {
                String text = valid(root, 0).toString();
                String trailer = action.length() % 2 == 0 ? " garbage}" : text;
                yield Optional.of(new Case(service, action, kind, (text + trailer).getBytes(StandardCharsets.UTF_8), "not valid JSON"));
            }
        };
    }

    /** A value that satisfies every constraint of the shape, with only the required members of structures. */
    JsonNode valid(String shapeName, int depth) {
        JsonNode shape = model.shape(shapeName);
        switch (type(shape)) {
            case "structure" -> {
                ObjectNode object = JSON.objectNode();
                if (depth < 8) {
                    for (JsonNode required : shape.path("required")) {
                        object.set(wire(shape, required.asText()), valid(memberShape(shape, required.asText()), depth + 1));
                    }
                }
                return object;
            }
            case "list" -> {
                ArrayNode array = JSON.arrayNode();
                for (long i = Math.max(1, shape.path("min").asLong()); i > 0; i--) {
                    array.add(valid(shape.path("member").path("shape").asText(), depth + 1));
                }
                return array;
            }
            case "map" -> {
                ObjectNode object = JSON.objectNode();
                if (shape.path("min").asLong() > 0) {
                    object.set(validString(model.shape(shape.path("key").path("shape").asText())),
                            valid(shape.path("value").path("shape").asText(), depth + 1));
                }
                return object;
            }
            case "string" -> {
                return JSON.textNode(validString(shape));
            }
            case "integer", "long" -> {
                long value = shape.has("min") ? shape.get("min").asLong() : 1;
                return JSON.numberNode(shape.has("max") ? Math.min(value, shape.get("max").asLong()) : value);
            }
            case "boolean" -> {
                return JSON.booleanNode(true);
            }
            case "timestamp" -> {
                return JSON.numberNode(1_700_000_000);
            }
            case "blob" -> {
                return JSON.textNode("AAAA");
            }
            default -> {
                return JSON.numberNode(1.5);
            }
        }
    }

    private String validString(JsonNode shape) {
        if (shape.has("enum")) {
            return shape.get("enum").get(0).asText();
        }
        int min = shape.path("min").asInt(0);
        int max = shape.path("max").asInt(Integer.MAX_VALUE);
        Optional<ModelPattern> pattern = shape.has("pattern") ? InputValidator.pattern(shape.get("pattern").asText()) : Optional.empty();
        for (String candidate : CANDIDATES) {
            if (candidate.length() >= min && candidate.length() <= max && pattern.map(p -> p.find(candidate)).orElse(true)) {
                return candidate;
            }
        }
        return "a".repeat(Math.max(min, 1));
    }

    private Optional<String> notMatching(JsonNode shape) {
        Optional<ModelPattern> pattern = InputValidator.pattern(shape.path("pattern").asText(""));
        if (!shape.has("pattern") || pattern.isEmpty()) {
            return Optional.empty();
        }
        int length = Math.max(1, shape.path("min").asInt(0));
        if (length > shape.path("max").asInt(Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        for (String c : NOT_MATCHING) {
            String text = c.repeat(length);
            if (!pattern.get().find(text)) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private JsonNode wrongType(JsonNode shape) {
        return switch (type(shape)) {
            case "string", "blob" -> JSON.numberNode(12345);
            case "structure", "map" -> JSON.arrayNode().add(1);
            case "list" -> JSON.objectNode().put("a", 1);
            case "boolean" -> JSON.textNode("yes");
            case "timestamp" -> JSON.booleanNode(true);
            default -> JSON.textNode("twelve");
        };
    }

    private JsonNode tooShort(JsonNode shape) {
        if (type(shape).equals("list")) {
            return JSON.arrayNode();
        }
        return JSON.textNode("a".repeat(shape.get("min").asInt() - 1));
    }

    private JsonNode outOfRange(JsonNode shape) {
        if (shape.has("max") && shape.get("max").asLong() < Long.MAX_VALUE) {
            return JSON.numberNode(shape.get("max").asLong() + 1);
        }
        return JSON.numberNode(shape.get("min").asLong() - 1);
    }

    /** Many well-formed elements and a null at the end: the whole array must be read, in linear time, to find the fault. */
    private JsonNode huge(JsonNode listShape) {
        JsonNode element = valid(listShape.path("member").path("shape").asText(), 1);
        int count = Math.min(100_000, HUGE_ARRAY_BYTES / (element.toString().length() + 1));
        ArrayNode array = JSON.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(element);
        }
        return array.addNull();
    }

    /** The member names, list steps ("[]") and map steps ("{}") from the input to the first shape that {@code leaf} accepts. */
    private Optional<List<String>> path(String root, Predicate<JsonNode> leaf) {
        ArrayDeque<Map.Entry<String, List<String>>> queue = new ArrayDeque<>();
        queue.add(Map.entry(root, List.of()));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Map.Entry<String, List<String>> next = queue.poll();
            JsonNode shape = model.shape(next.getKey());
            if (!next.getValue().isEmpty() && leaf.test(shape)) {
                return Optional.of(next.getValue());
            }
            if (!seen.add(next.getKey()) || next.getValue().size() > 6) {
                continue;
            }
            switch (type(shape)) {
                case "structure" -> {
                    for (Iterator<String> it = shape.path("members").fieldNames(); it.hasNext(); ) {
                        String member = it.next();
                        queue.add(Map.entry(memberShape(shape, member), append(next.getValue(), member)));
                    }
                }
                case "list" -> queue.add(Map.entry(shape.path("member").path("shape").asText(), append(next.getValue(), "[]")));
                case "map" -> queue.add(Map.entry(shape.path("value").path("shape").asText(), append(next.getValue(), "{}")));
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private JsonNode target(String root, List<String> path) {
        String shapeName = root;
        for (String step : path) {
            JsonNode shape = model.shape(shapeName);
            shapeName = switch (step) {
                case "[]" -> shape.path("member").path("shape").asText();
                case "{}" -> shape.path("value").path("shape").asText();
                default -> memberShape(shape, step);
            };
        }
        return model.shape(shapeName);
    }

    /** A valid value of {@code shapeName} with {@code leaf} put at the end of {@code path}. */
    private JsonNode with(String shapeName, List<String> path, JsonNode leaf) {
        if (path.isEmpty()) {
            return leaf;
        }
        JsonNode shape = model.shape(shapeName);
        String step = path.get(0);
        List<String> rest = path.subList(1, path.size());
        return switch (step) {
            case "[]" -> JSON.arrayNode().add(with(shape.path("member").path("shape").asText(), rest, leaf));
            case "{}" -> JSON.objectNode().set(validString(model.shape(shape.path("key").path("shape").asText())),
                    with(shape.path("value").path("shape").asText(), rest, leaf));
            default -> ((ObjectNode) valid(shapeName, 0)).set(wire(shape, step), with(memberShape(shape, step), rest, leaf));
        };
    }

    private Case json(String action, Kind kind, JsonNode body, String expected) {
        return new Case(service, action, kind, body.toString().getBytes(StandardCharsets.UTF_8), expected);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return AwsJsonCodec.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode without(ObjectNode object, String member) {
        object.remove(member);
        return object;
    }

    private static List<String> append(List<String> path, String step) {
        List<String> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    private String memberShape(JsonNode structure, String member) {
        return structure.path("members").path(member).path("shape").asText();
    }

    private static String wire(JsonNode structure, String member) {
        return structure.path("members").path(member).path("locationName").asText(member);
    }

    private static String type(JsonNode shape) {
        return shape.path("type").asText();
    }
}
