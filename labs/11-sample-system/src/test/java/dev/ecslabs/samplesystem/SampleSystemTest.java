package dev.ecslabs.samplesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.labkit.PolicyDocuments;
import dev.ecslabs.labkit.RealWorkloads;
import dev.ecslabs.samplesystem.LabShop.Page;
import dev.ecslabs.samplesystem.LabShop.Traffic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;

@Lab("11")
class SampleSystemTest {
    private static AwsClients lastClients;

    LabShop lab;

    @BeforeEach
    void setUp(Backend backend, EcrClient ecr, EcsClient ecs, IamClient iam, CloudWatchLogsClient logs,
               ServiceDiscoveryClient cloudMap, ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling) {
        AwsClients aws = new AwsClients(ecr, backend.ecrWaiter(ecr), ecs, backend.ecsWaiter(ecs), iam, logs, cloudMap, elb,
                backend.elbWaiter(elb), autoScaling, backend.pollInterval(Duration.ofSeconds(5)));
        lastClients = aws;
        lab = new LabShop(backend, aws);
    }

    @AfterAll
    static void tearDownWhatIsLeft() {
        if (lastClients != null) {
            LabShop.tearDownIfUp(lastClients);
        }
    }

    @Exercise(value = 1, title = "Push the three images to their repositories and let ECR scan them",
            hints = {
                    "Every app of the shop has a repository of its own in ECR, so that each can be pulled, scanned, "
                            + "kept and deleted on its own terms; a scan on push checks each image for known vulnerabilities "
                            + "before anything runs it.",
                    "DescribeRepositories (RepositoryNotFoundException: CreateRepository with imageScanningConfiguration "
                            + "scanOnPush and imageTagMutability IMMUTABLE); CourseAppImage.push(ecr, repository); "
                            + "EcrWaiter.waitUntilImageScanComplete(repositoryName, imageId digest).",
                    "try { ecr.describeRepositories(r -> r.repositoryNames(name)); } catch (RepositoryNotFoundException e) "
                            + "{ ecr.createRepository(r -> r.repositoryName(name).imageTagMutability(ImageTagMutability.IMMUTABLE)"
                            + ".imageScanningConfiguration(s -> s.scanOnPush(true))); } String image = CourseAppImage.push(ecr, name); "
                            + "aws.ecrWaiter().waitUntilImageScanComplete(r -> r.repositoryName(name).imageId(i -> i.imageDigest(digest)));"})
    void pushesAndScansTheImages(EcrClient ecr) {
        Deployed deployed = lab.deployed();
        Shop shop = lab.shop();

        assertThat(deployed.images()).as("app -> image").containsOnlyKeys(Shop.APPS);
        for (String app : Shop.APPS) {
            Repository repository = ecr.describeRepositories(r -> r.repositoryNames(shop.repository(app))).repositories().get(0);
            assertThat(repository.imageScanningConfiguration().scanOnPush()).as(app + " is scanned on push").isTrue();
            assertThat(repository.imageTagMutabilityAsString()).as(app + "'s tags never move").isEqualTo("IMMUTABLE");
            String image = deployed.images().get(app);
            assertThat(image).as("the image of " + app).startsWith(repository.repositoryUri() + "@sha256:");
            String digest = image.substring(image.indexOf('@') + 1);
            ImageDetail detail = ecr.describeImages(r -> r.repositoryName(shop.repository(app)).imageIds(id -> id.imageDigest(digest)))
                    .imageDetails().get(0);
            assertThat(detail.imageScanStatus().statusAsString()).as("the scan of " + app + "'s image").isEqualTo("COMPLETE");
        }
    }

