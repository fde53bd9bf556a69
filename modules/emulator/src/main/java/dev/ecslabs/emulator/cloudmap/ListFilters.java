package dev.ecslabs.emulator.cloudmap;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;

/**
 * The filters of ListNamespaces, ListServices and ListOperations: a name, a condition (EQ when
 * none is given) and values, each filter name allowing only some conditions and value counts.
 */
final class ListFilters {
    private ListFilters() {
    }

    /** The condition a filter uses, refused unless {@code allowed}; EQ and BEGINS_WITH take exactly one value. */
    static FilterCondition condition(String filterName, FilterCondition given, List<String> values,
                                     Set<FilterCondition> allowed) {
        FilterCondition condition = given == null ? FilterCondition.EQ : given;
        if (!allowed.contains(condition)) {
            throw CloudMapErrors.invalidInput("The " + filterName + " filter takes the condition " + allowed
                    + ", not " + condition + ".");
        }
        if ((condition == FilterCondition.EQ || condition == FilterCondition.BEGINS_WITH) && values.size() != 1) {
            throw CloudMapErrors.invalidInput("With the " + condition + " condition, the " + filterName
                    + " filter takes exactly one value, not " + values.size() + ".");
        }
        if (values.isEmpty()) {
            throw CloudMapErrors.invalidInput("The " + filterName + " filter needs at least one value.");
        }
        return condition;
    }

    static boolean matches(String actual, FilterCondition condition, List<String> values) {
        if (actual == null) {
            return false;
        }
        return switch (condition) {
            case BEGINS_WITH -> actual.startsWith(values.get(0));
            case IN, EQ -> values.contains(actual);
            default -> false;
        };
    }
}
