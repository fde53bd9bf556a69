package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerRoute;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import java.util.Optional;

/**
 * Where a task's real containers answer on this machine, for the learner's browser and tests:
 * {@code curl --aws-sigv4 "aws:amz:us-east-1:ecs" --user test:test "http://localhost:4566/_emulator/tasks/<task-id>/ports"}
 * answers {@code {"ports":[{"containerName":"app","containerPort":8080,"protocol":"tcp","url":"http://127.0.0.1:54321"}]}}
 * for a task of the caller's account and region (from the credentials, see {@link CallerRoute}),
 * and which runtime each container got ({@code containers}). A simulated container has no ports
 * here: nothing listens for it. An unknown task answers 404.
 */
public final class TaskPortsRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/tasks/{task}/ports";

    private final StateStore store;
    private final Fargate fargate;

    public TaskPortsRoute(StateStore store, Fargate fargate) {
        this.store = store;
        this.fargate = fargate;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, CallerRoute.of((ctx, caller) -> {
            String task = ctx.pathParam("task");
            // A read must not create an account-region: only one that holds state can have the task.
            Optional<AccountRegion> region = store.existing(caller.accountId(), caller.region());
            if (region.isEmpty() || !fargate.hasTask(region.get(), task)) {
                ObjectNode error = AwsJsonCodec.MAPPER.createObjectNode().put("__type", "ResourceNotFoundException")
                        .put("message", "No task " + (task.length() > 80 ? task.substring(0, 80) + "…" : task) + " in account " + caller.accountId() + ", region "
                                + caller.region() + ": give the id (or ARN) of a task RunTask or a service started there.");
                ctx.status(404).contentType("application/json").result(error.toString());
                return;
            }
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            ArrayNode ports = answer.putArray("ports");
            for (Fargate.LocalContainerPort port : fargate.localPorts(region.get(), task)) {
                ports.addObject().put("containerName", port.containerName()).put("containerPort", port.containerPort())
                        .put("protocol", "tcp").put("url", "http://127.0.0.1:" + port.localPort());
            }
            ArrayNode containers = answer.putArray("containers");
            for (Fargate.ContainerPlacement placement : fargate.placements(region.get(), task)) {
                ObjectNode container = containers.addObject().put("containerName", placement.containerName())
                        .put("runtime", placement.runtime());
                if (placement.reason() != null) {
                    container.put("reason", placement.reason());
                }
                placement.lastOutputLines().forEach(container.putArray("lastOutputLines")::add);
            }
            ctx.contentType("application/json").result(answer.toString());
        }));
    }
}
