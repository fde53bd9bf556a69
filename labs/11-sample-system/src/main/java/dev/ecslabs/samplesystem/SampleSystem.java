package dev.ecslabs.samplesystem;

import dev.ecslabs.labkit.CourseAppImage;
import dev.ecslabs.labkit.NotDoneYet;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * The deploy program: the whole shop from nothing, in the order AWS requires (what a thing refers to
 * exists before it), and idempotent: every step first looks for what it would create, so a second
 * run creates nothing and answers the same ARNs.
 */
public final class SampleSystem {
    /** The version the program deploys; {@link Releases#rollOutCatalog} rolls the catalog on to the next. */
    public static final String VERSION = "v1";
    public static final int CATALOG_MIN_TASKS = 1;
    public static final int CATALOG_MAX_TASKS = 3;
    /**
     * The catalog's target: requests a minute per task (ALBRequestCountPerTarget). Small on purpose, so that a burst
     * from a laptop is more than one task should take; a real service's target comes from a load test of one task.
     */
    public static final double REQUESTS_PER_CATALOG_TASK = 20;
    public static final String SCALING_POLICY = "catalog-requests";
    /** The execution role's one inline policy. */
    public static final String ROLE_POLICY = "run-the-shop";
    /** The catalog's task role's one inline policy. */
    public static final String TASK_ROLE_POLICY = "discover-orders";
    /**
     * How long ECS ignores failed load balancer health checks of a new task. A JVM starts in real time, whatever the
     * course emulator's clock does (it runs 20 times faster, and jumps while the program only waits): a day keeps a
     * slow start on a busy laptop from being taken for an unhealthy task. On AWS, a minute or two is usual.
     */
    public static final int HEALTH_CHECK_GRACE_SECONDS = 86_400;

    private SampleSystem() {
    }

    /** The whole shop, each step in the order the guide's checklist gives; answers what it made. */
    public static Deployed deploy(AwsClients aws, Shop shop) {
        Map<String, String> images = pushImages(aws, shop);
        createLogGroups(aws, shop);
        String executionRole = createExecutionRole(aws, shop);
        String catalogTaskRole = createCatalogTaskRole(aws, shop);
        Map<String, String> taskDefinitions = registerTaskDefinitions(aws, shop, images, executionRole);
        String namespaceId = createNamespace(aws, shop);
        String ordersRegistry = createOrdersRegistry(aws, shop, namespaceId);
        createCluster(aws, shop, namespaceId);
        Map<String, String> targetGroups = createTargetGroups(aws, shop);
        String publicLoadBalancer = createLoadBalancer(aws, shop, shop.publicLoadBalancer(), true, targetGroups.get(Shop.FRONTEND));
        String internalLoadBalancer = createLoadBalancer(aws, shop, shop.internalLoadBalancer(), false,
                targetGroups.get(Shop.CATALOG));
        createServices(aws, shop, taskDefinitions, ordersRegistry, targetGroups);
        String scalingPolicy = scaleCatalog(aws, shop, internalLoadBalancer, targetGroups.get(Shop.CATALOG));
        return new Deployed(images, executionRole, catalogTaskRole, taskDefinitions, namespaceId, ordersRegistry,
                publicLoadBalancer, internalLoadBalancer, targetGroups, scalingPolicy);
    }

    /** Step 1: a repository per app (scan on push, immutable tags), the course app pushed to each and scanned; app → image. */
    public static Map<String, String> pushImages(AwsClients aws, Shop shop) {
        // TODO: for each app of Shop.APPS: its repository (shop.repository(app): scan on push, IMMUTABLE tags) made if missing, the course app pushed to it (CourseAppImage.push), its scan waited for; answer app -> image
        throw new NotDoneYet();
    }

    /** Step 2: a log group per app, its events kept a week. */
    public static void createLogGroups(AwsClients aws, Shop shop) {
        // TODO: for each app: its log group (shop.logGroup(app)) made if missing, its events kept 7 days
        throw new NotDoneYet();
    }

    /**
     * Step 3: the role ECS starts the tasks with, allowed only what starting them needs: the registry login,
     * pulls from the shop's three repositories, log streams in the shop's three log groups; answers its ARN.
     */
    public static String createExecutionRole(AwsClients aws, Shop shop) {
        // TODO: the role shop.executionRole() that ECS tasks may assume (made if missing), its inline policy ROLE_POLICY allowing only the registry login, pulls from the 3 repositories and log streams in the 3 log groups; answer its ARN
        throw new NotDoneYet();
    }

    /**
     * Step 3 (continued): the catalog's task role, what the catalog app itself may call: DiscoverInstances only, to find
     * orders (Resource {@code *}: DiscoverInstances has no resource-level permission); answers its ARN.
     */
    public static String createCatalogTaskRole(AwsClients aws, Shop shop) {
        // TODO: the role shop.catalogTaskRole() that ECS tasks may assume (made if missing), its inline policy TASK_ROLE_POLICY allowing only servicediscovery:DiscoverInstances on "*"; answer its ARN
        throw new NotDoneYet();
    }

    /** Step 4: a task definition per app, registered only when its latest revision differs from it; app → ARN. */
    public static Map<String, String> registerTaskDefinitions(AwsClients aws, Shop shop, Map<String, String> images,
                                                              String executionRoleArn) {
        // TODO: for each app: register taskDefinition(shop, app, image, role, VERSION) unless its latest revision is the same (register); answer app -> task definition ARN
        throw new NotDoneYet();
    }

