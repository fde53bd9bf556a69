package dev.ecslabs.emulator;

import io.javalin.config.RoutesConfig;

/** Routes a part of the emulator serves besides the AWS JSON endpoint (the registry's {@code /v2/}, for one). */
@FunctionalInterface
public interface HttpRoutes {
    void addTo(RoutesConfig routes);
}
