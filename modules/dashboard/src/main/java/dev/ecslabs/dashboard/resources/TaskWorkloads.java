package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Html;

/**
 * What the course's emulator runs for a task ({@code GET /_emulator/tasks/<id>/ports}): for each
 * container, whether it is a real process (with a link to each of its ports on this machine and
 * the last lines it wrote) or simulated, and why.
 */
final class TaskWorkloads {
    /** How many of a container's last lines the page shows. */
    static final int LAST_LINES = 5;

    private TaskWorkloads() {
    }

    static String render(JsonNode answer) {
        StringBuilder html = new StringBuilder();
        for (JsonNode container : answer.path("containers")) {
            String name = container.path("containerName").asText();
            boolean real = "local-process".equals(container.path("runtime").asText());
            html.append("<p class=\"runtime\" data-container=\"").append(Html.escape(name)).append("\">")
                    .append(Html.escape(name)).append(": ");
            if (real) {
                html.append("runs as a process of this machine");
                for (JsonNode port : answer.path("ports")) {
                    if (name.equals(port.path("containerName").asText())) {
                        String url = port.path("url").asText();
                        html.append(" · port ").append(port.path("containerPort").asInt()).append(" at <a href=\"")
                                .append(Html.escape(url)).append("\" target=\"_blank\">").append(Html.escape(url)).append("</a>");
                    }
                }
            } else {
                html.append("simulated");
                if (container.hasNonNull("reason")) {
                    html.append(" (").append(Html.escape(container.path("reason").asText())).append(")");
                }
            }
            html.append("</p>");
            JsonNode lines = container.path("lastOutputLines");
            if (real && lines.size() > 0) {
                html.append("<pre class=\"output\">");
                for (int i = Math.max(0, lines.size() - LAST_LINES); i < lines.size(); i++) {
                    html.append(Html.escape(lines.get(i).asText())).append('\n');
                }
                html.append("</pre>");
            }
        }
        return html.toString();
    }
}
