package dev.ecslabs.services;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
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
        // TODO: create the service (desiredCount DESIRED_COUNT, launchType FARGATE, an awsvpcConfiguration of the subnets with assignPublicIp ENABLED), wait with waiter.waitUntilServicesStable, and return the service as the waiter last described it
        throw new NotDoneYet();
    }

    /** Exercise 04.2: what the service scheduler reported, in the order it happened. */
    public static List<String> eventMessages(EcsClient ecs, String cluster, String serviceName) {
        // TODO: describe the service and return the message of each of its events, oldest first (DescribeServices lists them newest first)
        throw new NotDoneYet();
    }

    /** Exercise 04.3: the service's running tasks after one of them was stopped and the scheduler replaced it. */
    public static List<String> replaceTask(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                           String taskArn) {
        // TODO: stop the task with a reason, wait until it is STOPPED (waitUntilTasksStopped), then until the service is stable again, and return the ARNs of the service's RUNNING tasks (listTasks with serviceName)
        throw new NotDoneYet();
    }

    /** Exercise 04.4: the service once it runs {@code desiredCount} tasks. */
    public static Service scale(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName, int desiredCount) {
        // TODO: update the service's desiredCount, wait with waiter.waitUntilServicesStable, and return the service as the waiter last described it
        throw new NotDoneYet();
    }

    /** Exercise 04.5: the deployments of a service, PRIMARY first, as DeploymentSummary records. */
    public static List<DeploymentSummary> deployments(Service service) {
        // TODO: map each of service.deployments() to a DeploymentSummary, with the task definition as family:revision (the part of its ARN after the last '/')
        throw new NotDoneYet();
    }

    /** Exercise 04.6: a new revision rolled out with minimumHealthyPercent 100 and maximumPercent 200: its deployment, COMPLETED. */
    public static Deployment rollOut(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                     String taskDefinition) {
        // TODO: update the service to the task definition with a deploymentConfiguration of minimumHealthyPercent 100 and maximumPercent 200, wait until it is stable, and return its PRIMARY deployment
        throw new NotDoneYet();
    }

    /** Exercise 04.7: a revision rolled out with the deployment circuit breaker and rollback on, and how that ended. */
    public static RolloutResult rollOutSafely(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                              String taskDefinition) {
        // TODO: update the service to the task definition with deploymentCircuitBreaker(enable true, rollback true), wait until it is stable, then describe the service deployment the update started (currentServiceDeployment) and return its status, statusReason and the service's task definition now
        throw new NotDoneYet();
    }

    /** Exercise 04.8: the service deleted properly: scaled to 0, deleted, and INACTIVE. */
    public static Service deleteService(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName) {
        // TODO: update the service to desiredCount 0, delete it, wait with waiter.waitUntilServicesInactive, and return the service as the waiter last described it
        throw new NotDoneYet();
    }
}
