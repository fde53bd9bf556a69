package dev.ecslabs.services;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/** Running the web app as an ECS service: create it, read what it did, replace and scale its tasks, roll out revisions, delete it. */
public final class WebServices {
    /** How many tasks the web app's service runs. */
    public static final int DESIRED_COUNT = 2;

    private WebServices() {
    }

    /** Exercise 04.1: a Fargate service of two tasks of the task definition, once it is stable. */
    public static Service createService(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                        String taskDefinition, List<String> subnets) {
        ecs.createService(request -> request
                .cluster(cluster)
                .serviceName(serviceName)
                .taskDefinition(taskDefinition)
                .desiredCount(DESIRED_COUNT)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(NetworkConfiguration.builder()
                        .awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets).assignPublicIp(AssignPublicIp.ENABLED))
                        .build()));
        // CreateService answers before any task runs; the scheduler starts them on its own.
        return lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName)));
    }

    /** Exercise 04.2: what the service scheduler reported, in the order it happened. */
    public static List<String> eventMessages(EcsClient ecs, String cluster, String serviceName) {
        List<String> messages = new ArrayList<>(describe(ecs, cluster, serviceName).events().stream()
                .map(ServiceEvent::message)
                .toList());
        Collections.reverse(messages);
        return messages;
    }

    /** Exercise 04.3: the service's running tasks after one of them was stopped and the scheduler replaced it. */
    public static List<String> replaceTask(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                           String taskArn) {
        ecs.stopTask(request -> request.cluster(cluster).task(taskArn).reason("Replaced to show the service scheduler at work"));
        // Right after StopTask the task may still count as RUNNING: the service only looks stable again once it is gone.
        waiter.waitUntilTasksStopped(request -> request.cluster(cluster).tasks(taskArn));
        waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName));
        return ecs.listTasksPaginator(request -> request.cluster(cluster).serviceName(serviceName)
                        .desiredStatus(DesiredStatus.RUNNING))
                .taskArns()
                .stream()
                .toList();
    }

    /** Exercise 04.4: the service once it runs {@code desiredCount} tasks. */
    public static Service scale(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName, int desiredCount) {
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).desiredCount(desiredCount));
        return lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName)));
    }

    /** Exercise 04.5: the deployments of a service, PRIMARY first, as DeploymentSummary records. */
    public static List<DeploymentSummary> deployments(Service service) {
        return service.deployments().stream()
                .map(deployment -> new DeploymentSummary(
                        deployment.status(),
                        familyRevision(deployment.taskDefinition()),
                        deployment.rolloutStateAsString(),
                        deployment.desiredCount(),
                        deployment.runningCount(),
                        deployment.pendingCount()))
                .toList();
    }

    /** Exercise 04.6: a new revision rolled out with minimumHealthyPercent 100 and maximumPercent 200: its deployment, COMPLETED. */
    public static Deployment rollOut(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                     String taskDefinition) {
        // Never fewer than desiredCount healthy tasks, at most twice as many running: no capacity lost during the rollout.
        DeploymentConfiguration keepEveryTask = DeploymentConfiguration.builder()
                .minimumHealthyPercent(100)
                .maximumPercent(200)
                .build();
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).taskDefinition(taskDefinition)
                .deploymentConfiguration(keepEveryTask));
        Service stable = lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster)
                .services(serviceName)));
        return primary(stable);
    }

    /** Exercise 04.7: a revision rolled out with the deployment circuit breaker and rollback on, and how that ended. */
    public static RolloutResult rollOutSafely(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                              String taskDefinition) {
        DeploymentConfiguration rollBackOnFailure = DeploymentConfiguration.builder()
                .deploymentCircuitBreaker(breaker -> breaker.enable(true).rollback(true))
                .build();
        Service updated = ecs.updateService(request -> request.cluster(cluster).service(serviceName)
                .taskDefinition(taskDefinition).deploymentConfiguration(rollBackOnFailure)).service();
        // Stable again means either the new revision runs, or the circuit breaker rolled the service back.
        Service stable = lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster)
                .services(serviceName)));
        ServiceDeployment deployment = ecs.describeServiceDeployments(request -> request
                        .serviceDeploymentArns(updated.currentServiceDeployment()))
                .serviceDeployments()
                .get(0);
        return new RolloutResult(deployment.statusAsString(), deployment.statusReason(), stable.taskDefinition());
    }

    /** Exercise 04.8: the service deleted properly: scaled to 0, deleted, and INACTIVE. */
    public static Service deleteService(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName) {
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).desiredCount(0));
        ecs.deleteService(request -> request.cluster(cluster).service(serviceName));
        return lastDescribed(waiter.waitUntilServicesInactive(request -> request.cluster(cluster).services(serviceName)));
    }

    private static Service describe(EcsClient ecs, String cluster, String serviceName) {
        DescribeServicesResponse response = ecs.describeServices(request -> request.cluster(cluster).services(serviceName));
        if (response.services().isEmpty()) {
            throw new IllegalArgumentException("No service " + serviceName + " in the cluster " + cluster + ": "
                    + response.failures());
        }
        return response.services().get(0);
    }

    /** Exercise 04.9: the course's own app as a service of DESIRED_COUNT tasks: the ARNs of its running tasks, once it is stable. */
    public static List<String> runCourseApp(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName, String image,
                                            List<String> subnets) {
        ContainerDefinition app = ContainerDefinition.builder()
                .name("app")
                .image(image)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(8080).protocol(TransportProtocol.TCP).build())
                .build();
        String taskDefinition = ecs.registerTaskDefinition(request -> request
                        .family(serviceName)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(app))
                .taskDefinition().taskDefinitionArn();
        createService(ecs, waiter, cluster, serviceName, taskDefinition, subnets);
        return ecs.listTasksPaginator(request -> request.cluster(cluster).serviceName(serviceName)
                        .desiredStatus(DesiredStatus.RUNNING))
                .taskArns()
                .stream()
                .toList();
    }

    private static Deployment primary(Service service) {
        return service.deployments().stream()
                .filter(deployment -> "PRIMARY".equals(deployment.status()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(service.serviceName() + " has no PRIMARY deployment"));
    }

    /** The family and revision at the end of a task definition ARN: {@code …:task-definition/web:3} is {@code web:3}. */
    private static String familyRevision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    /** The service as the waiter's last DescribeServices call saw it. */
    private static Service lastDescribed(WaiterResponse<DescribeServicesResponse> waited) {
        return waited.matched().response()
                .map(described -> described.services().get(0))
                .orElseThrow(() -> new IllegalStateException("The waiter ended without a DescribeServices answer",
                        waited.matched().exception().orElse(null)));
    }
}
