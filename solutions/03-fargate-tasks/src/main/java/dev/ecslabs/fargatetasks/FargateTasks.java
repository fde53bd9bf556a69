package dev.ecslabs.fargatetasks;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/** Running the web app and batch jobs as Fargate tasks: start them, watch them, read what happened, stop them. */
public final class FargateTasks {
    /** Fargate's two capacity providers: on-demand capacity, and spare capacity at a discount that AWS can take back. */
    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";

    private static final String ENI_ATTACHMENT = "ElasticNetworkInterface";
    private static final String PRIVATE_IP = "privateIPv4Address";

    private FargateTasks() {
    }

    /** Exercise 03.1: a cluster whose tasks go to Fargate and Fargate Spot by default. */
    public static Cluster createFargateCluster(EcsClient ecs, String name) {
        // The first task always gets on-demand capacity; of the rest, three in four run on the cheaper Spot capacity.
        CapacityProviderStrategyItem onDemand = CapacityProviderStrategyItem.builder()
                .capacityProvider(FARGATE).base(1).weight(1).build();
        CapacityProviderStrategyItem spot = CapacityProviderStrategyItem.builder()
                .capacityProvider(FARGATE_SPOT).weight(3).build();
        return ecs.createCluster(request -> request
                        .clusterName(name)
                        .capacityProviders(FARGATE, FARGATE_SPOT)
                        .defaultCapacityProviderStrategy(onDemand, spot))
                .cluster();
    }

    /** Exercise 03.2: one task of the task definition, started on Fargate in the subnets and RUNNING. */
    public static Task runAndWait(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                  List<String> subnets) {
        Task started = runOne(ecs, onFargate(cluster, taskDefinition, subnets).build());
        return lastDescribed(waiter.waitUntilTasksRunning(request -> request.cluster(cluster).tasks(started.taskArn())));
    }

    /** Exercise 03.3: the private IP address Fargate gave the task. */
    public static String privateIpOf(Task task) {
        return task.attachments().stream()
                .filter(attachment -> ENI_ATTACHMENT.equals(attachment.type()))
                .flatMap(attachment -> attachment.details().stream())
                .filter(detail -> PRIVATE_IP.equals(detail.name()))
                .map(KeyValuePair::value)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Task " + task.taskArn() + " has no network interface "
                        + "attached yet (it is " + task.lastStatus() + "): wait until it is RUNNING."));
    }

    /** Exercise 03.4: a batch job run to its end: the task once it is STOPPED. */
    public static Task runToCompletion(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                       List<String> subnets) {
        Task started = runOne(ecs, onFargate(cluster, taskDefinition, subnets).build());
        return lastDescribed(waiter.waitUntilTasksStopped(request -> request.cluster(cluster).tasks(started.taskArn())));
    }

    /** Exercise 03.4: how a container of a stopped task ended. */
    public static int exitCodeOf(Task task, String containerName) {
        Container container = task.containers().stream()
                .filter(candidate -> candidate.name().equals(containerName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Task " + task.taskArn() + " has no container "
                        + containerName));
        if (container.exitCode() == null) {
            throw new IllegalStateException("Container " + containerName + " has no exit code: it is "
                    + container.lastStatus() + (container.reason() == null ? "" : " (" + container.reason() + ")"));
        }
        return container.exitCode();
    }

    /** Exercise 03.5: why a task did not reach RUNNING, as "stopCode: stoppedReason"; empty when it runs. */
    public static Optional<String> whyItDidNotStart(EcsClient ecs, EcsWaiter waiter, String cluster, String taskArn) {
        try {
            waiter.waitUntilTasksRunning(request -> request.cluster(cluster).tasks(taskArn));
            return Optional.empty();
        } catch (SdkClientException waiterFailed) {
            Task task = ecs.describeTasks(request -> request.cluster(cluster).tasks(taskArn)).tasks().get(0);
            if (!"STOPPED".equals(task.lastStatus())) {
                // The waiter gave up for another reason (it timed out, or ECS could not be reached): not ours to explain.
                throw waiterFailed;
            }
            return Optional.of(task.stopCodeAsString() + ": " + task.stoppedReason());
        }
    }

    /** Exercise 03.6: one run of the task definition with another command for one of its containers. */
    public static Task runWithCommand(EcsClient ecs, String cluster, String taskDefinition, List<String> subnets,
                                      String containerName, List<String> command) {
        ContainerOverride override = ContainerOverride.builder().name(containerName).command(command).build();
        return runOne(ecs, onFargate(cluster, taskDefinition, subnets)
                .overrides(overrides -> overrides.containerOverrides(override))
                .build());
    }

    /** Exercise 03.7: a task stopped for a reason, once it is STOPPED. */
    public static Task stopAndWait(EcsClient ecs, EcsWaiter waiter, String cluster, String taskArn, String reason) {
        ecs.stopTask(request -> request.cluster(cluster).task(taskArn).reason(reason));
        return lastDescribed(waiter.waitUntilTasksStopped(request -> request.cluster(cluster).tasks(taskArn)));
    }

    /** Exercise 03.8: the ARNs of a family's tasks with this desired status, from every page. */
    public static List<String> taskArnsOfFamily(EcsClient ecs, String cluster, String family, DesiredStatus desiredStatus) {
        return ecs.listTasksPaginator(request -> request.cluster(cluster).family(family).desiredStatus(desiredStatus))
                .taskArns()
                .stream()
                .toList();
    }

    /** A RunTask request for one Fargate task in the subnets, reachable from the internet to pull public images. */
    private static RunTaskRequest.Builder onFargate(String cluster, String taskDefinition, List<String> subnets) {
        return RunTaskRequest.builder()
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .count(1)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(NetworkConfiguration.builder()
                        .awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets).assignPublicIp(AssignPublicIp.ENABLED))
                        .build());
    }

    /** Runs one task; RunTask reports a task it could not start in failures, not as an exception. */
    private static Task runOne(EcsClient ecs, RunTaskRequest request) {
        RunTaskResponse response = ecs.runTask(request);
        if (response.tasks().isEmpty()) {
            String reasons = response.failures().stream().map(Failure::reason).reduce((a, b) -> a + "; " + b)
                    .orElse("no reason given");
            throw new IllegalStateException("ECS started no task of " + request.taskDefinition() + ": " + reasons);
        }
        return response.tasks().get(0);
    }

    /** The task as the waiter's last DescribeTasks call saw it. */
    private static Task lastDescribed(WaiterResponse<DescribeTasksResponse> waited) {
        return waited.matched().response()
                .map(described -> described.tasks().get(0))
                .orElseThrow(() -> new IllegalStateException("The waiter ended without a DescribeTasks answer",
                        waited.matched().exception().orElse(null)));
    }

    /** Exercise 03.9: the course's own app as a Fargate task definition; answers its ARN. */
    public static String registerCourseApp(EcsClient ecs, String family, String image) {
        return ecs.registerTaskDefinition(request -> request.family(family)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(container -> container.name("app").image(image).essential(true)
                                .portMappings(port -> port.containerPort(8080).protocol(TransportProtocol.TCP))))
                .taskDefinition()
                .taskDefinitionArn();
    }
}
