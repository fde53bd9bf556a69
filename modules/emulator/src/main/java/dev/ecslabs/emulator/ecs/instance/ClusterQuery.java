package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ECS's cluster query language, for ListContainerInstances' {@code filter} and memberOf placement
 * constraints: {@code subject operator [argument]} expressions such as
 * {@code attribute:ecs.instance-type =~ t3.*} or {@code attribute:ecs.availability-zone in [us-east-1a, us-east-1b]},
 * joined with {@code and}/{@code &&}, {@code or}/{@code ||}, {@code not}/{@code !} and parentheses
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html).
 * Subjects: agentConnected, agentVersion, attribute:&lt;name&gt;, ec2InstanceId, registeredAt,
 * runningTasksCount, task:group.
 */
public final class ClusterQuery {
    /** What an expression is evaluated against: one container instance. */
    public interface Target {
        /** The subject's value; empty when the instance has none (an attribute it lacks). */
        Optional<String> value(String subject);

        /** The groups of the tasks on the instance, for {@code task:group}. */
        List<String> taskGroups();
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\\(|\\)|\\[|\\]|,|&&|\\|\\||==|!=|>=|<=|>|<|=~|!~|!exists|!in|!|[^\\s()\\[\\],!=<>~&|]+)");

    private final List<String> tokens;
    private final String text;
    private int next;

    private ClusterQuery(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** The expression as a test of a container instance, or an InvalidParameterException naming what is wrong. */
    public static Predicate<Target> parse(String expression) {
        ClusterQuery query = new ClusterQuery(expression);
        Predicate<Target> predicate = query.or();
        if (query.next < query.tokens.size()) {
            throw query.error("unexpected '" + query.tokens.get(query.next) + "'");
        }
        return predicate;
    }

    private Predicate<Target> or() {
        Predicate<Target> left = and();
        while (peekIs("or", "||")) {
            next++;
            Predicate<Target> right = and();
            Predicate<Target> l = left;
            left = t -> l.test(t) || right.test(t);
        }
        return left;
    }

    private Predicate<Target> and() {
        Predicate<Target> left = unary();
        while (peekIs("and", "&&")) {
            next++;
            Predicate<Target> right = unary();
            Predicate<Target> l = left;
            left = t -> l.test(t) && right.test(t);
        }
        return left;
    }

    private Predicate<Target> unary() {
        if (peekIs("not", "!")) {
            next++;
            return unary().negate();
        }
        if (peekIs("(")) {
            next++;
            Predicate<Target> inner = or();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Predicate<Target> comparison() {
        String subject = take("a subject (attribute:<name>, ec2InstanceId, runningTasksCount, task:group …)");
        checkSubject(subject);
        String operator = take("an operator (==, !=, in, =~, exists …)").toLowerCase();
        switch (operator) {
            case "exists":
                return t -> present(t, subject);
            case "!exists", "not_exists":
                return t -> !present(t, subject);
            case "in":
                List<String> in = list();
                return t -> values(t, subject).stream().anyMatch(in::contains);
            case "!in", "not_in":
                List<String> notIn = list();
                return t -> values(t, subject).stream().noneMatch(notIn::contains);
            default:
                break;
        }
        String argument = take("a value after " + operator);
        return switch (operator) {
            case "==", "equals" -> t -> values(t, subject).contains(argument);
            case "!=", "not_equals" -> t -> !values(t, subject).contains(argument);
            case "=~", "matches" -> matches(subject, argument);
            case "!~", "not_matches" -> matches(subject, argument).negate();
            case ">", "greater_than" -> t -> compare(t, subject, argument) > 0;
            case ">=", "greater_than_equal" -> t -> compare(t, subject, argument) >= 0;
            case "<", "less_than" -> t -> compare(t, subject, argument) < 0;
            case "<=", "less_than_equal" -> t -> compare(t, subject, argument) <= 0;
            default -> throw error("unknown operator '" + operator + "'");
        };
    }

    private Predicate<Target> matches(String subject, String argument) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(argument);
        } catch (PatternSyntaxException e) {
            throw error("'" + argument + "' is not a pattern");
        }
        return t -> values(t, subject).stream().anyMatch(v -> pattern.matcher(v).matches());
    }

    private List<String> list() {
        expect("[");
        List<String> values = new ArrayList<>();
        while (!peekIs("]")) {
            values.add(take("a value in the list"));
            if (peekIs(",")) {
                next++;
            } else if (!peekIs("]")) {
                throw error("expected ',' or ']' in the list");
            }
        }
        next++;
        return values;
    }

    private static boolean present(Target target, String subject) {
        return !values(target, subject).isEmpty();
    }

    private static List<String> values(Target target, String subject) {
        if (subject.equals("task:group")) {
            return target.taskGroups();
        }
        return target.value(subject).map(List::of).orElse(List.of());
    }

    /** Numbers compare as numbers, anything else (registeredAt dates, versions) as text; a missing value is smallest. */
    private static int compare(Target target, String subject, String argument) {
        Optional<String> value = target.value(subject);
        if (value.isEmpty()) {
            return -1;
        }
        try {
            return Double.compare(Double.parseDouble(value.get()), Double.parseDouble(argument));
        } catch (NumberFormatException e) {
            return value.get().compareTo(argument);
        }
    }

    private void checkSubject(String subject) {
        if (subject.startsWith("attribute:") && subject.length() > "attribute:".length()) {
            return;
        }
        if (!List.of("agentConnected", "agentVersion", "ec2InstanceId", "registeredAt", "runningTasksCount", "task:group")
                .contains(subject)) {
            throw error("unknown subject '" + subject + "': use attribute:<name>, agentConnected, agentVersion, "
                    + "ec2InstanceId, registeredAt, runningTasksCount or task:group");
        }
    }

    private boolean peekIs(String... candidates) {
        if (next >= tokens.size()) {
            return false;
        }
        for (String candidate : candidates) {
            if (tokens.get(next).equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }

    private String take(String what) {
        if (next >= tokens.size()) {
            throw error("expected " + what + " at the end");
        }
        return tokens.get(next++);
    }

    private void expect(String token) {
        if (!peekIs(token)) {
            throw error("expected '" + token + "'");
        }
        next++;
    }

    private RuntimeException error(String problem) {
        return EcsErrors.invalidParameter("Invalid cluster query expression '" + text + "': " + problem
                + ". Write subject operator value, for example attribute:ecs.instance-type == t3.micro "
                + "(the cluster query language of the Amazon ECS Developer Guide).");
    }

    private List<String> tokenize(String expression) {
        List<String> found = new ArrayList<>();
        var matcher = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length()) {
            if (expression.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                throw error("cannot read it from '" + expression.substring(at).trim() + "'");
            }
            found.add(matcher.group(1));
            at = matcher.end();
        }
        if (found.isEmpty()) {
            throw error("it is empty");
        }
        return found;
    }
}
