package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
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
final class TaskDefinitionsSection {
    private static final int OPEN_UP_TO = 10;

    private TaskDefinitionsSection() {
    }

    static String render(EcsClient ecs) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"task-definitions\"><h2>Task definitions");
        Map<String, List<String>> families = new LinkedHashMap<>();
        try {
            ecs.listTaskDefinitionsPaginator(b -> b.status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()
                    .forEach(arn -> {
                        String name = EcsSection.shortArn(arn);
                        int colon = name.lastIndexOf(':');
                        families.computeIfAbsent(name.substring(0, colon), f -> new ArrayList<>()).add(name.substring(colon + 1));
                    });
        } catch (SdkException e) {
            return html.append("</h2>").append(Markup.unavailable("ECS ListTaskDefinitions", e)).append("</section>").toString();
        }
        html.append(" <span class=\"count\">").append(families.size()).append(families.size() == 1 ? " family" : " families")
                .append("</span></h2>");
        if (families.isEmpty()) {
            return html.append(Markup.empty("task definitions")).append("</section>").toString();
        }
        html.append("<details data-key=\"task-definitions\"").append(families.size() <= OPEN_UP_TO ? " open" : "")
                .append("><summary>").append(families.size()).append(" families, their ACTIVE revisions newest first</summary>")
                .append("<ul class=\"families\">");
        families.forEach((family, revisions) -> html.append("<li><strong>").append(Html.escape(family))
                .append("</strong> revisions ").append(Html.escape(String.join(", ", revisions))).append("</li>"));
        return html.append("</ul></details></section>").toString();
    }
}
