package dev.ecslabs.emulator.ec2;

import dev.ecslabs.emulator.protocol.AwsException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code Filter.N} of an EC2 Describe action over one kind of resource: the filter names the
 * action knows, each with the values a resource has for it. A resource matches when every filter
 * has a value that one of the resource's matches; values may use {@code *} and {@code ?} as
 * wildcards; a filter name the action does not know is refused, as EC2 does
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html).
 */
final class Ec2Filters<T> {
    private final String action;
    private final Map<String, Function<T, List<String>>> known;

    Ec2Filters(String action, Map<String, Function<T, List<String>>> known) {
        this.action = action;
        this.known = known;
    }

    /** The resources that match every filter given. */
    List<T> apply(List<T> resources, Map<String, List<String>> filters) {
        for (String name : filters.keySet()) {
            if (!known.containsKey(name)) {
                throw new AwsException("InvalidParameterValue", "The filter '" + name + "' is invalid for " + action
                        + "; the emulator knows " + String.join(", ", known.keySet()) + ".");
            }
        }
        return resources.stream().filter(resource -> filters.entrySet().stream()
                .allMatch(filter -> matches(known.get(filter.getKey()).apply(resource), filter.getValue()))).toList();
    }

    private static boolean matches(List<String> values, List<String> wanted) {
        return wanted.stream().map(Ec2Filters::glob).anyMatch(pattern -> values.stream().anyMatch(v -> pattern.matcher(v).matches()));
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
