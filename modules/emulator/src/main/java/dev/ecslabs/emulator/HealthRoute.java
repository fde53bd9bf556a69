package dev.ecslabs.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.clock.ScaledClock;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.ServiceModel;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /_emulator/health}: the version, the clock, the DNS server's port when it runs (so that
 * a lab can ask it for Cloud Map's DNS names), and the services served with their implemented actions.
 */
final class HealthRoute implements HttpRoutes {
    static final String PATH = "/_emulator/health";

    private final Emulator emulator;

    HealthRoute(Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType("application/json").result(health().toString()));
    }

    private ObjectNode health() {
        ObjectNode health = AwsJsonCodec.MAPPER.createObjectNode();
        health.put("status", "running");
        health.put("version", Emulator.version());
        ObjectNode clock = health.putObject("clock");
        clock.put("now", emulator.clock().now().toString());
        if (emulator.clock() instanceof ScaledClock scaled) {
            clock.put("speed", scaled.speed());
        } else if (emulator.clock() instanceof JumpingClock jumping) {
            clock.put("speed", jumping.speed());
            clock.put("jumpedSeconds", jumping.jumped().toSeconds());
        }
        if (emulator.servesDns()) {
            health.putObject("dns").put("port", emulator.dnsPort());
        }
        ArrayNode services = health.putArray("services");
        for (AwsService service : AwsService.values()) {
            ObjectNode entry = services.addObject();
            entry.put("name", service.signingName());
            if (service.protocol() == AwsService.Protocol.AWS_JSON) {
                entry.put("targetPrefix", service.targetPrefix());
            } else {
                entry.put("protocol", "query"); // POST / form-encoded, the service named by the SigV4 scope
                entry.put("version", ServiceModel.of(service).metadata("apiVersion"));
            }
            ArrayNode actions = entry.putArray("actions");
            emulator.operations().implemented(service).forEach(actions::add);
        }
        return health;
    }
}