    @Exercise(value = 2, title = "Register the three task definitions: roles, logs, ports and who calls whom",
            hints = {
                    "A task definition says everything ECS needs to start the app: the image, the size on Fargate, the "
                            + "role that pulls the image and writes the logs (execution role), the role the app itself calls "
                            + "AWS with (task role: only the catalog has one), where the output goes, and the app's settings: "
                            + "here, whom it calls (the frontend the catalog by its Service Connect name, the catalog orders "
                            + "through Cloud Map's DiscoverInstances).",
                    "IAM CreateRole (trust ecs-tasks.amazonaws.com) and PutRolePolicy, twice: the execution role, and the "
                            + "catalog's task role allowing servicediscovery:DiscoverInstances on \"*\" (it has no resource-level "
                            + "permission); CloudWatch Logs CreateLogGroup and PutRetentionPolicy; ECS DescribeTaskDefinition(family) "
                            + "to compare, RegisterTaskDefinition with executionRoleArn, taskRoleArn (the catalog's), portMappings "
                            + "(name, appProtocol), logConfiguration AWSLOGS, environment (the catalog's BACKEND_DISCOVERY "
                            + "shop.ordersDiscovery() and BACKEND_QUERY ECS_CLUSTER_NAME=<cluster>).",
                    "ContainerDefinition.builder().name(app).image(image).essential(true).portMappings(PortMapping.builder()"
                            + ".containerPort(Shop.PORT).name(Shop.PORT_NAME).appProtocol(ApplicationProtocol.HTTP).build())"
                            + ".environment(...).logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(\"awslogs-group\", "
                            + "shop.logGroup(app), \"awslogs-region\", shop.region(), \"awslogs-stream-prefix\", app))).build()"})
    void registersTheTaskDefinitions(EcsClient ecs, IamClient iam) {
        Deployed deployed = lab.deployed();
        Shop shop = lab.shop();

        for (String app : Shop.APPS) {
            TaskDefinition definition = ecs.describeTaskDefinition(r -> r.taskDefinition(deployed.taskDefinitions().get(app)))
                    .taskDefinition();
            assertThat(definition.family()).isEqualTo(shop.family(app));
            assertThat(definition.requiresCompatibilitiesAsStrings()).containsExactly("FARGATE");
            assertThat(definition.executionRoleArn()).as("started with the shop's execution role")
                    .isEqualTo(deployed.executionRoleArn());
            assertThat(definition.taskRoleArn()).as("only the catalog calls AWS itself: only it has a task role")
                    .isEqualTo(Shop.CATALOG.equals(app) ? deployed.catalogTaskRoleArn() : null);
            ContainerDefinition container = definition.containerDefinitions().get(0);
            assertThat(container.image()).isEqualTo(deployed.images().get(app));
            assertThat(container.portMappings()).singleElement().satisfies(port -> {
                assertThat(port.containerPort()).isEqualTo(Shop.PORT);
                assertThat(port.name()).as("Service Connect refers to the port by name").isEqualTo(Shop.PORT_NAME);
            });
            assertThat(container.logConfiguration().logDriverAsString()).isEqualTo("awslogs");
            assertThat(container.logConfiguration().options()).containsEntry("awslogs-group", shop.logGroup(app));
            Map<String, String> environment = container.environment().stream()
                    .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
            assertThat(environment).containsEntry("GREETING", app + "@" + SampleSystem.VERSION);
            switch (app) {
                case Shop.FRONTEND -> assertThat(environment).as("the frontend calls the catalog through Service Connect")
                        .containsEntry("BACKEND_URL", "http://catalog:8080");
                case Shop.CATALOG -> assertThat(environment).as("the catalog finds orders with DiscoverInstances, in its own cluster")
                        .containsEntry("BACKEND_DISCOVERY", shop.namespace() + "/orders")
                        .containsEntry("BACKEND_QUERY", "ECS_CLUSTER_NAME=" + shop.cluster()).doesNotContainKey("BACKEND_URL");
                default -> assertThat(environment).as("orders calls nothing").doesNotContainKey("BACKEND_URL");
            }
        }
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(shop.executionRole())).attachedPolicies())
                .as("no managed policy: the role may do only what its inline policy says").isEmpty();
        String policy = java.net.URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(shop.executionRole())
                .policyName(SampleSystem.ROLE_POLICY)).policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
        for (String app : Shop.APPS) {
            assertThat(policy).as("the policy names each repository and log group").contains(shop.repositoryArn(app))
                    .contains(shop.logGroupArn(app));
        }

        Role taskRole = iam.getRole(r -> r.roleName(shop.catalogTaskRole())).role();
        assertThat(taskRole.arn()).isEqualTo(deployed.catalogTaskRoleArn());
        assertThat(java.net.URLDecoder.decode(taskRole.assumeRolePolicyDocument(), java.nio.charset.StandardCharsets.UTF_8))
                .as("ECS tasks may assume the catalog's task role").contains("ecs-tasks.amazonaws.com");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(shop.catalogTaskRole())).attachedPolicies())
                .as("no managed policy on the task role either").isEmpty();
        assertThat(iam.listRolePolicies(r -> r.roleName(shop.catalogTaskRole())).policyNames())
                .containsExactly(SampleSystem.TASK_ROLE_POLICY);
        assertThat(PolicyDocuments.statements(iam.getRolePolicy(r -> r.roleName(shop.catalogTaskRole())
                .policyName(SampleSystem.TASK_ROLE_POLICY)).policyDocument())).as("the catalog may do one thing: DiscoverInstances").singleElement().satisfies(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(PolicyDocuments.strings(statement.path("Action"))).containsExactly("servicediscovery:DiscoverInstances");
            assertThat(PolicyDocuments.strings(statement.path("Resource"))).containsExactly("*");
        });
    }

    @Exercise(value = 3, title = "Create the namespace: ECS registers the orders' tasks in Cloud Map, found by attribute",
            hints = {
                    "A private DNS namespace (shop.local) is both a Route 53 zone in the VPC and a registry you can query "
                            + "through the API. ECS registers each orders task in its Cloud Map service as it starts (its IP, "
                            + "its cluster as an attribute) and removes it as it stops; the catalog asks DiscoverInstances for them.",
                    "CreatePrivateDnsNamespace (name, vpc) answers an operation: GetOperation until SUCCESS, the namespace "
                            + "id is in its targets; CreateService (dnsConfig A record, TTL); the ECS service's "
                            + "serviceRegistries(registryArn); DiscoverInstances(namespaceName, serviceName, queryParameters).",
                    "cloudMap.discoverInstances(r -> r.namespaceName(shop.namespace()).serviceName(Shop.ORDERS)"
                            + ".queryParameters(Map.of(CLUSTER_ATTRIBUTE, shop.cluster()))"
                            + ".healthStatus(HealthStatusFilter.HEALTHY_OR_ELSE_ALL)).instances()"})
    void registersOrdersInCloudMap(ServiceDiscoveryClient cloudMap) {
        Deployed deployed = lab.deployed();
        Shop shop = lab.shop();

        Namespace namespace = cloudMap.getNamespace(r -> r.id(deployed.namespaceId())).namespace();
        assertThat(namespace.name()).isEqualTo(shop.namespace());
        assertThat(namespace.typeAsString()).isEqualTo("DNS_PRIVATE");
        List<String> taskIps = lab.runningTasks(Shop.ORDERS).stream().map(LabShop::privateIp).toList();

        List<HttpInstanceSummary> instances = OrdersDiscovery.instances(cloudMap, shop);

        assertThat(instances).as("the orders instances you found").isNotNull();
        assertThat(instances).extracting(i -> i.attributes().get("AWS_INSTANCE_IPV4")).as("one per running orders task")
                .containsExactlyInAnyOrderElementsOf(taskIps);
        assertThat(instances).allSatisfy(i -> assertThat(i.attributes()).containsEntry(OrdersDiscovery.CLUSTER_ATTRIBUTE,
                shop.cluster()));
        assertThat(cloudMap.discoverInstances(r -> r.namespaceName(shop.namespace()).serviceName(Shop.ORDERS)
                .queryParameters(Map.of(OrdersDiscovery.CLUSTER_ATTRIBUTE, "another-environment"))).instances())
                .as("the attribute query leaves out other clusters' tasks").isEmpty();
    }

    @Exercise(value = 4, title = "Open the shop: the page names the frontend, catalog and orders tasks that served it",
            hints = {
                    "A request goes client → public ALB → a frontend task → Service Connect (catalog:8080) → a catalog task "
                            + "→ Cloud Map DNS (orders.shop.local) → an orders task, and each tier adds the task that served "
                            + "it to the answer. The ALB sends only to targets its health check found healthy.",
                    "CreateTargetGroup (ip, /health), CreateLoadBalancer (internet-facing; internal for the catalog), "
                            + "waitUntilLoadBalancerAvailable, CreateListener (HTTP:80, forward); CreateService with "
                            + "loadBalancers, serviceConnectConfiguration, serviceRegistries; waitUntilServicesStable and "
                            + "waitUntilTargetInService.",
                    "ecs.createService(r -> r.cluster(...).serviceName(app).taskDefinition(arn).desiredCount(1)"
                            + ".serviceConnectConfiguration(c -> c.enabled(true).services(s -> s.portName(Shop.PORT_NAME)"
                            + ".discoveryName(\"catalog\").clientAliases(a -> a.dnsName(\"catalog\").port(8080))))"
                            + ".loadBalancers(lb -> lb.targetGroupArn(tg).containerName(app).containerPort(8080)) ...)"})
    void answersThroughAllThreeServices(Backend backend) {
        RealWorkloads.assumeAvailable(backend);
        lab.deployed();

        Page page = LabShop.get(lab.frontDoor(), "open-the-shop");

        assertThat(page.status()).as("the shop's page: " + page.body()).isEqualTo(200);
        assertThat(page.body().path("requestId").asText()).isEqualTo("open-the-shop");
        assertThat(lab.runningTasks(Shop.FRONTEND)).extracting(t -> LabShop.taskId(t.taskArn())).as("a frontend task answered")
                .contains(page.taskId(""));
        assertThat(lab.runningTasks(Shop.CATALOG)).extracting(t -> LabShop.taskId(t.taskArn())).as("a catalog task answered")
                .contains(page.taskId("backend"));
        assertThat(lab.runningTasks(Shop.ORDERS)).extracting(t -> LabShop.taskId(t.taskArn())).as("an orders task answered")
                .contains(page.taskId("backend.backend"));
    }

    @Exercise(value = 5, title = "Run the deploy program again: it changes nothing",
            hints = {
                    "An idempotent program can be run again after it stopped half-way, or on a system that is already "
                            + "there, without making anything twice: each step first looks for what it would make.",
                    "Describe before create: DescribeRepositories, DescribeLogGroups, GetRole, DescribeTaskDefinition (compare "
                            + "image, environment and role), ListNamespaces, ListServices, DescribeTargetGroups(names), "
                            + "DescribeLoadBalancers(names), DescribeListeners, DescribeServices; puts (PutRetentionPolicy, "
                            + "PutRolePolicy, RegisterScalableTarget, PutScalingPolicy) and CreateCluster are idempotent as they are.",
                    "try { return elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0); } catch "
                            + "(LoadBalancerNotFoundException missing) { return elb.createLoadBalancer(...).loadBalancers().get(0); }"})
    void deployingTwiceChangesNothing(EcsClient ecs) {
        Deployed first = lab.deployed();
        Shop shop = lab.shop();

        Deployed again = SampleSystem.deploy(lab.aws, shop);

        assertThat(again).as("the second run's answer").isEqualTo(first);
        for (String app : Shop.APPS) {
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix(shop.family(app)).status(TaskDefinitionStatus.ACTIVE))
                    .taskDefinitionArns()).as("no second revision of " + shop.family(app)).containsExactly(first.taskDefinitions().get(app));
            Service service = lab.service(app);
            assertThat(service.deployments()).as("no new deployment of " + app).hasSize(1);
            assertThat(service.taskDefinition()).isEqualTo(first.taskDefinitions().get(app));
        }
    }

    @Exercise(value = 6, title = "Roll the catalog out to v2 behind live traffic: not one request fails",
            hints = {
                    "A rolling update with a minimum healthy percent of 100 starts a task of the new revision, waits until "
                            + "it is healthy and reachable, and only then stops an old one; Service Connect sends new "
                            + "connections only to tasks that answer, so the callers never notice.",
                    "DescribeTaskDefinition (the current image and role), RegisterTaskDefinition (GREETING catalog@v2), "
                            + "UpdateService(taskDefinition), waitUntilServicesStable.",
                    "String next = SampleSystem.register(aws, SampleSystem.taskDefinition(shop, Shop.CATALOG, image, role, version)); "
                            + "ecs.updateService(r -> r.cluster(shop.cluster()).service(Shop.CATALOG).taskDefinition(next)); "
                            + "return waiter.waitUntilServicesStable(...).matched().response().orElseThrow().services().get(0);"})
    void rollsOutTheCatalogWithoutAFailedRequest(Backend backend) throws InterruptedException {
        RealWorkloads.assumeAvailable(backend);
        lab.deployed();
        Traffic traffic = new Traffic(lab.frontDoor(), 20);

        Service catalog = Releases.rollOutCatalog(lab.aws, lab.shop(), "v2");

        traffic.finish();
        assertThat(catalog).as("the service you returned").isNotNull();
        assertThat(catalog.deployments()).as("the rollout is over").hasSize(1);
        assertThat(catalog.taskDefinition()).as("the catalog runs the new revision").endsWith(":2");
        assertThat(traffic.answered.get()).as("requests answered during the rollout").isPositive();
        assertThat(traffic.failed.get()).as("failed requests (the last: " + traffic.lastFailure + ")").isZero();
        Page page = LabShop.get(lab.frontDoor(), "after-the-rollout");
        assertThat(page.greeting("backend")).as("the catalog's version now").isEqualTo("catalog@v2");
    }

    @Exercise(value = 7, title = "A burst of requests scales the catalog out, and calm scales it back in",
            hints = {
                    "Target tracking keeps a metric near a target by changing the desired count: ALBRequestCountPerTarget is "
                            + "the requests a minute each target of a target group got. Above the target for 3 minutes: more "
                            + "tasks; well below it for 15 minutes: fewer, never under the minimum (and never on no data: a "
                            + "minute without any request has no data point).",
                    "RegisterScalableTarget (ECS, service/<cluster>/<service>, ecs:service:DesiredCount, min, max); "
                            + "PutScalingPolicy TargetTrackingScaling with predefinedMetricType ALBRequestCountPerTarget and "
                            + "resourceLabel app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>.",
                    "String label = lbArn.substring(lbArn.indexOf(\":loadbalancer/\") + 14) + \"/\" + "
                            + "tgArn.substring(tgArn.lastIndexOf(':') + 1); autoScaling.putScalingPolicy(r -> r.policyName(...)"
                            + ".policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> "
                            + "t.targetValue(REQUESTS_PER_CATALOG_TASK).predefinedMetricSpecification(m -> m.predefinedMetricType("
                            + "MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(label)))).policyARN()"})
    void scalesTheCatalogOutAndBack(Backend backend, ApplicationAutoScalingClient autoScaling) throws InterruptedException {
        RealWorkloads.assumeAvailable(backend);
        Deployed deployed = lab.deployed();
        assertThat(autoScaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(lab.shop().catalogScalingResourceId())).scalingPolicies()).singleElement()
                .satisfies(policy -> assertThat(policy.policyARN()).isEqualTo(deployed.scalingPolicyArn()));

        // A burst: four clients at once, so that a loaded laptop still sends more than the target a minute per task.
        List<Traffic> burst = List.of(new Traffic(lab.catalogDoor(), 5), new Traffic(lab.catalogDoor(), 5),
                new Traffic(lab.catalogDoor(), 5), new Traffic(lab.catalogDoor(), 5));
        Service scaledOut = lab.waitFor(() -> lab.service(Shop.CATALOG), s -> s.desiredCount() > SampleSystem.CATALOG_MIN_TASKS,
                LabShop.SCALING_PATIENCE);
        long answered = 0;
        for (Traffic client : burst) {
            answered += client.finish().answered.get();
        }
        // Calm, not silence: a minute without requests publishes no RequestCountPerTarget, and target tracking does
        // not scale in on missing data (INSUFFICIENT_DATA), on AWS as here.
        Traffic trickle = new Traffic(lab.catalogDoor(), 250);
        Service calm = lab.waitFor(() -> lab.service(Shop.CATALOG), s -> s.desiredCount() == SampleSystem.CATALOG_MIN_TASKS,
                LabShop.SCALING_PATIENCE);
        trickle.finish();

        assertThat(answered).as("requests the catalog answered").isPositive();
        assertThat(scaledOut.desiredCount()).as("the burst scaled the catalog out")
                .isBetween(SampleSystem.CATALOG_MIN_TASKS + 1, SampleSystem.CATALOG_MAX_TASKS);
        assertThat(calm.desiredCount()).as("and calm back in").isEqualTo(SampleSystem.CATALOG_MIN_TASKS);
    }

    @Exercise(value = 8, title = "Kill an orders task: ECS replaces it and the catalog finds the new one through Cloud Map",
            hints = {
                    "A service keeps its desired count: a task that stops is replaced by a new one, with a new IP. ECS "
                            + "deregisters the old task from Cloud Map and registers the new one, so whoever finds orders by "
                            + "name (DNS or DiscoverInstances) reaches the new task, with no address written anywhere.",
                    "Nothing new to write for the replacement: OrdersDiscovery.instances (DiscoverInstances) shows the new "
                            + "task's IP once it runs.",
                    "cloudMap.discoverInstances(r -> r.namespaceName(...).serviceName(\"orders\").queryParameters(...)).instances()"})
    void replacesAKilledOrdersTask(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        lab.deployed();
        Shop shop = lab.shop();
        Task killed = lab.runningTasks(Shop.ORDERS).get(0);

        ecs.stopTask(r -> r.cluster(shop.cluster()).task(killed.taskArn()).reason("Lab 11: a task dies"));
        List<Task> replacement = backend.pollUntil(() -> lab.runningTasks(Shop.ORDERS),
                tasks -> tasks.size() == 1 && !tasks.get(0).taskArn().equals(killed.taskArn()));
        assertThat(replacement).as("ECS started a new orders task").singleElement()
                .satisfies(task -> assertThat(task.taskArn()).isNotEqualTo(killed.taskArn()));
        String newIp = LabShop.privateIp(replacement.get(0));
        List<HttpInstanceSummary> found = backend.pollUntil(() -> OrdersDiscovery.instances(cloudMap, shop),
                instances -> instances.size() == 1 && newIp.equals(instances.get(0).attributes().get("AWS_INSTANCE_IPV4")));

        assertThat(found).extracting(i -> i.attributes().get("AWS_INSTANCE_IPV4")).as("Cloud Map knows only the new task")
                .containsExactly(newIp);
        if (backend.isCourseEmulator()) {
            String newTask = LabShop.taskId(replacement.get(0).taskArn());
            Page page = backend.pollUntil(() -> LabShop.get(lab.frontDoor(), "after-the-kill"),
                    p -> p.status() == 200 && newTask.equals(p.taskId("backend.backend")));
            assertThat(page.taskId("backend.backend")).as("the catalog found the new orders task with DiscoverInstances: " + page.body())
                    .isEqualTo(newTask);
        }
    }

    @Exercise(value = 9, title = "Follow one request through the three services' logs by its request id",
            hints = {
                    "Each app writes one log line per request with the request id it got (or made), and passes the id on; "
                            + "the awslogs driver sends each task's output to its app's log group. One search per group for "
                            + "the id finds the request's whole path.",
                    "FilterLogEvents(logGroupName, filterPattern) for each app's group, with the paginator; a quoted "
                            + "pattern (\"\\\"\" + id + \"\\\"\") matches the exact words; sort by timestamp.",
                    "logs.filterLogEventsPaginator(r -> r.logGroupName(shop.logGroup(app)).filterPattern(\"\\\"\" + requestId + "
                            + "\"\\\"\")).events().forEach(events::add); then events.sort(Comparator.comparing(FilteredLogEvent::timestamp));"})
    void followsARequestThroughTheLogs(Backend backend, CloudWatchLogsClient logs) {
        RealWorkloads.assumeAvailable(backend);
        lab.deployed();
        String requestId = "trail-" + UUID.randomUUID().toString().substring(0, 8);
        Page page = LabShop.get(lab.frontDoor(), requestId);
        assertThat(page.status()).as("set-up: the shop's page " + page.body()).isEqualTo(200);

        List<FilteredLogEvent> trail = backend.pollUntil(() -> RequestTrail.follow(logs, lab.shop(), requestId),
                events -> events != null && events.size() >= 3);

        assertThat(trail).as("the events you found").isNotNull().hasSize(3);
        assertThat(trail).allSatisfy(event -> assertThat(event.message()).contains("request-id=" + requestId));
        assertThat(trail).extracting(FilteredLogEvent::logStreamName).as("one line in each app's stream, the task's own")
                .containsExactlyInAnyOrder(
                        "frontend/frontend/" + page.taskId(""),
                        "catalog/catalog/" + page.taskId("backend"),
                        "orders/orders/" + page.taskId("backend.backend"));
        assertThat(trail).extracting(FilteredLogEvent::timestamp).as("oldest first").isSorted();
    }

    @Exercise(value = 10, title = "Tear it all down, in the order AWS requires: nothing is left",
            hints = {
                    "Delete what refers to a thing before the thing: scaling before the service, services (scaled to 0) "
                            + "before the target groups and the cluster, load balancers before their target groups, Cloud Map "
                            + "services (once their instances are gone) before the namespace; then task definitions, log "
                            + "groups, the two roles (their policies first) and the repositories (with their images).",
                    "DeregisterScalableTarget; UpdateService(desiredCount 0), DeleteService, waitUntilServicesInactive, ListTasks "
                            + "(desiredStatus STOPPED) and waitUntilTasksStopped; "
                            + "DeleteLoadBalancer, waitUntilLoadBalancersDeleted, DeleteTargetGroup (ResourceInUse: again); "
                            + "DeleteCluster; Cloud Map DeleteService, DeleteNamespace (an operation); DeregisterTaskDefinition; "
                            + "DeleteLogGroup; DeleteRolePolicy, DeleteRole; DeleteRepository(force).",
                    "Each step finds its things by name and catches what says they are gone: try { elb.describeLoadBalancers(r "
                            + "-> r.names(name)) ... } catch (LoadBalancerNotFoundException gone) { }"})
    void tearsEverythingDown(EcrClient ecr, EcsClient ecs, IamClient iam, CloudWatchLogsClient logs, ServiceDiscoveryClient cloudMap,
                             ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient autoScaling) {
        lab.deployed();
        Shop shop = lab.shop();

        TearDown.tearDown(lab.aws, shop);
        LabShop.tornDown();
        TearDown.tearDown(lab.aws, shop); // a second run finds nothing to do, and says nothing

        assertThat(autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(shop.catalogScalingResourceId())).scalableTargets()).as("scalable targets").isEmpty();
        assertThat(ecs.describeClusters(r -> r.clusters(shop.cluster())).clusters())
                .allSatisfy(cluster -> assertThat(cluster.status()).as("the cluster").isEqualTo("INACTIVE"));
        for (String app : Shop.APPS) {
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix(shop.family(app)).status(TaskDefinitionStatus.ACTIVE))
                    .taskDefinitionArns()).as("active revisions of " + shop.family(app)).isEmpty();
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix(shop.logGroup(app))).logGroups())
                    .as("the log group of " + app).isEmpty();
            assertThat(ecr.describeRepositories().repositories()).extracting(Repository::repositoryName)
                    .as("repositories").doesNotContain(shop.repository(app));
        }
        for (String name : List.of(shop.publicLoadBalancer(), shop.internalLoadBalancer())) {
            assertThat(gone(() -> elb.describeLoadBalancers(r -> r.names(name)))).as("load balancer " + name + " is gone").isTrue();
        }
        for (String app : List.of(Shop.FRONTEND, Shop.CATALOG)) {
            assertThat(gone(() -> elb.describeTargetGroups(r -> r.names(shop.targetGroup(app)))))
                    .as("target group " + shop.targetGroup(app) + " is gone").isTrue();
        }
        assertThat(cloudMap.listNamespacesPaginator(r -> { }).stream()
                .flatMap(page -> page.namespaces().stream()).toList()).extracting(n -> n.name())
                .as("namespaces").doesNotContain(shop.namespace());
        assertThat(gone(() -> iam.getRole(r -> r.roleName(shop.executionRole())))).as("the execution role is gone").isTrue();
        assertThat(gone(() -> iam.getRole(r -> r.roleName(shop.catalogTaskRole())))).as("the catalog's task role is gone").isTrue();
    }

    /** Whether the describe call says its thing does not exist. */
    private static boolean gone(Runnable describe) {
        try {
            describe.run();
            return false;
        } catch (LoadBalancerNotFoundException | TargetGroupNotFoundException | NoSuchEntityException notFound) {
            return true;
        }
    }
}
