package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.ecs.account.AccountSettingActions;
import dev.ecslabs.emulator.ecs.account.AccountSettings;
import dev.ecslabs.emulator.ecs.capacity.CapacityProviderActions;
import dev.ecslabs.emulator.ecs.cluster.ClusterActions;
import dev.ecslabs.emulator.ecs.instance.AgentActions;
import dev.ecslabs.emulator.ecs.instance.AttributeActions;
import dev.ecslabs.emulator.ecs.instance.ContainerInstanceActions;
import dev.ecslabs.emulator.ecs.instance.ContainerInstances;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.express.ExpressGatewayActions;
import dev.ecslabs.emulator.ecs.express.ExpressServices;
import dev.ecslabs.emulator.ecs.cluster.ServiceConnectNamespaces;
import dev.ecslabs.emulator.ecs.service.ServiceActions;
import dev.ecslabs.emulator.ecs.service.ServiceDeploymentActions;
import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.service.TaskProtectionActions;
import dev.ecslabs.emulator.ecs.service.TaskSetActions;
import dev.ecslabs.emulator.ecs.service.TaskProtections;
import dev.ecslabs.emulator.ecs.serviceconnect.ClientAliasReach;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectActions;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectRegistrations;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectState;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectTasks;
import dev.ecslabs.emulator.ecs.service.discovery.ServiceRegistries;
import dev.ecslabs.emulator.ecs.service.discovery.TaskRegistrations;
import dev.ecslabs.emulator.ecs.task.ExecuteCommandActions;
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

    /**
     * Registers the ECS actions; tasks run on {@code fargate}. Answers the service scheduler, which
     * runs the services' tasks on it: {@link #persist} resumes it after a restore.
     */
    public static ServiceScheduler register(OperationTable table, Fargate fargate) {
        ServiceScheduler scheduler = new ServiceScheduler(fargate);
        EcsTagging tagging = new EcsTagging();
        ClusterActions clusters = new ClusterActions(ServiceConnectNamespaces.CLOUD_MAP);
        TaskDefinitionActions taskDefinitions = new TaskDefinitionActions();
        TaskActions tasks = new TaskActions(fargate, ServiceActions::exists);
        ServiceActions services = new ServiceActions(scheduler);
        TaskSetActions taskSets = new TaskSetActions(scheduler);
        tagging.register(clusters).register(taskDefinitions).register(tasks).register(services).register(taskSets);
        clusters.register(table);
        taskDefinitions.register(table);
        tasks.register(table);
        services.register(table);
        new ServiceDeploymentActions(scheduler).register(table);
        taskSets.register(table);
        new ExpressGatewayActions(table).register(table);
        new AccountSettingActions().register(table);
        new TaskProtectionActions(scheduler).register(table);
        new ExecuteCommandActions().register(table);
        new CapacityProviderActions().register(table);
        new ContainerInstanceActions(fargate, scheduler::resume).register(table);
        new AttributeActions().register(table);
        new AgentActions().register(table);
        EcsNotServed.explain(table);
        new ServiceConnectActions().register(table);
        // Service Connect configures each task's proxy and creates its Cloud Map services (told first, so they exist
        // when the task is registered); it resolves client aliases inside the tasks.
        fargate.addListener(new ServiceConnectTasks());
        fargate.reachWith(new ClientAliasReach());
        // Cloud Map registration of service tasks while they run: a service registry's, and Service Connect's.
        new TaskRegistrations(fargate).add(new ServiceRegistries()).add(new ServiceConnectRegistrations());
        tagging.register(table);
        return scheduler;
    }

    /**
     * The ECS areas whose state survives a restart of {@code ./lab start} (with the tasks' network
     * interfaces), and what resumes their lifecycles: {@code fargate}, which plays the tasks, then
     * the {@code scheduler}, which reconciles the services with them.
     */
    public static void persist(PersistentAreas areas, Fargate fargate, ServiceScheduler scheduler) {
        areas.add("ecs/clusters", Clusters.class, Clusters::of)
                .add("ecs/accountSettings", AccountSettings.class, AccountSettings::of)
                .add("ecs/taskProtections", TaskProtections.class, TaskProtections::of)
                .add("ecs/containerInstances", ContainerInstances.class, ContainerInstances::of)
                .add("ecs/taskDefinitions", TaskDefinitions.class, TaskDefinitions::of)
                .add("ecs/tasks", Tasks.class, Tasks::of)
                .add("ecs/services", Services.class, Services::of)
                .add("network/interfaces", NetworkInterfaces.class, NetworkInterfaces::of)
                .add("ecs/serviceConnect", ServiceConnectState.class, ServiceConnectState::of)
                .add("ecs/express", ExpressServices.class, ExpressServices::of)
                .resumeWith((region, problems) -> fargate.resume(region))
                .resumeWith((region, problems) -> scheduler.resume(region))
                .resumeWith((region, problems) -> ContainerInstanceActions.resume(region));
    }
}
