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
        // TODO: create a Fargate service of DESIRED_COUNT tasks in the subnets (public IP ENABLED), and return it once it is stable
        throw new NotDoneYet();
    }

    /** Exercise 04.2: what the service scheduler reported, in the order it happened. */
    public static List<String> eventMessages(EcsClient ecs, String cluster, String serviceName) {
        // TODO: return the messages of the service's events, oldest first
        throw new NotDoneYet();
    }

    /** Exercise 04.3: the service's running tasks after one of them was stopped and the scheduler replaced it. */
    public static List<String> replaceTask(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                           String taskArn) {
        // TODO: stop the task, wait until it is STOPPED and the service stable again, and return the ARNs of the service's running tasks
        throw new NotDoneYet();
    }

    /** Exercise 04.4: the service once it runs {@code desiredCount} tasks. */
    public static Service scale(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName, int desiredCount) {
        // TODO: make the service run desiredCount tasks, and return it once it is stable
        throw new NotDoneYet();
    }

    /** Exercise 04.5: the deployments of a service, PRIMARY first, as DeploymentSummary records. */
    public static List<DeploymentSummary> deployments(Service service) {
        // TODO: summarise each of the service's deployments, its task definition as family:revision
        throw new NotDoneYet();
    }

    /** Exercise 04.6: a new revision rolled out with minimumHealthyPercent 100 and maximumPercent 200: its deployment, COMPLETED. */
    public static Deployment rollOut(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                     String taskDefinition) {
        // TODO: roll the service out to the task definition, never below 100% nor above 200% of its tasks; return its PRIMARY deployment once stable
        throw new NotDoneYet();
    }

    /** Exercise 04.7: a revision rolled out with the deployment circuit breaker and rollback on, and how that ended. */
    public static RolloutResult rollOutSafely(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                              String taskDefinition) {
        // TODO: roll out the task definition so that a failed rollout rolls back by itself; once stable, report how that service deployment ended
        throw new NotDoneYet();
    }

    /** Exercise 04.8: the service deleted properly: scaled to 0, deleted, and INACTIVE. */
    public static Service deleteService(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName) {
        // TODO: delete the service the way ECS accepts, and return it once it is INACTIVE
        throw new NotDoneYet();
    }

    /** Exercise 04.9: the course's own app as a service of DESIRED_COUNT tasks: the ARNs of its running tasks, once it is stable. */
    public static List<String> runCourseApp(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName, String image,
                                            List<String> subnets) {
        // TODO: register a Fargate task definition (family serviceName, awsvpc, 256/512) whose essential container "app" runs image on port 8080, run it as a service of DESIRED_COUNT tasks in the subnets, and return the ARNs of its running tasks once stable
        throw new NotDoneYet();
    }
}
