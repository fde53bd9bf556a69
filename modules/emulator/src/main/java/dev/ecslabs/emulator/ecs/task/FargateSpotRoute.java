package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerRoute;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * The Fargate Spot interruption switch over HTTP, for trying it by hand:
 * {@code curl -X POST --aws-sigv4 "aws:amz:us-east-1:ecs" --user test:test "http://localhost:4566/_emulator/fargate-spot/interruptions?cluster=labs"}
 * interrupts the cluster's FARGATE_SPOT tasks of the caller's account and region (from the
 * credentials, see {@link CallerRoute}) and answers their ARNs. {@code cluster} defaults to default.
 */
public final class FargateSpotRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/fargate-spot/interruptions";

    private final Fargate fargate;

    public FargateSpotRoute(Fargate fargate) {
        this.fargate = fargate;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, CallerRoute.of((ctx, caller) -> {
            String account = caller.accountId();
            String region = caller.region();
            String cluster = orDefault(ctx.queryParam("cluster"), "default");
            List<String> interrupted = fargate.interruptSpotTasks(account, region, cluster);
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            answer.put("account", account).put("region", region).put("cluster", cluster);
            interrupted.forEach(answer.putArray("interruptedTasks")::add);
            ctx.contentType("application/json").result(answer.toString());
        }));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
