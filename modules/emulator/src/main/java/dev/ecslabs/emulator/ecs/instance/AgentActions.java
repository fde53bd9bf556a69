package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointRequest;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointResponse;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesRequest;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesResponse;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeResponse;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The actions only the ECS container agent calls ("This action is only used by the Amazon ECS
 * agent, and it is not intended for use outside of the agent"): DiscoverPollEndpoint answers the
 * region's endpoints; the Submit*StateChange actions check what they name (cluster, task,
 * container) and acknowledge it. The emulator's own simulated agent plays every task's lifecycle,
 * so a reported change is acknowledged, not applied
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_SubmitTaskStateChange.html).
 */
public final class AgentActions implements ActionGroup {
    static final String ACK = "ACK";

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "DiscoverPollEndpoint", DiscoverPollEndpointRequest::builder, this::discoverPollEndpoint)
                .add(AwsService.ECS, "SubmitTaskStateChange", SubmitTaskStateChangeRequest::builder, this::submitTaskStateChange)
                .add(AwsService.ECS, "SubmitContainerStateChange", SubmitContainerStateChangeRequest::builder,
                        this::submitContainerStateChange)
                .add(AwsService.ECS, "SubmitAttachmentStateChanges", SubmitAttachmentStateChangesRequest::builder,
                        this::submitAttachmentStateChanges);
    }

    DiscoverPollEndpointResponse discoverPollEndpoint(RequestContext context, DiscoverPollEndpointRequest request) {
        String region = context.region();
        return DiscoverPollEndpointResponse.builder()
                .endpoint("https://ecs-a-1." + region + ".amazonaws.com/")
                .telemetryEndpoint("https://ecs-t-1." + region + ".amazonaws.com/")
                .serviceConnectEndpoint("https://ecs-sc." + region + ".api.aws")
                .build();
    }

    SubmitTaskStateChangeResponse submitTaskStateChange(RequestContext context, SubmitTaskStateChangeRequest request) {
        task(context, request.cluster(), request.task());
        return SubmitTaskStateChangeResponse.builder().acknowledgment(ACK).build();
    }

    SubmitContainerStateChangeResponse submitContainerStateChange(RequestContext context, SubmitContainerStateChangeRequest request) {
        Task task = task(context, request.cluster(), request.task());
        if (request.containerName() != null && task.containers().stream().noneMatch(c -> c.name().equals(request.containerName()))) {
            throw EcsErrors.invalidParameter("The task " + task.taskArn() + " has no container named '"
                    + request.containerName() + "'.");
        }
        return SubmitContainerStateChangeResponse.builder().acknowledgment(ACK).build();
    }

    SubmitAttachmentStateChangesResponse submitAttachmentStateChanges(RequestContext context,
                                                                      SubmitAttachmentStateChangesRequest request) {
        Clusters.of(context.state()).requireActive(request.cluster());
        return SubmitAttachmentStateChangesResponse.builder().acknowledgment(ACK).build();
    }

    private static Task task(RequestContext context, String clusterName, String named) {
        Cluster cluster = Clusters.of(context.state()).requireActive(clusterName);
        return Tasks.of(context.state()).find(named).map(TaskRun::task)
                .filter(t -> t.clusterArn().equals(cluster.clusterArn()))
                .orElseThrow(() -> EcsErrors.invalidParameter("The referenced task was not found: no task '" + named
                        + "' in the cluster " + cluster.clusterName() + "."));
    }
}
