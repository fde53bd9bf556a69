package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.ecs.cluster.ClusterActions;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.cluster.ServiceConnectNamespaces;
import dev.ecslabs.emulator.ecs.service.ServiceActions;
import dev.ecslabs.emulator.ecs.service.ServiceDeploymentActions;
import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskActions;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionActions;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/** Wires every ECS action group into the operation table, and every ECS area into persistence. */
public final class EcsApi {
    private EcsApi() {
    }

    /** Registers the ECS actions; tasks run on {@code fargate}, services' tasks by the {@code scheduler}. */
    public static void register(OperationTable table, Fargate fargate, ServiceScheduler scheduler) {
        scheduler.bind(fargate);
        EcsTagging tagging = new EcsTagging();
        ClusterActions clusters = new ClusterActions(ServiceConnectNamespaces.CLOUD_MAP);
        TaskDefinitionActions taskDefinitions = new TaskDefinitionActions();
        TaskActions tasks = new TaskActions(fargate, ServiceActions::exists);
        ServiceActions services = new ServiceActions(scheduler);
        tagging.register(clusters).register(taskDefinitions).register(tasks).register(services);
        clusters.register(table);
        taskDefinitions.register(table);
        tasks.register(table);
        services.register(table);
        new ServiceDeploymentActions().register(table);
        tagging.register(table);
    }

    /**
     * The ECS areas whose state survives a restart of {@code ./lab start}. The services area
     * hands the services it restores to the {@code scheduler}, which reconciles them on the clock.
     */
    public static void persist(PersistentAreas areas, ServiceScheduler scheduler) {
        areas.add("ecs/clusters", Clusters.class, Clusters::of);
        areas.add("ecs/services", Services.class, region -> Services.of(region, scheduler));
    }
}
