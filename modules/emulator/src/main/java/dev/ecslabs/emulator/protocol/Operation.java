package dev.ecslabs.emulator.protocol;

import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One AWS action the emulator answers: how to read its request, the handler method that answers it,
 * and the class that registered it (its service area's actions class, which COVERAGE.md names).
 */
public record Operation<Req, Resp extends SdkPojo>(AwsService service, String action,
                                                   Supplier<? extends SdkBuilder<?, Req>> request,
                                                   Handler<Req, Resp> handler, Class<?> registeredBy) {

    public String target() {
        return service.targetPrefix() + "." + action;
    }

    /** An action's handler: a method of a service area's actions class, named after the action. */
    @FunctionalInterface
    public interface Handler<Req, Resp extends SdkPojo> {
        Resp handle(RequestContext context, Req request);
    }
}
