package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * The Fargate Spot interruption switch over HTTP, for trying it by hand:
 * {@code curl -X POST "http://localhost:4566/_emulator/fargate-spot/interruptions?cluster=labs&region=us-east-1&account=000000000000"}
 * interrupts the cluster's FARGATE_SPOT tasks and answers their ARNs. {@code account} defaults to
 * 000000000000 (the account of any access key that is not 12 digits), {@code region} to us-east-1,
 * {@code cluster} to default.
 */
public final class FargateSpotRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/fargate-spot/interruptions";

    private final Fargate fargate;

    public FargateSpotRoute(Fargate fargate) {
        this.fargate = fargate;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, ctx -> {
            String account = orDefault(ctx.queryParam("account"), "000000000000");
            String region = orDefault(ctx.queryParam("region"), "us-east-1");
            String cluster = orDefault(ctx.queryParam("cluster"), "default");
            List<String> interrupted = fargate.interruptSpotTasks(account, region, cluster);
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            answer.put("account", account).put("region", region).put("cluster", cluster);
            interrupted.forEach(answer.putArray("interruptedTasks")::add);
            ctx.contentType("application/json").result(answer.toString());
        });
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
