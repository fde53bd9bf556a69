package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.ecs.cluster.ClusterActions;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.cluster.ServiceConnectNamespaces;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskActions;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionActions;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.network.NetworkInterfaces;
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

    /**
     * The ECS areas whose state survives a restart of {@code ./lab start} (with the tasks' network
     * interfaces), and what resumes the tasks' lifecycles: {@code fargate}, which plays them.
     */
    public static void persist(PersistentAreas areas, Fargate fargate) {
        areas.add("ecs/clusters", Clusters.class, Clusters::of)
                .add("ecs/taskDefinitions", TaskDefinitions.class, TaskDefinitions::of)
                .add("ecs/tasks", Tasks.class, Tasks::of)
                .add("network/interfaces", NetworkInterfaces.class, NetworkInterfaces::of)
                .resumeWith((region, problems) -> fargate.resume(region));
    }
}
