package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.ecs.cluster.ClusterActions;
import dev.ecslabs.emulator.ecs.cluster.ServiceConnectNamespaces;
import dev.ecslabs.emulator.protocol.OperationTable;

/** Wires every ECS action group into the operation table. */
public final class EcsApi {
    private EcsApi() {
    }

    public static void register(OperationTable table) {
        EcsTagging tagging = new EcsTagging();
        ClusterActions clusters = new ClusterActions(ServiceConnectNamespaces.CLOUD_MAP);
        tagging.register(clusters);
        clusters.register(table);
        tagging.register(table);
    }
}
