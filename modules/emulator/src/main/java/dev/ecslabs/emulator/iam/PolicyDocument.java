package dev.ecslabs.emulator.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An IAM policy document, read and checked as IAM's grammar describes it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): JSON, an optional
 * {@code Version} of {@code 2012-10-17} or {@code 2008-10-17}, a {@code Statement} that is one object or
 * an array of them, each with {@code Effect} Allow or Deny, {@code Action} or {@code NotAction}, and
 * for a permissions policy {@code Resource} or {@code NotResource} and no {@code Principal}; for a
 * trust (assume-role) policy a {@code Principal} and no {@code Resource}. A broken document is IAM's
 * {@code MalformedPolicyDocument} with the sentence IAM answers.
 */
public record PolicyDocument(String json, List<Statement> statements) {
    /** The versions of the policy language (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html). */
    public static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");

    /** What a document is for: it decides whether Principal or Resource belong in it. */
    public enum Kind { PERMISSIONS, TRUST }

    /**
     * One statement. {@code principals} maps a principal type ({@code AWS}, {@code Service},
     * {@code Federated}, or {@code *} for {@code "Principal": "*"}) to its values.
     */
    public record Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
                            boolean notResource, Map<String, List<String>> principals, boolean hasCondition) {
    }

    /** Reads and checks a document; {@link IamErrors#malformedPolicy} with IAM's wording when it breaks the grammar. */
    public static PolicyDocument parse(String json, Kind kind) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw IamErrors.malformedPolicy("This policy contains invalid Json: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode)) {
            throw IamErrors.malformedPolicy("This policy contains invalid Json: a policy document is a JSON object "
                    + "{\"Version\": \"2012-10-17\", \"Statement\": [...]}.");
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw IamErrors.malformedPolicy("The policy must contain a valid version string: \"2012-10-17\" (or the "
                    + "older \"2008-10-17\"), not " + version + ".");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("Version", "Id", "Statement").contains(name)) {
                throw IamErrors.malformedPolicy("Syntax errors in policy: unknown field " + name
                        + " (a policy has Version, Id and Statement).");
            }
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || statementNode.isNull()) {
            throw IamErrors.malformedPolicy("Syntax errors in policy: it has no Statement; give it one statement "
                    + "object or an array of them.");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else {
            nodes.add(statementNode);
        }
        if (nodes.isEmpty()) {
            throw IamErrors.malformedPolicy("Syntax errors in policy: its Statement array is empty.");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : nodes) {
            statements.add(statement(node, kind));
        }
        return new PolicyDocument(json, List.copyOf(statements));
    }

    private static Statement statement(JsonNode node, Kind kind) {
        if (!node.isObject()) {
            throw IamErrors.malformedPolicy("Syntax errors in policy: each statement is a JSON object, not " + node + ".");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                throw IamErrors.malformedPolicy("Syntax errors in policy: a statement has no field " + name
                        + "; its fields are " + String.join(", ", new java.util.TreeSet<>(STATEMENT_FIELDS)) + ".");
            }
        }
        String sid = node.hasNonNull("Sid") ? node.get("Sid").asText() : null;
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw IamErrors.malformedPolicy("Missing required field Effect");
        }
        if (!effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            throw IamErrors.malformedPolicy("Invalid effect: " + effect.asText() + " (an Effect is \"Allow\" or \"Deny\").");
        }
        if (node.has("Action") && node.has("NotAction")) {
            throw IamErrors.malformedPolicy("Syntax errors in policy: a statement has Action or NotAction, not both.");
        }
        boolean notAction = node.has("NotAction");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), notAction ? "NotAction" : "Action");
        if (actions.isEmpty()) {
            throw IamErrors.malformedPolicy("Policy statement must contain actions.");
        }
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw IamErrors.malformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. "
                        + "(\"" + action + "\" is not \"<service>:<action>\", such as \"ecr:BatchGetImage\").");
            }
        }
        boolean hasPrincipal = node.has("Principal") || node.has("NotPrincipal");
        boolean hasResource = node.has("Resource") || node.has("NotResource");
        Map<String, List<String>> principals = Map.of();
        List<String> resources = List.of();
        boolean notResource = node.has("NotResource");
        if (kind == Kind.PERMISSIONS) {
            if (hasPrincipal) {
                throw IamErrors.malformedPolicy("Policy document should not specify a principal.");
            }
            if (!hasResource) {
                throw IamErrors.malformedPolicy("Policy statement must contain resources.");
            }
            if (node.has("Resource") && notResource) {
                throw IamErrors.malformedPolicy("Syntax errors in policy: a statement has Resource or NotResource, not both.");
            }
            resources = strings(node.get(notResource ? "NotResource" : "Resource"), notResource ? "NotResource" : "Resource");
            for (String resource : resources) {
                if (!resource.equals("*") && !resource.startsWith("arn:")) {
                    throw IamErrors.malformedPolicy("Resource " + resource + " must be in ARN format or \"*\".");
                }
            }
        } else {
            if (hasResource) {
                throw IamErrors.malformedPolicy("Has prohibited field Resource");
            }
            if (!node.has("Principal")) {
                throw IamErrors.malformedPolicy("Missing required field Principal");
            }
            principals = principals(node.get("Principal"));
        }
        return new Statement(sid, effect.asText().equals("Allow"), actions, notAction, resources, notResource, principals,
                node.has("Condition"));
    }

    private static Map<String, List<String>> principals(JsonNode node) {
        if (node.isTextual() && node.asText().equals("*")) {
            return Map.of("*", List.of("*"));
        }
        if (!node.isObject() || node.isEmpty()) {
            throw IamErrors.malformedPolicy("Invalid principal in policy: a Principal is \"*\" or an object such as "
                    + "{\"Service\": \"ecs-tasks.amazonaws.com\"} or {\"AWS\": \"arn:aws:iam::123456789012:root\"}.");
        }
        Map<String, List<String>> principals = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String type = field.getKey();
            if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(type)) {
                throw IamErrors.malformedPolicy("Invalid principal in policy: \"" + type + "\" (the types are AWS, "
                        + "Service, Federated and CanonicalUser).");
            }
            List<String> values = strings(field.getValue(), "Principal");
            for (String value : values) {
                if (type.equals("AWS") && !value.equals("*") && !value.matches("\\d{12}")
                        && !value.matches("arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+")) {
                    throw IamErrors.malformedPolicy("Invalid principal in policy: \"AWS\":\"" + value + "\"");
                }
                if (type.equals("Service") && !value.matches("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?")) {
                    throw IamErrors.malformedPolicy("Invalid principal in policy: \"SERVICE\":\"" + value + "\"");
                }
            }
            // IAM stores an account id as its root ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
            principals.put(type, values.stream().map(value -> type.equals("AWS") && value.matches("\\d{12}")
                    ? "arn:aws:iam::" + value + ":root" : value).toList());
        }
        return principals;
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode value : node) {
                if (!value.isTextual()) {
                    throw IamErrors.malformedPolicy("Syntax errors in policy: " + field + " holds strings, not " + value + ".");
                }
                values.add(value.asText());
            }
            return values;
        }
        throw IamErrors.malformedPolicy("Syntax errors in policy: " + field + " is a string or an array of strings, not "
                + node + ".");
    }

    /** Whether a trust policy lets {@code principalType}/{@code principal} call {@code sts:AssumeRole} (no Condition evaluated). */
    public boolean trusts(String principalType, String principal, String action) {
        boolean allowed = false;
        for (Statement statement : statements) {
            boolean principalMatches = statement.principals().containsKey("*")
                    || statement.principals().getOrDefault(principalType, List.of()).stream()
                    .anyMatch(value -> value.equals("*") || value.equals(principal));
            if (!principalMatches || PolicyEvaluator.matchesAction(statement, action) == false) {
                continue;
            }
            if (!statement.allow()) {
                return false;
            }
            allowed |= !statement.hasCondition();
        }
        return allowed;
    }
}
