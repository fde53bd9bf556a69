package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.ecs.cluster.ClusterActions;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.cluster.ServiceConnectNamespaces;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskActions;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionActions;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/** Wires every ECS action group into the operation table, and every ECS area into persistence. */
public final class EcsApi {
    private EcsApi() {
    }

    /** Registers the ECS actions; tasks run on {@code fargate}. */
    public static void register(OperationTable table, Fargate fargate) {
        EcsTagging tagging = new EcsTagging();
        ClusterActions clusters = new ClusterActions(ServiceConnectNamespaces.CLOUD_MAP);
        TaskDefinitionActions taskDefinitions = new TaskDefinitionActions();
        TaskActions tasks = new TaskActions(fargate);
        tagging.register(clusters).register(taskDefinitions).register(tasks);
        clusters.register(table);
        taskDefinitions.register(table);
        tasks.register(table);
        tagging.register(table);
    }

    /** The ECS areas whose state survives a restart of {@code ./lab start}. */
    public static void persist(PersistentAreas areas) {
        areas.add("ecs/clusters", Clusters.class, Clusters::of);
    }
}
