package dev.ecslabs.serviceconnect;

import java.util.List;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
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
        // A name that is no namespace yet makes ECS create an HTTP namespace of that name in Cloud Map.
        return ecs.createCluster(request -> request.clusterName(clusterName)
                        .serviceConnectDefaults(defaults -> defaults.namespace(namespace)))
                .cluster().serviceConnectDefaults().namespace();
    }

    /** Exercise 05.2: the backend's task definition, its port 80 named so that Service Connect can refer to it. */
    public static String registerBackend(EcsClient ecs, String family) {
        ContainerDefinition api = ContainerDefinition.builder()
                .name("api")
                .image(IMAGE)
                .essential(true)
                .portMappings(PortMapping.builder()
                        .containerPort(80)
                        .name(PORT_NAME)
                        .appProtocol(ApplicationProtocol.HTTP)
                        .build())
                .build();
        // No container memory limit: the Service Connect proxy runs on what the task's 512 MiB leave over.
        return registerFargate(ecs, family, api);
    }

    /** Exercise 05.3: the backend, reachable in the namespace as http://backend:8080, once it is stable. */
    public static Service createBackend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                        String taskDefinition, List<String> subnets) {
        ServiceConnectConfiguration serviceConnect = ServiceConnectConfiguration.builder()
                .enabled(true)
                .services(ServiceConnectService.builder()
                        .portName(PORT_NAME)
                        .discoveryName(BACKEND_ALIAS)
                        .clientAliases(ServiceConnectClientAlias.builder().dnsName(BACKEND_ALIAS).port(BACKEND_PORT).build())
                        .build())
                .build();
        ecs.createService(request -> request
                .cluster(cluster)
                .serviceName(serviceName)
                .taskDefinition(taskDefinition)
                .desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(network(subnets))
                .serviceConnectConfiguration(serviceConnect));
        return lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName)));
    }

    /** Exercise 05.4: the frontend, a client of the namespace whose health check reaches the backend by name, once it is stable. */
    public static Service createFrontend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                         String family, List<String> subnets) {
        ContainerDefinition web = ContainerDefinition.builder()
                .name("web")
                .image(IMAGE)
                .essential(true)
                .healthCheck(HealthCheck.builder()
                        .command("CMD-SHELL", "curl -f http://" + BACKEND_ALIAS + ":" + BACKEND_PORT + "/ || exit 1")
                        .build())
                .build();
        String taskDefinition = registerFargate(ecs, family, web);
        // A client service: no services of its own, the namespace from the cluster's default.
        ecs.createService(request -> request
                .cluster(cluster)
                .serviceName(serviceName)
                .taskDefinition(taskDefinition)
                .desiredCount(1)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(network(subnets))
                .serviceConnectConfiguration(serviceConnect -> serviceConnect.enabled(true)));
        return lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName)));
    }

    /** Exercise 05.5: the instances ECS registered in Cloud Map for the backend's discovery name. */
    public static List<BackendInstance> backendInstances(EcsClient ecs, ServiceDiscoveryClient cloudMap, String cluster,
                                                         String serviceName) {
        Deployment primary = ecs.describeServices(request -> request.cluster(cluster).services(serviceName))
                .services().get(0).deployments().stream()
                .filter(deployment -> "PRIMARY".equals(deployment.status()))
                .findFirst().orElseThrow();
        String discoveryArn = primary.serviceConnectResources().stream()
                .filter(resource -> BACKEND_ALIAS.equals(resource.discoveryName()))
                .findFirst().orElseThrow().discoveryArn();
        // ListInstances takes the Cloud Map service's id: the last part of its ARN (…:service/srv-…).
        String serviceId = discoveryArn.substring(discoveryArn.lastIndexOf('/') + 1);
        return cloudMap.listInstancesPaginator(request -> request.serviceId(serviceId)).stream()
                .flatMap(page -> page.instances().stream())
                .map(instance -> new BackendInstance(instance.id(), instance.attributes().get("AWS_INSTANCE_IPV4"),
                        Integer.parseInt(instance.attributes().get("AWS_INSTANCE_PORT"))))
                .toList();
    }

    /** Exercise 05.6: the backend rolled to a new revision, once the rollout is done; no change on the frontend. */
    public static Service rollBackend(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                      String taskDefinition) {
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).taskDefinition(taskDefinition));
        return lastDescribed(waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName)));
    }

    /** Exercise 05.7: the ARNs of every service in the namespace, whatever its cluster. */
    public static List<String> servicesInNamespace(EcsClient ecs, String namespace) {
        return ecs.listServicesByNamespacePaginator(request -> request.namespace(namespace)).serviceArns().stream().toList();
    }

    /** Exercise 05.8: the course's own app as the web tier, calling the backend by its client alias; the task definition's ARN. */
    public static String registerCourseAppFrontend(EcsClient ecs, String family, String image) {
        ContainerDefinition web = ContainerDefinition.builder()
                .name("web")
                .image(image)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(8080).build())
                // The app only knows the name: the task's Service Connect proxy finds a backend task for each request.
                .environment(KeyValuePair.builder().name("BACKEND_URL").value("http://" + BACKEND_ALIAS + ":" + BACKEND_PORT).build())
                .build();
        return registerFargate(ecs, family, web);
    }

    /** A Fargate task definition (awsvpc, 0.25 vCPU, 512 MiB) of one container; its ARN. */
    private static String registerFargate(EcsClient ecs, String family, ContainerDefinition container) {
        return ecs.registerTaskDefinition(request -> request
                        .family(family)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(container))
                .taskDefinition().taskDefinitionArn();
    }

    private static NetworkConfiguration network(List<String> subnets) {
        // A public IP lets a task in a public subnet pull its image from Amazon ECR Public.
        return NetworkConfiguration.builder()
                .awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets).assignPublicIp(AssignPublicIp.ENABLED))
                .build();
    }

    /** The service as the waiter last described it. */
    private static Service lastDescribed(WaiterResponse<DescribeServicesResponse> waited) {
        return waited.matched().response().orElseThrow().services().get(0);
    }
}
