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
        // TODO: create the cluster with serviceConnectDefaults naming the namespace, and return the namespace ARN that the cluster's serviceConnectDefaults now hold
        throw new NotDoneYet();
    }

    /** Exercise 05.2: the backend's task definition, its port 80 named so that Service Connect can refer to it. */
    public static String registerBackend(EcsClient ecs, String family) {
        // TODO: register a Fargate (awsvpc, cpu 256, memory 512) task definition of one container "api" running IMAGE, with a port mapping of containerPort 80 named PORT_NAME (appProtocol HTTP), and return its ARN
        throw new NotDoneYet();
    }

    /** Exercise 05.3: the backend, reachable in the namespace as http://backend:8080, once it is stable. */
    public static Service createBackend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                        String taskDefinition, List<String> subnets) {
        // TODO: create a Fargate service of 2 tasks (awsvpc in the subnets, assignPublicIp ENABLED) with a serviceConnectConfiguration that is enabled and has one service: portName PORT_NAME, discoveryName BACKEND_ALIAS, a client alias BACKEND_ALIAS on BACKEND_PORT; wait until it is stable and return the service as the waiter last described it
        throw new NotDoneYet();
    }

    /** Exercise 05.4: the frontend, a client of the namespace whose health check reaches the backend by name, once it is stable. */
    public static Service createFrontend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                         String family, List<String> subnets) {
        // TODO: register the family like the backend but with one container "web" running IMAGE whose healthCheck runs CMD-SHELL "curl -f http://backend:8080/ || exit 1", create a service of 1 task of it with Service Connect enabled and nothing else (a client service in the cluster's namespace), wait until it is stable and return it
        throw new NotDoneYet();
    }

    /** Exercise 05.5: the instances ECS registered in Cloud Map for the backend's discovery name. */
    public static List<BackendInstance> backendInstances(EcsClient ecs, ServiceDiscoveryClient cloudMap, String cluster,
                                                         String serviceName) {
        // TODO: find the discoveryArn of BACKEND_ALIAS in the serviceConnectResources of the service's PRIMARY deployment, list the instances of that Cloud Map service (its id is the part of the ARN after the last '/') with listInstancesPaginator, and map each to a BackendInstance from its id and AWS_INSTANCE_IPV4 and AWS_INSTANCE_PORT attributes
        throw new NotDoneYet();
    }

    /** Exercise 05.6: the backend rolled to a new revision, once the rollout is done; no change on the frontend. */
    public static Service rollBackend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                      String taskDefinition) {
        // TODO: update the backend service to the task definition, wait until it is stable, and return the service as the waiter last described it
        throw new NotDoneYet();
    }

    /** Exercise 05.7: the ARNs of every service in the namespace, whatever its cluster. */
    public static List<String> servicesInNamespace(EcsClient ecs, String namespace) {
        // TODO: return every service ARN that listServicesByNamespacePaginator finds for the namespace (name or ARN)
        throw new NotDoneYet();
    }
}
