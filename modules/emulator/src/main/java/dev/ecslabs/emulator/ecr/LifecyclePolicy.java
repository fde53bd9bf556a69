package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A repository's lifecycle policy: its rules, checked as ECR checks them when the policy is put,
 * and the evaluation ECR documents (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html,
 * "Lifecycle policy evaluation rules"): every rule is evaluated against every image, then rules
 * are applied by priority; an image is expired by at most one rule; an image that matches the tag
 * selection of a rule can't be expired by a rule of lower priority; expiry always takes older
 * images (by push time) before newer ones.
 */
public record LifecyclePolicy(String text, List<Rule> rules) {
    private static final Set<String> RULE_MEMBERS = Set.of("rulePriority", "description", "selection", "action");
    private static final Set<String> SELECTION_MEMBERS =
            Set.of("tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber");

    /** One rule: which images it selects by tags, and when it expires them. */
    public record Rule(int priority, String tagStatus, List<String> tagPrefixList, List<String> tagPatternList,
                       String countType, int countNumber) {

        boolean selects(Set<String> tags) {
            return switch (tagStatus) {
                case "untagged" -> tags.isEmpty();
                case "any" -> true;
                default -> !tags.isEmpty()
                        && tagPrefixList.stream().allMatch(prefix -> tags.stream().anyMatch(tag -> tag.startsWith(prefix)))
                        && tagPatternList.stream().allMatch(p -> tags.stream().anyMatch(tag -> wildcard(p).matcher(tag).matches()));
            };
        }

        boolean countsImages() {
            return countType.equals("imageCountMoreThan");
        }

        Duration maxAge() {
            return Duration.ofDays(countNumber);
        }
    }

    /** An image as the evaluator sees it. */
    public record Candidate(Digest digest, Set<String> tags, Instant pushedAt) {
    }

    /** An image a rule expires. */
    public record Expiry(Candidate image, int rulePriority) {
    }

    /** Reads and checks a policy; throws InvalidParameterException naming what is wrong. */
    public static LifecyclePolicy parse(String text) {
        JsonNode json;
        try {
            json = AwsJsonCodec.MAPPER.readTree(text);
        } catch (IOException e) {
            throw invalid("the policy is not valid JSON");
        }
        if (json == null || !json.isObject() || !json.path("rules").isArray() || json.get("rules").isEmpty()) {
            throw invalid("the policy must be an object with a non-empty \"rules\" list");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode node : json.get("rules")) {
            rules.add(rule(node));
        }
        checkTogether(rules);
        rules.sort(Comparator.comparingInt(Rule::priority));
        return new LifecyclePolicy(text, List.copyOf(rules));
    }

    /** Which images the policy expires now, in the order of its rules, older images first within a rule. */
    public List<Expiry> evaluate(List<Candidate> images, Instant now) {
        Map<Digest, Expiry> expired = new LinkedHashMap<>();
        Set<Digest> claimed = new HashSet<>();
        for (Rule rule : rules) {
            List<Candidate> selected = selected(rule, images);
            for (Candidate image : wouldExpire(rule, selected, now)) {
                if (!claimed.contains(image.digest()) && !expired.containsKey(image.digest())) {
                    expired.put(image.digest(), new Expiry(image, rule.priority()));
                }
            }
            selected.forEach(image -> claimed.add(image.digest()));
        }
        return List.copyOf(expired.values());
    }

