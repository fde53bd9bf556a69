package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The task metadata endpoint version 4 for real containers: {@code GET ${ECS_CONTAINER_METADATA_URI_V4}}
 * (the container) and {@code GET ${ECS_CONTAINER_METADATA_URI_V4}/task} (its task), as Fargate
 * serves them (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html).
 * A container is given {@code http://169.254.170.2/v4/<token>} in its environment and the task
 * network takes 169.254.170.2:80 to this port. AWS knows the caller by its container's address and
 * asks no credentials; here the caller is known by the token, a 128-bit secret given only to that
 * container: like a presigned URL it is the credential, no parameter names an account. A token
 * nobody was given, or whose task stopped, answers 404.
 */
public final class TaskMetadataRoute implements HttpRoutes {
    public static final String PATH = "/v4/{token}";

    private final Fargate fargate;

    public TaskMetadataRoute(Fargate fargate) {
        this.fargate = fargate;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> answer(ctx, fargate.taskMetadata(ctx.pathParam("token"), false)));
        routes.get(PATH + "/task", ctx -> answer(ctx, fargate.taskMetadata(ctx.pathParam("token"), true)));
    }

    private static void answer(Context ctx, Optional<ObjectNode> metadata) {
        ctx.contentType("application/json");
        if (metadata.isEmpty()) {
            ctx.status(404).result(AwsJsonCodec.MAPPER.createObjectNode().put("message", "No running container was given the "
                    + "task metadata endpoint " + ctx.path() + ": use the ECS_CONTAINER_METADATA_URI_V4 of a container "
                    + "of a task that has not stopped.").toString());
            return;
        }
        ctx.result(metadata.get().toString());
    }
}
