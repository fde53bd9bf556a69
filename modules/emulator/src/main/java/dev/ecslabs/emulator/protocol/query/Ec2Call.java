package dev.ecslabs.emulator.protocol.query;

import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.CallerIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call in EC2's Query dialect, as its handler reads it: who called, and the form's parameters in
 * EC2's flattened shape, where a list is {@code VpcId.1=…&VpcId.2=…} (no {@code member} level) and a
 * filter {@code Filter.1.Name=vpc-id&Filter.1.Value.1=…}
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html).
 */
public final class Ec2Call {
    private final String action;
    private final CallerIdentity caller;
    private final QueryForm form;

    Ec2Call(String action, CallerIdentity caller, QueryForm form) {
        this.action = action;
        this.caller = caller;
        this.form = form;
    }

    public String action() {
        return action;
    }

    public String accountId() {
        return caller.accountId();
    }

    public String region() {
        return caller.region();
    }

    /** The values of a flattened list parameter ({@code VpcId.1}, {@code VpcId.2}, …), in their numbers' order. */
    public List<String> list(String name) {
        QueryForm.Node node = form.root().child(name);
        List<String> values = new ArrayList<>();
        for (QueryForm.Node item : numbered(name, node)) {
            values.add(item.value() == null ? "" : item.value());
        }
        return values;
    }

    /** The {@code Filter.N} parameters: each filter's name with its values; a name given twice gets the values of both. */
    public Map<String, List<String>> filters() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (QueryForm.Node filter : numbered("Filter", form.root().child("Filter"))) {
            QueryForm.Node name = filter.child("Name");
            if (name == null || name.value() == null || name.value().isEmpty()) {
                throw new AwsException("InvalidParameterValue", "Each Filter.N needs a Name, such as "
                        + "Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-0123456789abcdef0.");
            }
            List<String> values = filters.computeIfAbsent(name.value(), n -> new ArrayList<>());
            for (QueryForm.Node value : numbered("Filter.N.Value", filter.child("Value"))) {
                values.add(value.value() == null ? "" : value.value());
            }
        }
        return filters;
    }

    /** A boolean parameter ({@code DryRun=true}); false when absent. */
    public boolean flag(String name) {
        return "true".equalsIgnoreCase(form.get(name));
    }

    private static List<QueryForm.Node> numbered(String name, QueryForm.Node node) {
        if (node == null) {
            return List.of();
        }
        java.util.TreeMap<Integer, QueryForm.Node> items = new java.util.TreeMap<>();
        for (Map.Entry<String, QueryForm.Node> entry : node.children()) {
            if (!entry.getKey().matches("[1-9]\\d{0,4}")) {
                throw new AwsException("InvalidParameterValue", "The parameter " + name + "." + QueryForm.abbreviate(entry.getKey())
                        + " is not a numbered list item: EC2 numbers them from 1, as " + name + ".1, " + name + ".2.");
            }
            items.put(Integer.parseInt(entry.getKey()), entry.getValue());
        }
        return new ArrayList<>(items.values());
    }
}
