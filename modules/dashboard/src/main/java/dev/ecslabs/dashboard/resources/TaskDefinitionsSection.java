package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;

/** Task definitions on the resources page: each family with its revisions, newest first. */
final class TaskDefinitionsSection {
    private TaskDefinitionsSection() {
    }

    static String render(EcsClient ecs) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"task-definitions\"><h2>Task definitions</h2>");
        try {
            List<String> families = ecs.listTaskDefinitionFamiliesPaginator(b -> b.status(TaskDefinitionFamilyStatus.ACTIVE))
                    .families().stream().toList();
            if (families.isEmpty()) {
                html.append(Markup.empty("task definitions"));
            }
            html.append("<ul class=\"families\">");
            for (String family : families) {
                // familyPrefix matches by prefix: "web" would bring "webapp" too
                List<String> revisions = ecs.listTaskDefinitionsPaginator(b -> b.familyPrefix(family).sort(SortOrder.DESC))
                        .taskDefinitionArns().stream()
                        .map(EcsSection::shortArn)
                        .filter(name -> name.startsWith(family + ":"))
                        .map(name -> name.substring(family.length() + 1))
                        .toList();
                html.append("<li><strong>").append(Html.escape(family)).append("</strong> revisions ")
                        .append(Html.escape(String.join(", ", revisions))).append("</li>");
            }
            html.append("</ul>");
        } catch (SdkException e) {
            html.append(Markup.unavailable("ECS ListTaskDefinitionFamilies", e));
        }
        return html.append("</section>").toString();
    }
}
