package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.ecs.cluster.ClusterActions;
import dev.ecslabs.emulator.ecs.cluster.ServiceConnectNamespaces;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionActions;
import dev.ecslabs.emulator.protocol.OperationTable;

/** Wires every ECS action group into the operation table. */
public final class EcsApi {
    private EcsApi() {
    }

    public static void register(OperationTable table) {
        EcsTagging tagging = new EcsTagging();
        ClusterActions clusters = new ClusterActions(ServiceConnectNamespaces.CLOUD_MAP);
        TaskDefinitionActions taskDefinitions = new TaskDefinitionActions();
        tagging.register(clusters).register(taskDefinitions);
        clusters.register(table);
        taskDefinitions.register(table);
        tagging.register(table);
    }
}
