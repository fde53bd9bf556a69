package dev.ecslabs.dashboard.resources;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/**
 * The environment values of task definition revisions, read once each: a revision never changes,
 * so the diagram redrawn every two seconds asks DescribeTaskDefinition only for revisions it has
 * not seen (at most {@value #KEPT} kept).
 */
final class TaskDefinitionEnvironments {
    static final int KEPT = 500;

    private final EcsClient ecs;
    private final Map<String, List<String>> byArn = new ConcurrentHashMap<>();

    TaskDefinitionEnvironments(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** Every container's environment values; empty when the backend can't tell (asked again next time). */
    List<String> of(String taskDefinitionArn) {
        List<String> known = byArn.get(taskDefinitionArn);
        if (known != null) {
            return known;
        }
        try {
            List<String> values = ecs.describeTaskDefinition(b -> b.taskDefinition(taskDefinitionArn)).taskDefinition()
                    .containerDefinitions().stream().flatMap(c -> c.environment().stream()).map(KeyValuePair::value).toList();
            if (byArn.size() >= KEPT) {
                byArn.clear();
            }
            byArn.put(taskDefinitionArn, values);
            return values;
        } catch (SdkException e) {
            return List.of();
        }
    }
}