    /** The next moment an image comes of age for a sinceImagePushed rule, after {@code now}. */
    public Optional<Instant> nextAgeThreshold(List<Candidate> images, Instant now) {
        Instant next = null;
        for (Rule rule : rules) {
            if (rule.countsImages()) {
                continue;
            }
            for (Candidate image : selected(rule, images)) {
                Instant due = image.pushedAt().plus(rule.maxAge());
                if (due.isAfter(now) && (next == null || due.isBefore(next))) {
                    next = due;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    private static List<Candidate> selected(Rule rule, List<Candidate> images) {
        List<Candidate> selected = new ArrayList<>();
        for (Candidate image : images) {
            if (rule.selects(image.tags())) {
                selected.add(image);
            }
        }
        // Youngest first, as ECR sorts for imageCountMoreThan; the digest only breaks ties.
        selected.sort(Comparator.comparing(Candidate::pushedAt).reversed().thenComparing(Candidate::digest));
        return selected;
    }

    private static List<Candidate> wouldExpire(Rule rule, List<Candidate> youngestFirst, Instant now) {
        List<Candidate> expiring = new ArrayList<>();
        if (rule.countsImages()) {
            if (youngestFirst.size() > rule.countNumber()) {
                expiring.addAll(youngestFirst.subList(rule.countNumber(), youngestFirst.size()));
            }
        } else {
            for (Candidate image : youngestFirst) {
                if (!image.pushedAt().plus(rule.maxAge()).isAfter(now)) {
                    expiring.add(image);
                }
            }
        }
        expiring.sort(Comparator.comparing(Candidate::pushedAt).thenComparing(Candidate::digest));
        return expiring;
    }

    private static Rule rule(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("every rule must be an object");
        }
        unknownMembers(node, RULE_MEMBERS, "a rule");
        JsonNode priority = node.path("rulePriority");
        if (!priority.isIntegralNumber() || priority.asLong() < 1 || priority.asLong() > Integer.MAX_VALUE) {
            throw invalid("every rule needs a rulePriority, a whole number of 1 or more");
        }
        String where = "rule " + priority.asInt();
        JsonNode selection = node.path("selection");
        if (!selection.isObject()) {
            throw invalid(where + " needs a \"selection\" object");
        }
        unknownMembers(selection, SELECTION_MEMBERS, where + "'s selection");
        String tagStatus = selection.path("tagStatus").asText("");
        if (!Set.of("tagged", "untagged", "any").contains(tagStatus)) {
            throw invalid(where + ": tagStatus must be tagged, untagged or any, not '" + tagStatus + "'");
        }
        List<String> prefixes = strings(selection, "tagPrefixList", where);
        List<String> patterns = strings(selection, "tagPatternList", where);
        if (tagStatus.equals("tagged")) {
            if (prefixes.isEmpty() == patterns.isEmpty()) {
                throw invalid(where + ": a tagged rule needs either a tagPrefixList or a tagPatternList (not both)");
            }
        } else if (!prefixes.isEmpty() || !patterns.isEmpty()) {
            throw invalid(where + ": tagPrefixList and tagPatternList are only for tagStatus tagged, not " + tagStatus);
        }
        for (String pattern : patterns) {
            if (pattern.chars().filter(c -> c == '*').count() > 4) {
                throw invalid(where + ": the tag pattern '" + pattern + "' has more than four wildcards (*)");
            }
        }
        String countType = selection.path("countType").asText("");
        JsonNode countUnit = selection.get("countUnit");
        if (countType.equals("imageCountMoreThan")) {
            if (countUnit != null) {
                throw invalid(where + ": countUnit is only for countType sinceImagePushed; leave it out for imageCountMoreThan");
            }
        } else if (countType.equals("sinceImagePushed")) {
            if (countUnit == null || !countUnit.asText().equals("days")) {
                throw invalid(where + ": countType sinceImagePushed needs countUnit \"days\"");
            }
        } else {
            throw invalid(where + ": countType must be imageCountMoreThan or sinceImagePushed, not '" + countType + "'");
        }
        JsonNode countNumber = selection.path("countNumber");
        if (!countNumber.isIntegralNumber() || countNumber.asLong() < 1 || countNumber.asLong() > Integer.MAX_VALUE) {
            throw invalid(where + ": countNumber must be a positive whole number (0 is not accepted)");
        }
        JsonNode action = node.path("action");
        if (!action.isObject() || !action.path("type").asText("").equals("expire")) {
            throw invalid(where + ": the action must be {\"type\": \"expire\"}");
        }
        return new Rule(priority.asInt(), tagStatus, prefixes, patterns, countType, countNumber.asInt());
    }

    private static void checkTogether(List<Rule> rules) {
        Set<Integer> priorities = new HashSet<>();
        Set<String> selections = new HashSet<>();
        int untagged = 0;
        int highest = rules.stream().mapToInt(Rule::priority).max().orElse(0);
        for (Rule rule : rules) {
            if (!priorities.add(rule.priority())) {
                throw invalid("rulePriority " + rule.priority() + " is used by more than one rule; each rule needs its own");
            }
            if (rule.tagStatus().equals("any") && rule.priority() != highest) {
                throw invalid("rule " + rule.priority() + " has tagStatus any, so it must have the highest rulePriority "
                        + "and be evaluated last");
            }
            if (rule.tagStatus().equals("untagged") && ++untagged > 1) {
                throw invalid("only one rule may select untagged images");
            }
            if (rule.tagStatus().equals("tagged")) {
                String key = new TreeSet<>(rule.tagPrefixList()) + "|" + new TreeSet<>(rule.tagPatternList());
                if (!selections.add(key)) {
                    throw invalid("rule " + rule.priority() + " selects the same tags as another rule; the rules must "
                            + "have a unique set of tag prefixes");
                }
            }
        }
    }

    private static List<String> strings(JsonNode selection, String member, String where) {
        JsonNode list = selection.get(member);
        if (list == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (!list.isArray()) {
            throw invalid(where + ": " + member + " must be a list of strings");
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw invalid(where + ": " + member + " must be a list of strings");
            }
            strings.add(item.asText());
        }
        return List.copyOf(strings);
    }

    private static void unknownMembers(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw invalid(where + " has an unknown property '" + name + "'; known are " + new TreeSet<>(known));
            }
        }
    }

    /** A tag pattern as ECR reads it: {@code *} matches any run of characters, everything else itself. */
    private static Pattern wildcard(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append(".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private static AwsException invalid(String reason) {
        return EcrErrors.invalidParameter("LifecyclePolicyText", "Lifecycle policy validation failure: " + reason);
    }
}
