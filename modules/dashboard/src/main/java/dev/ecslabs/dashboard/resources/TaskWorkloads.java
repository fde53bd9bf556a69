package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.List;

/**
 * What the course's emulator runs for a task ({@code GET /_emulator/tasks/<id>/ports}), as the
 * resources page shows it (template {@code resources/workloads.jte}): for each container, whether
 * it is a real process (with a link to each of its ports on this machine and the last lines it
 * wrote) or simulated, and why.
 */
record TaskWorkloads(List<Container> containers) {
    /** How many of a container's last lines the page shows. */
    static final int LAST_LINES = 5;
    /** Nothing known of the task's containers (not the course's emulator, or it did not answer). */
    static final TaskWorkloads NONE = new TaskWorkloads(List.of());

    /** One container: real (with its ports on this machine and its last lines) or simulated, and why. */
    record Container(String name, boolean real, String reason, List<Port> ports, List<String> lastLines) {
    }

    /** A container port and the local URL that reaches it. */
    record Port(int containerPort, String url) {
    }

    /** The page's view of the ports route's answer. */
    static TaskWorkloads of(JsonNode answer) {
        List<Container> containers = new ArrayList<>();
        for (JsonNode container : answer.path("containers")) {
            String name = container.path("containerName").asText();
            boolean real = "local-process".equals(container.path("runtime").asText());
            List<Port> ports = new ArrayList<>();
            for (JsonNode port : answer.path("ports")) {
                if (real && name.equals(port.path("containerName").asText())) {
                    ports.add(new Port(port.path("containerPort").asInt(), port.path("url").asText()));
                }
            }
            List<String> lines = new ArrayList<>();
            JsonNode output = container.path("lastOutputLines");
            for (int i = Math.max(0, output.size() - LAST_LINES); real && i < output.size(); i++) {
                lines.add(output.get(i).asText());
            }
            containers.add(new Container(name, real, container.hasNonNull("reason") ? container.path("reason").asText() : null,
                    ports, lines));
        }
        return new TaskWorkloads(containers);
    }

    /** The page's lines for the ports route's answer. */
    static String render(JsonNode answer) {
        return Pages.render("resources/workloads.jte", of(answer));
    }
}
