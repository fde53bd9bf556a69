package dev.ecslabs.emulator.ecs.express;

import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.Operation;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The calls Express Mode makes with its infrastructure role: another service's action (ECS,
 * Elastic Load Balancing, Application Auto Scaling) answered by the same handler a client's call
 * reaches, in the caller's account and region, inside the caller's call.
 */
final class OnBehalf {
    private final OperationTable table;

    OnBehalf(OperationTable table) {
        this.table = table;
    }

    @SuppressWarnings("unchecked")
    <Req, Resp extends SdkPojo> Resp call(RequestContext caller, AwsService service, String action, Req request) {
        Operation<Req, Resp> operation = (Operation<Req, Resp>) table.find(service.targetPrefix() + "." + action)
                .orElseThrow(() -> new IllegalStateException(service + " " + action + " is not registered"));
        RequestContext context = new RequestContext(service, action, caller.requestId(), caller.caller(), caller.state(),
                caller.store());
        return operation.handler().handle(context, request);
    }
}
