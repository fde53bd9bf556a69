package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.task.TaskReach;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.runtime.ProbeEnvironment;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;

/**
 * Name resolution inside a task of a Service Connect service: its proxy answers the client
 * aliases it was configured with ({@code curl -f http://backend:8080/}) while the proxy runs, and
 * the request succeeds when an instance of the endpoint answers
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html). Other names
 * resolve nowhere; a task outside Service Connect resolves none.
 */
public final class ClientAliasReach implements TaskReach {

    @Override
    public ProbeEnvironment around(AccountRegion region, TaskRun run) {
        Optional<List<Endpoint>> known = region.existingArea(ServiceConnectState.class)
                .flatMap(state -> state.endpointsOf(run.taskArn()));
        if (known.isEmpty() || !ServiceConnectProxy.running(run.task())) {
            return NONE.around(region, run);
        }
        return (host, port, path) -> known.get().stream().filter(endpoint -> endpoint.alias().matches(host, port))
                .findFirst().map(endpoint -> !EndpointResolution.answering(region, endpoint).isEmpty()).orElse(false);
    }
}
