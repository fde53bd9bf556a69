package dev.ecslabs.serviceconnect;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * A frontend that finds its backend by name: the cluster's Service Connect namespace, the backend
 * as a client-server service reachable as {@code http://backend:8080}, the frontend as a client
 * service whose health depends on that name, and what ECS made in Cloud Map to make it work.
 */
public final class ConnectedServices {
    /** The name client tasks use for the backend. */
    public static final String BACKEND_ALIAS = "backend";
    /** The port client tasks use for the backend; its proxy forwards to the container's port 80. */
    public static final int BACKEND_PORT = 8080;
    /** The name of the backend's port mapping, which its Service Connect configuration refers to. */
    public static final String PORT_NAME = "http";
    /** The image both services run: it answers HTTP on port 80 and has curl. */
    public static final String IMAGE = "public.ecr.aws/nginx/nginx:1.27";

    private ConnectedServices() {
    }

    /** Exercise 05.1: a cluster whose services join {@code namespace} when they turn Service Connect on; its ARN. */
    public static String createCluster(EcsClient ecs, String clusterName, String namespace) {
        // TODO: create the cluster with namespace as its default Service Connect namespace, and return that namespace's ARN
        throw new NotDoneYet();
    }

    /** Exercise 05.2: the backend's task definition, its port 80 named so that Service Connect can refer to it. */
    public static String registerBackend(EcsClient ecs, String family) {
        // TODO: register a Fargate task definition (awsvpc, 256/512) of one container "api" running IMAGE on port 80 named PORT_NAME (HTTP); return its ARN
        throw new NotDoneYet();
    }

    /** Exercise 05.3: the backend, reachable in the namespace as http://backend:8080, once it is stable. */
    public static Service createBackend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                        String taskDefinition, List<String> subnets) {
        // TODO: create a Fargate service of 2 tasks in the subnets that serves PORT_NAME as BACKEND_ALIAS:BACKEND_PORT through Service Connect; return it once stable
        throw new NotDoneYet();
    }

    /** Exercise 05.4: the frontend, a client of the namespace whose health check reaches the backend by name, once it is stable. */
    public static Service createFrontend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                         String family, List<String> subnets) {
        // TODO: run the frontend: a container "web" of IMAGE, healthy only if http://backend:8080/ answers, as 1 Service Connect client task; return it once stable
        throw new NotDoneYet();
    }

    /** Exercise 05.5: the instances ECS registered in Cloud Map for the backend's discovery name. */
    public static List<BackendInstance> backendInstances(EcsClient ecs, ServiceDiscoveryClient cloudMap, String cluster,
                                                         String serviceName) {
        // TODO: return the Cloud Map instances ECS registered for the service's BACKEND_ALIAS endpoint, each with its id, IP and port
        throw new NotDoneYet();
    }

    /** Exercise 05.6: the backend rolled to a new revision, once the rollout is done; no change on the frontend. */
    public static Service rollBackend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                      String taskDefinition) {
        // TODO: roll the backend out to the task definition, and return it once stable
        throw new NotDoneYet();
    }

    /** Exercise 05.7: the ARNs of every service in the namespace, whatever its cluster. */
    public static List<String> servicesInNamespace(EcsClient ecs, String namespace) {
        // TODO: return the ARN of every service in the namespace (name or ARN), whatever its cluster, across all pages
        throw new NotDoneYet();
    }

    /** Exercise 05.8: the course's own app as the web tier, calling the backend by its client alias; the task definition's ARN. */
    public static String registerCourseAppFrontend(EcsClient ecs, String family, String image) {
        // TODO: register a Fargate task definition (awsvpc, 256/512) of one container "web" running image on port 8080, with the environment variable BACKEND_URL set to http://BACKEND_ALIAS:BACKEND_PORT; return its ARN
        throw new NotDoneYet();
    }
}
