package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.runtime.LocalProcessRuntime;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the real containers' names in step with the tasks: after every task state change, each
 * Service Connect client alias of the account-region ({@code dnsName:port}) routes to the tasks
 * that answer it now ({@link ClientAliases}), connection by connection or, for an http, http2 or grpc port
 * ({@link HttpClientAliases}), request by request, so that a task asked to stop leaves the rotation
 * when it is deregistered, before its containers get SIGTERM; and the names of Cloud Map's DNS
 * namespaces resolve to their instances' IPs.
 */
public final class LocalAliasRoutes implements TaskStateListener {
    private final LocalProcessRuntime runtime;

    public LocalAliasRoutes(LocalProcessRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void taskChanged(TaskStateChange change) {
        AccountRegion region = change.region();
        if (!runtime.runsContainers(region.accountId(), region.region())) {
            return; // only simulated containers so far: nothing reads the names (the first real one's own steps follow)
        }
        refresh(region);
        // Cloud Map applies a registration or deregistration with its operation, a moment after the task's step: again then.
        region.schedule(CloudMap.registrationTime(true).plusSeconds(1), () -> refresh(region));
    }

    private void refresh(AccountRegion region) {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (ClientAliases.ServiceAliases service : ClientAliases.of(region)) {
            for (ClientAliases.Resolution alias : service.aliases()) {
                endpoints.merge(alias.alias(), alias.endpoints(), (a, b) -> a.size() >= b.size() ? a : b);
            }
        }
        runtime.names(region.accountId(), region.region(), endpoints, HttpClientAliases.of(region),
                CloudMap.of(region).addressRecords());
    }
}