    /** The latest revision's ARN when it is what {@code wanted} asks for, else a new revision's. */
    public static String register(AwsClients aws, RegisterTaskDefinitionRequest wanted) {
        // TODO: answer the latest ACTIVE revision of wanted.family() when its image, environment, execution role and task role are what wanted asks for, else register wanted and answer the new revision
        throw new NotDoneYet();
    }

    /**
     * One app's task definition: 0.25 vCPU and 512 MiB on Fargate, one container of the app listening on {@link Shop#PORT}
     * (port mapping {@link Shop#PORT_NAME}, HTTP), its output sent to its log group, and its settings: {@code GREETING}
     * {@code <app>@<version>}, and whom it calls: the frontend {@code BACKEND_URL=http://catalog:8080} (Service Connect), the
     * catalog {@code BACKEND_DISCOVERY=<namespace>/orders} and {@code BACKEND_QUERY=ECS_CLUSTER_NAME=<cluster>} (Cloud Map's
     * DiscoverInstances, made with the catalog's task role).
     */
    public static RegisterTaskDefinitionRequest taskDefinition(Shop shop, String app, String image, String executionRoleArn,
                                                               String version) {
        // TODO: the app on Fargate (0.25 vCPU, 512 MiB, awsvpc): container <app> of the image, port Shop.PORT named Shop.PORT_NAME (HTTP), awslogs to shop.logGroup(app) (stream prefix <app>), GREETING <app>@<version>; BACKEND_URL http://catalog:8080 for the frontend; for the catalog BACKEND_DISCOVERY shop.ordersDiscovery(), BACKEND_QUERY ECS_CLUSTER_NAME=<shop.cluster()> and the task role shop.catalogTaskRoleArn()
        throw new NotDoneYet();
    }

    /** Step 5: the private DNS namespace in the shop's VPC (an operation: waited for); answers its id. */
    public static String createNamespace(AwsClients aws, Shop shop) {
        // TODO: the private DNS namespace shop.namespace() in shop.vpcId(), made if missing and its operation waited for (Poll.until); answer its id
        throw new NotDoneYet();
    }

    /** Step 6: the Cloud Map service ECS registers the orders' tasks in, as A records (TTL 10 s); answers its ARN. */
    public static String createOrdersRegistry(AwsClients aws, Shop shop, String namespaceId) {
        // TODO: the Cloud Map service "orders" in the namespace (DNS A records, TTL 10 s), made if missing; answer its ARN
        throw new NotDoneYet();
    }

    /** Step 7: the cluster, its Service Connect namespace the shop's. */
    public static void createCluster(AwsClients aws, Shop shop, String namespaceId) {
        // TODO: the cluster shop.cluster() whose Service Connect default namespace is the shop namespace (its ARN)
        throw new NotDoneYet();
    }

    /** Step 8: the ip target groups of the frontend and the catalog (GET /health every 10 s, 5 s to drain); app → ARN. */
    public static Map<String, String> createTargetGroups(AwsClients aws, Shop shop) {
        // TODO: for the frontend and the catalog: an ip target group shop.targetGroup(app) on port 8080 in shop.vpcId(), health check GET /health every 10 s (5 s timeout, 2 and 2), drained in 5 s, made if missing; answer app -> ARN
        throw new NotDoneYet();
    }

    /** Step 9: an Application Load Balancer (internet-facing or internal), active, forwarding HTTP:80 to the group; its ARN. */
    public static String createLoadBalancer(AwsClients aws, Shop shop, String name, boolean internetFacing, String targetGroupArn) {
        // TODO: the Application Load Balancer <name> (internet-facing or internal) in shop.subnets(), made if missing and waited for until available, with an HTTP:80 listener forwarding to the target group; answer its ARN
        throw new NotDoneYet();
    }

    /**
     * Step 10: the three services, each after what it calls: orders (registered in Cloud Map), the catalog (Service
     * Connect's {@code catalog:8080}, behind the internal load balancer), the frontend (a Service Connect client, behind
     * the public load balancer); then waited for until stable with their targets in service. A service that exists keeps
     * its desired count (auto scaling owns it) and is only moved to the wanted task definition.
     */
    public static void createServices(AwsClients aws, Shop shop, Map<String, String> taskDefinitions, String ordersRegistryArn,
                                      Map<String, String> targetGroups) {
        // TODO: the 3 services in the order of Shop.APPS, each made if missing (else moved to its task definition): orders registered in the orders registry, the catalog a Service Connect server (catalog:8080) behind its target group, the frontend a Service Connect client behind its target group (both with HEALTH_CHECK_GRACE_SECONDS); minimum healthy 100 %, circuit breaker with rollback; wait until all are stable and their targets in service
        throw new NotDoneYet();
    }

    /**
     * Step 11: the catalog scales between {@link #CATALOG_MIN_TASKS} and {@link #CATALOG_MAX_TASKS} tasks on its internal
     * target group's requests per task (ALBRequestCountPerTarget, {@link #REQUESTS_PER_CATALOG_TASK} a minute); answers the
     * policy's ARN. Both calls are puts: the same twice is no change.
     */
    public static String scaleCatalog(AwsClients aws, Shop shop, String loadBalancerArn, String targetGroupArn) {
        // TODO: the catalog registered as a scalable target of CATALOG_MIN_TASKS to CATALOG_MAX_TASKS tasks, tracking REQUESTS_PER_CATALOG_TASK requests per target of its target group (policy SCALING_POLICY); answer the policy ARN
        throw new NotDoneYet();
    }
}
