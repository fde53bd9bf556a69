package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Task definitions on the resources page: each family with its ACTIVE revisions, newest first,
 * read with one paginated ListTaskDefinitions; many families fold away behind their count.
 */
record TaskDefinitionsSection(Map<String, List<String>> families, String unavailable) {
    static final int OPEN_UP_TO = 10;

    /** The section (template {@code resources/taskDefinitions.jte}), read now: revisions by family. */
    static String render(EcsClient ecs) {
        Map<String, List<String>> families = new LinkedHashMap<>();
        try {
            ecs.listTaskDefinitionsPaginator(b -> b.status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()
                    .forEach(arn -> {
                        String name = EcsSection.shortArn(arn);
                        int colon = name.lastIndexOf(':');
                        families.computeIfAbsent(name.substring(0, colon), f -> new ArrayList<>()).add(name.substring(colon + 1));
                    });
        } catch (SdkException e) {
            return Pages.render("resources/taskDefinitions.jte", new TaskDefinitionsSection(Map.of(), Markup.why(e)));
        }
        return Pages.render("resources/taskDefinitions.jte", new TaskDefinitionsSection(families, null));
    }
}
