package dev.ecslabs.samplesystem;

import dev.ecslabs.labkit.CourseAppImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationResponse;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

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
        Map<String, String> images = new LinkedHashMap<>();
        for (String app : Shop.APPS) {
            String repository = shop.repository(app);
            try {
                aws.ecr().describeRepositories(r -> r.repositoryNames(repository));
            } catch (RepositoryNotFoundException missing) {
                aws.ecr().createRepository(r -> r.repositoryName(repository).imageTagMutability(ImageTagMutability.IMMUTABLE)
                        .imageScanningConfiguration(scanning -> scanning.scanOnPush(true)));
            }
            String image = CourseAppImage.push(aws.ecr(), repository);
            String digest = image.substring(image.indexOf('@') + 1);
            aws.ecrWaiter().waitUntilImageScanComplete(r -> r.repositoryName(repository).imageId(id -> id.imageDigest(digest)));
            images.put(app, image);
        }
        return images;
    }

    /** Step 2: a log group per app, its events kept a week. */
    public static void createLogGroups(AwsClients aws, Shop shop) {
        for (String app : Shop.APPS) {
            String name = shop.logGroup(app);
            boolean exists = aws.logs().describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                    .map(LogGroup::logGroupName).anyMatch(name::equals);
            if (!exists) {
                aws.logs().createLogGroup(r -> r.logGroupName(name));
            }
            aws.logs().putRetentionPolicy(r -> r.logGroupName(name).retentionInDays(7)); // a put: the same twice is no change
        }
    }

    /**
     * Step 3: the role ECS starts the tasks with, allowed only what starting them needs: the registry login,
     * pulls from the shop's three repositories, log streams in the shop's three log groups; answers its ARN.
     */
    public static String createExecutionRole(AwsClients aws, Shop shop) {
        String arn = taskRole(aws, shop.executionRole(), "Starts the shop's tasks");
        List<String> repositories = Shop.APPS.stream().map(app -> "\"" + shop.repositoryArn(app) + "\"").toList();
        List<String> logStreams = Shop.APPS.stream().map(app -> "\"" + shop.logGroupArn(app) + ":log-stream:*\"").toList();
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                  {"Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": [%s]},
                  {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": [%s]}]}"""
                .formatted(String.join(", ", repositories), String.join(", ", logStreams));
        aws.iam().putRolePolicy(r -> r.roleName(shop.executionRole()).policyName(ROLE_POLICY).policyDocument(policy));
        return arn;
    }

    /**
     * Step 3 (continued): the catalog's task role, what the catalog app itself may call: DiscoverInstances only, to find
     * orders. Its Resource is {@code *}: the Service Authorization Reference lists no resource type for
     * {@code servicediscovery:DiscoverInstances} (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudmap.html);
     * answers its ARN.
     */
    public static String createCatalogTaskRole(AwsClients aws, Shop shop) {
        String arn = taskRole(aws, shop.catalogTaskRole(), "What the shop's catalog may call");
        aws.iam().putRolePolicy(r -> r.roleName(shop.catalogTaskRole()).policyName(TASK_ROLE_POLICY).policyDocument("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "servicediscovery:DiscoverInstances", "Resource": "*"}]}"""));
        return arn;
    }

    /** The role {@code name} that ECS tasks may assume, made if missing; answers its ARN. */
    private static String taskRole(AwsClients aws, String name, String description) {
        try {
            return aws.iam().getRole(r -> r.roleName(name)).role().arn();
        } catch (NoSuchEntityException missing) {
            return aws.iam().createRole(r -> r.roleName(name).description(description).assumeRolePolicyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""")).role().arn();
        }
    }

    /** Step 4: a task definition per app, registered only when its latest revision differs from it; app → ARN. */
    public static Map<String, String> registerTaskDefinitions(AwsClients aws, Shop shop, Map<String, String> images,
                                                              String executionRoleArn) {
        Map<String, String> arns = new LinkedHashMap<>();
        for (String app : Shop.APPS) {
            RegisterTaskDefinitionRequest wanted = taskDefinition(shop, app, images.get(app), executionRoleArn, VERSION);
            arns.put(app, register(aws, wanted));
        }
        return arns;
    }

    /** The latest revision's ARN when it is what {@code wanted} asks for, else a new revision's. */
    public static String register(AwsClients aws, RegisterTaskDefinitionRequest wanted) {
        Optional<TaskDefinition> latest = latest(aws, wanted.family());
        if (latest.isPresent() && sameApp(latest.get(), wanted)) {
            return latest.get().taskDefinitionArn();
        }
        return aws.ecs().registerTaskDefinition(wanted).taskDefinition().taskDefinitionArn();
    }

    private static Optional<TaskDefinition> latest(AwsClients aws, String family) {
        try {
            TaskDefinition latest = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition();
            return "ACTIVE".equals(latest.statusAsString()) ? Optional.of(latest) : Optional.empty();
        } catch (ClientException noSuchFamily) {
            return Optional.empty();
        }
    }

    /** The same image, environment and roles: what a new revision would change (ECS fills in defaults for the rest). */
    private static boolean sameApp(TaskDefinition latest, RegisterTaskDefinitionRequest wanted) {
        ContainerDefinition have = latest.containerDefinitions().get(0);
        ContainerDefinition want = wanted.containerDefinitions().get(0);
        return have.image().equals(want.image()) && Map.copyOf(environment(have)).equals(environment(want))
                && wanted.executionRoleArn().equals(latest.executionRoleArn())
                && Objects.equals(wanted.taskRoleArn(), latest.taskRoleArn());
    }

    private static Map<String, String> environment(ContainerDefinition container) {
        Map<String, String> environment = new LinkedHashMap<>();
        container.environment().forEach(pair -> environment.put(pair.name(), pair.value()));
        return environment;
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
        List<KeyValuePair> environment = new java.util.ArrayList<>();
        environment.add(KeyValuePair.builder().name("GREETING").value(app + "@" + version).build());
        switch (app) {
            case Shop.FRONTEND -> environment.add(KeyValuePair.builder().name("BACKEND_URL")
                    .value("http://" + Shop.CATALOG + ":" + Shop.PORT).build());
            case Shop.CATALOG -> {
                // ECS registers the orders' tasks with fixed attributes only: the cluster is the environment to ask for
                environment.add(KeyValuePair.builder().name("BACKEND_DISCOVERY").value(shop.ordersDiscovery()).build());
                environment.add(KeyValuePair.builder().name("BACKEND_QUERY").value(OrdersDiscovery.CLUSTER_ATTRIBUTE + "="
                        + shop.cluster()).build());
            }
            default -> { } // orders calls nothing
        }
        ContainerDefinition container = ContainerDefinition.builder()
                .name(app)
                .image(image)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(Shop.PORT).name(Shop.PORT_NAME).appProtocol(ApplicationProtocol.HTTP)
                        .build())
                .environment(environment)
                .logConfiguration(log -> log.logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", shop.logGroup(app),
                        "awslogs-region", shop.region(),
                        "awslogs-stream-prefix", app)))
                .build();
        return RegisterTaskDefinitionRequest.builder()
                .family(shop.family(app))
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn(executionRoleArn)
                .taskRoleArn(Shop.CATALOG.equals(app) ? shop.catalogTaskRoleArn() : null) // only the catalog makes an AWS call
                .containerDefinitions(container)
                .build();
    }

    /** Step 5: the private DNS namespace in the shop's VPC (an operation: waited for); answers its id. */
    public static String createNamespace(AwsClients aws, Shop shop) {
        Optional<String> existing = aws.cloudMap().listNamespacesPaginator(r -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(namespace -> namespace.name().equals(shop.namespace())).map(NamespaceSummary::id).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        String operationId = aws.cloudMap().createPrivateDnsNamespace(r -> r.name(shop.namespace()).vpc(shop.vpcId()))
                .operationId();
        GetOperationResponse done = Poll.until(() -> aws.cloudMap().getOperation(r -> r.operationId(operationId)),
                answer -> answer.operation().status() == OperationStatus.SUCCESS || answer.operation().status() == OperationStatus.FAIL,
                aws.pollInterval());
        if (done.operation().status() == OperationStatus.FAIL) {
            throw new IllegalStateException("Cloud Map could not create " + shop.namespace() + ": " + done.operation().errorMessage());
        }
        return done.operation().targets().get(OperationTargetType.NAMESPACE);
    }

    /** Step 6: the Cloud Map service ECS registers the orders' tasks in, as A records (TTL 10 s); answers its ARN. */
    public static String createOrdersRegistry(AwsClients aws, Shop shop, String namespaceId) {
        Optional<String> existing = aws.cloudMap().listServicesPaginator(r -> r.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID)
                        .values(namespaceId))).stream()
                        .flatMap(page -> page.services().stream())
                .filter(service -> service.name().equals(Shop.ORDERS)).map(ServiceSummary::arn).findFirst();
        return existing.orElseGet(() -> aws.cloudMap().createService(r -> r.name(Shop.ORDERS).namespaceId(namespaceId)
                .dnsConfig(dns -> dns.dnsRecords(record -> record.type(RecordType.A).ttl(10L)))).service().arn());
    }

    /** Step 7: the cluster, its Service Connect namespace the shop's. */
    public static void createCluster(AwsClients aws, Shop shop, String namespaceId) {
        String namespaceArn = aws.cloudMap().getNamespace(r -> r.id(namespaceId)).namespace().arn();
        // CreateCluster answers the existing cluster when it is ACTIVE: the one call that is idempotent as it is.
        aws.ecs().createCluster(r -> r.clusterName(shop.cluster()).serviceConnectDefaults(d -> d.namespace(namespaceArn)));
    }

    /** Step 8: the ip target groups of the frontend and the catalog (GET /health every 10 s, 5 s to drain); app → ARN. */
    public static Map<String, String> createTargetGroups(AwsClients aws, Shop shop) {
        Map<String, String> arns = new LinkedHashMap<>();
        for (String app : List.of(Shop.FRONTEND, Shop.CATALOG)) {
            String name = shop.targetGroup(app);
            String arn;
            try {
                arn = aws.elb().describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
            } catch (TargetGroupNotFoundException missing) {
                arn = aws.elb().createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(Shop.PORT)
                        .vpcId(shop.vpcId()).targetType(TargetTypeEnum.IP).healthCheckPath("/health")
                        .healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(5).healthyThresholdCount(2)
                        .unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
            }
            String created = arn;
            aws.elb().modifyTargetGroupAttributes(r -> r.targetGroupArn(created)
                    .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("5")));
            arns.put(app, arn);
        }
        return arns;
    }

    /** Step 9: an Application Load Balancer (internet-facing or internal), active, forwarding HTTP:80 to the group; its ARN. */
    public static String createLoadBalancer(AwsClients aws, Shop shop, String name, boolean internetFacing, String targetGroupArn) {
        LoadBalancer loadBalancer;
        try {
            loadBalancer = aws.elb().describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0);
        } catch (LoadBalancerNotFoundException missing) {
            loadBalancer = aws.elb().createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.APPLICATION)
                    .scheme(internetFacing ? LoadBalancerSchemeEnum.INTERNET_FACING : LoadBalancerSchemeEnum.INTERNAL)
                    .subnets(shop.subnets())).loadBalancers().get(0);
        }
        String arn = loadBalancer.loadBalancerArn();
        aws.elbWaiter().waitUntilLoadBalancerAvailable(r -> r.loadBalancerArns(arn));
        boolean listening = aws.elb().describeListeners(r -> r.loadBalancerArn(arn)).listeners().stream()
                .anyMatch(listener -> listener.port() == Shop.LISTENER_PORT);
        if (!listening) {
            aws.elb().createListener(r -> r.loadBalancerArn(arn).protocol(ProtocolEnum.HTTP).port(Shop.LISTENER_PORT)
                    .defaultActions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)));
        }
        return arn;
    }

    /**
     * Step 10: the three services, each after what it calls: orders (registered in Cloud Map), the catalog (Service
     * Connect's {@code catalog:8080}, behind the internal load balancer), the frontend (a Service Connect client, behind
     * the public load balancer); then waited for until stable with their targets in service. A service that exists keeps
     * its desired count (auto scaling owns it) and is only moved to the wanted task definition.
     */
    public static void createServices(AwsClients aws, Shop shop, Map<String, String> taskDefinitions, String ordersRegistryArn,
                                      Map<String, String> targetGroups) {
        for (String app : Shop.APPS) {
            CreateServiceRequest.Builder service = CreateServiceRequest.builder()
                    .cluster(shop.cluster())
                    .serviceName(shop.service(app))
                    .taskDefinition(taskDefinitions.get(app))
                    .desiredCount(1)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(shop.subnets())
                            .assignPublicIp(AssignPublicIp.ENABLED)))
                    .deploymentConfiguration(deployment -> deployment.minimumHealthyPercent(100).maximumPercent(200)
                            .deploymentCircuitBreaker(breaker -> breaker.enable(true).rollback(true)));
            switch (app) {
                case Shop.ORDERS -> service.serviceRegistries(registry -> registry.registryArn(ordersRegistryArn));
                case Shop.CATALOG -> service
                        .serviceConnectConfiguration(connect -> connect.enabled(true).services(server -> server
                                .portName(Shop.PORT_NAME).discoveryName(Shop.CATALOG)
                                .clientAliases(alias -> alias.dnsName(Shop.CATALOG).port(Shop.PORT))))
                        .loadBalancers(lb -> lb.targetGroupArn(targetGroups.get(Shop.CATALOG)).containerName(app).containerPort(Shop.PORT))
                        .healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS);
                default -> service
                        .serviceConnectConfiguration(connect -> connect.enabled(true))
                        .loadBalancers(lb -> lb.targetGroupArn(targetGroups.get(Shop.FRONTEND)).containerName(app).containerPort(Shop.PORT))
                        .healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS);
            }
            createOrUpdate(aws, service.build());
        }
        aws.ecsWaiter().waitUntilServicesStable(r -> r.cluster(shop.cluster()).services(Shop.APPS));
        for (String group : targetGroups.values()) {
            aws.elbWaiter().waitUntilTargetInService(r -> r.targetGroupArn(group));
        }
    }

    private static void createOrUpdate(AwsClients aws, CreateServiceRequest wanted) {
        List<Service> existing = aws.ecs().describeServices(r -> r.cluster(wanted.cluster()).services(wanted.serviceName()))
                .services();
        if (existing.isEmpty() || !"ACTIVE".equals(existing.get(0).status())) {
            aws.ecs().createService(wanted);
        } else if (!existing.get(0).taskDefinition().equals(wanted.taskDefinition())) {
            aws.ecs().updateService(r -> r.cluster(wanted.cluster()).service(wanted.serviceName())
                    .taskDefinition(wanted.taskDefinition()));
        }
    }

    /**
     * Step 11: the catalog scales between {@link #CATALOG_MIN_TASKS} and {@link #CATALOG_MAX_TASKS} tasks on its internal
     * target group's requests per task (ALBRequestCountPerTarget, {@link #REQUESTS_PER_CATALOG_TASK} a minute); answers the
     * policy's ARN. Both calls are puts: the same twice is no change.
     */
    public static String scaleCatalog(AwsClients aws, Shop shop, String loadBalancerArn, String targetGroupArn) {
        aws.autoScaling().registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(shop.catalogScalingResourceId()).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(CATALOG_MIN_TASKS).maxCapacity(CATALOG_MAX_TASKS));
        // app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>: the parts of both ARNs after "loadbalancer/" and after the last ':'
        String label = loadBalancerArn.substring(loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length()) + "/"
                + targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
        return aws.autoScaling().putScalingPolicy(r -> r.policyName(SCALING_POLICY).serviceNamespace(ServiceNamespace.ECS)
                .resourceId(shop.catalogScalingResourceId()).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(tracking -> tracking.targetValue(REQUESTS_PER_CATALOG_TASK)
                        .predefinedMetricSpecification(metric -> metric.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                                .resourceLabel(label))
                        .scaleOutCooldown(60).scaleInCooldown(60))).policyARN();
    }
}
