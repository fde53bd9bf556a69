package dev.ecslabs.emulator.cloudwatch.metrics;

import dev.ecslabs.emulator.cloudwatch.CloudWatchErrors;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * The part of CloudWatch's metric math the emulator evaluates: arithmetic ({@code + - * /}, unary
 * minus, parentheses) over the ids of other queries and numbers, as target tracking's customized
 * metrics and most dashboards use it ({@code m1 / m2 * 100}). A series combines with a series at
 * the timestamps both have, and with a number at each of its own; a division by zero leaves that
 * timestamp out. Functions ({@code SUM(...)}, {@code FILL(...)}, {@code SEARCH(...)}, …) are not
 * evaluated: such an expression is refused with a message that names what is supported
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html).
 */
final class MetricMath {
    /** A value: a series by timestamp (epoch seconds), or a single number. */
    record Value(TreeMap<Long, Double> series, Double scalar) {
        static Value of(double number) {
            return new Value(null, number);
        }
    }

    private final String expression;
    private final Map<String, TreeMap<Long, Double>> byId;
    private int position;

    private MetricMath(String expression, Map<String, TreeMap<Long, Double>> byId) {
        this.expression = expression;
        this.byId = byId;
    }

    /** Evaluates {@code expression} over the series of the queries it names; a number alone is a series of nothing. */
    static TreeMap<Long, Double> evaluate(String expression, Map<String, TreeMap<Long, Double>> byId) {
        MetricMath math = new MetricMath(expression, byId);
        Value value = math.sum();
        math.skipSpaces();
        if (math.position < expression.length()) {
            throw math.error("unexpected '" + expression.charAt(math.position) + "'");
        }
        return value.series() == null ? new TreeMap<>() : value.series();
    }

    private Value sum() {
        Value left = product();
        while (true) {
            skipSpaces();
            if (peek('+')) {
                position++;
                left = combine(left, product(), Double::sum);
            } else if (peek('-')) {
                position++;
                left = combine(left, product(), (a, b) -> a - b);
            } else {
                return left;
            }
        }
    }

    private Value product() {
        Value left = unary();
        while (true) {
            skipSpaces();
            if (peek('*')) {
                position++;
                left = combine(left, unary(), (a, b) -> a * b);
            } else if (peek('/')) {
                position++;
                left = combine(left, unary(), (a, b) -> a / b);
            } else {
                return left;
            }
        }
    }

    private Value unary() {
        skipSpaces();
        if (peek('-')) {
            position++;
            return combine(Value.of(0), unary(), (a, b) -> a - b);
        }
        if (peek('(')) {
            position++;
            Value inner = sum();
            skipSpaces();
            if (!peek(')')) {
                throw error("a ')' is missing");
            }
            position++;
            return inner;
        }
        int start = position;
        if (position < expression.length() && (Character.isDigit(expression.charAt(position)) || peek('.'))) {
            while (position < expression.length() && (Character.isDigit(expression.charAt(position)) || peek('.'))) {
                position++;
            }
            return Value.of(Double.parseDouble(expression.substring(start, position)));
        }
        while (position < expression.length() && (Character.isLetterOrDigit(expression.charAt(position)) || peek('_'))) {
            position++;
        }
        String name = expression.substring(start, position);
        if (name.isEmpty()) {
            throw error("a query id or a number is expected at position " + (start + 1));
        }
        skipSpaces();
        if (peek('(')) {
            throw error("the function " + name + "(...) is not evaluated by the ECS Labs emulator, which supports "
                    + "+, -, *, / and parentheses over query ids and numbers");
        }
        TreeMap<Long, Double> series = byId.get(name);
        if (series == null) {
            throw error("'" + name + "' is not the id of another query of this request");
        }
        return new Value(series, null);
    }

    private Value combine(Value left, Value right, DoubleBinaryOperator operator) {
        if (left.scalar() != null && right.scalar() != null) {
            return Value.of(operator.applyAsDouble(left.scalar(), right.scalar()));
        }
        TreeMap<Long, Double> result = new TreeMap<>();
        TreeMap<Long, Double> timestamps = left.series() != null ? left.series() : right.series();
        for (Map.Entry<Long, Double> entry : timestamps.entrySet()) {
            Double a = left.series() != null ? left.series().get(entry.getKey()) : left.scalar();
            Double b = right.series() != null ? right.series().get(entry.getKey()) : right.scalar();
            if (a != null && b != null) {
                double value = operator.applyAsDouble(a, b);
                if (Double.isFinite(value)) {
                    result.put(entry.getKey(), value);
                }
            }
        }
        return new Value(result, null);
    }

    private boolean peek(char c) {
        return position < expression.length() && expression.charAt(position) == c;
    }

    private void skipSpaces() {
        while (position < expression.length() && Character.isWhitespace(expression.charAt(position))) {
            position++;
        }
    }

    private RuntimeException error(String why) {
        return CloudWatchErrors.invalidValue("Expression", "\"" + expression + "\"", "In this expression " + why + ".");
    }
}
