package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.runtime.LocalProcessRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the real containers' Service Connect names in step with the tasks: after every task state
 * change, each client alias of the account-region ({@code dnsName:port}) routes to the tasks that
 * answer it now ({@link ClientAliases}), so that a task asked to stop leaves the rotation when it
 * is deregistered, before its containers get SIGTERM.
 */
public final class LocalAliasRoutes implements TaskStateListener {
    private final LocalProcessRuntime runtime;

    public LocalAliasRoutes(LocalProcessRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void taskChanged(TaskStateChange change) {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (ClientAliases.ServiceAliases service : ClientAliases.of(change.region())) {
            for (ClientAliases.Resolution alias : service.aliases()) {
                endpoints.merge(alias.alias(), alias.endpoints(), (a, b) -> a.size() >= b.size() ? a : b);
            }
        }
        runtime.names(change.region().accountId(), change.region().region(), endpoints);
    }
}
