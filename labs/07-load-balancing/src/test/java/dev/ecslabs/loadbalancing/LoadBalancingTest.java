package dev.ecslabs.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.CourseAppImage;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.loadbalancing.LabLoadBalancing.Answer;
import dev.ecslabs.loadbalancing.LabLoadBalancing.Front;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

@Lab("07")
class LoadBalancingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    LabLoadBalancing lab;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs, EcsWaiter ecsWaiter, ElasticLoadBalancingV2Client elb,
               ElasticLoadBalancingV2Waiter elbWaiter) {
        lab = new LabLoadBalancing(backend, ecs, ecsWaiter, elb, elbWaiter);
    }

    @AfterEach
    void deleteEverything() {
        lab.deleteEverything();
    }

    @Exercise(value = 1, title = "Create a target group of ip targets with a quick health check",
            hints = {
                    "A target group is the list of places a load balancer sends requests to, and how it checks that "
                            + "each is healthy. Fargate tasks (awsvpc) are registered by their private IP, so the target "
                            + "type is ip; the health check is a GET the load balancer repeats on every target.",
                    "CreateTargetGroup: name, protocol HTTP, port, vpcId, targetType IP, healthCheckPath, "
                            + "healthCheckIntervalSeconds 10, healthyThresholdCount 2, unhealthyThresholdCount 2; the "
                            + "answer's targetGroups().get(0).",
                    "elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(port).vpcId(vpcId)"
                            + ".targetType(TargetTypeEnum.IP).healthCheckPath(path).healthCheckIntervalSeconds(10)"
                            + ".healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0)"})
    void createsATargetGroup(Backend backend, ElasticLoadBalancingV2Client elb) {
        String name = backend.uniqueName("web");

        TargetGroup group = LoadBalancing.createTargetGroup(elb, name, backend.defaultVpc(), 80, "/");

        assertThat(group).as("the target group you returned").isNotNull();
        lab.trackTargetGroup(group.targetGroupArn());
        assertThat(group.targetGroupName()).isEqualTo(name);
        assertThat(group.targetTypeAsString()).as("tasks are registered by IP").isEqualTo("ip");
        assertThat(group.protocolAsString()).isEqualTo("HTTP");
        assertThat(group.port()).isEqualTo(80);
        assertThat(group.vpcId()).isEqualTo(backend.defaultVpc());
        assertThat(group.healthCheckPath()).isEqualTo("/");
        assertThat(group.healthCheckIntervalSeconds()).isEqualTo(10);
        assertThat(group.healthyThresholdCount()).isEqualTo(2);
        assertThat(group.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(group.loadBalancerArns()).as("no load balancer uses it yet").isEmpty();
    }

    @Exercise(value = 2, title = "Create an Application Load Balancer and a listener that forwards to the target group",
            hints = {
                    "A load balancer lives in subnets (at least two Availability Zones) and is provisioning for a "
                            + "while before it is active. It answers nothing until it has a listener: a port and protocol "
                            + "whose default action sends requests to a target group.",
                    "CreateLoadBalancer (name, type APPLICATION, scheme INTERNET_FACING, subnets); "
                            + "waiter.waitUntilLoadBalancerAvailable(loadBalancerArns); CreateListener (loadBalancerArn, "
                            + "protocol HTTP, port LISTENER_PORT, defaultActions: type FORWARD, targetGroupArn).",
                    "LoadBalancer lb = elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.APPLICATION)"
                            + ".scheme(LoadBalancerSchemeEnum.INTERNET_FACING).subnets(subnets)).loadBalancers().get(0); "
                            + "waiter.waitUntilLoadBalancerAvailable(r -> r.loadBalancerArns(lb.loadBalancerArn())); "
                            + "elb.createListener(r -> r.loadBalancerArn(...).protocol(ProtocolEnum.HTTP).port(LISTENER_PORT)"
                            + ".defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(arn))).listeners().get(0)"})
    void createsALoadBalancer(Backend backend, ElasticLoadBalancingV2Client elb, ElasticLoadBalancingV2Waiter waiter) {
        TargetGroup group = lab.targetGroup("web", 80, "/");
        String name = backend.uniqueName("web");

        Listener listener = LoadBalancing.createLoadBalancer(elb, waiter, name, lab.subnets(), group.targetGroupArn());

        assertThat(listener).as("the listener you returned").isNotNull();
        lab.trackLoadBalancer(listener.loadBalancerArn());
        assertThat(listener.port()).isEqualTo(80);
        assertThat(listener.protocolAsString()).isEqualTo("HTTP");
        assertThat(listener.defaultActions()).singleElement().satisfies(action -> {
            assertThat(action.typeAsString()).isEqualTo("forward");
            assertThat(forwardsTo(action)).containsExactly(group.targetGroupArn());
        });
        LoadBalancer loadBalancer = elb.describeLoadBalancers(r -> r.loadBalancerArns(listener.loadBalancerArn()))
                .loadBalancers().get(0);
        assertThat(loadBalancer.loadBalancerName()).isEqualTo(name);
        assertThat(loadBalancer.typeAsString()).isEqualTo("application");
        assertThat(loadBalancer.schemeAsString()).isEqualTo("internet-facing");
        assertThat(loadBalancer.state().codeAsString()).as("you waited until it was available").isEqualTo("active");
        assertThat(loadBalancer.dnsName()).as("its name in DNS").isNotBlank();
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(group.targetGroupArn())).targetGroups().get(0)
                .loadBalancerArns()).as("the target group is now in use").containsExactly(loadBalancer.loadBalancerArn());
    }

    @Exercise(value = 3, title = "Create the service behind the load balancer and wait until its targets are in service",
            hints = {
                    "A service with loadBalancers registers each task's IP and container port with the target group "
                            + "when the task starts, and deregisters it when the task stops. A task counts as healthy for "
                            + "the service only once the load balancer finds its target healthy; the grace period gives a "
                            + "slow starter time before failed checks count.",
                    "CreateService with loadBalancers(targetGroupArn, containerName, containerPort) and "
                            + "healthCheckGracePeriodSeconds(60); ecsWaiter.waitUntilServicesStable; then "
                            + "elbWaiter.waitUntilTargetInService(targetGroupArn), whose response holds the targets' health.",
                    "ecs.createService(r -> ... .loadBalancers(lb -> lb.targetGroupArn(tg).containerName(container)"
                            + ".containerPort(port)).healthCheckGracePeriodSeconds(60)...); ecsWaiter.waitUntilServicesStable(...); "
                            + "return elbWaiter.waitUntilTargetInService(r -> r.targetGroupArn(tg)).matched().response()"
                            + ".orElseThrow().targetHealthDescriptions();"})
    void createsTheService(Backend backend, EcsClient ecs, EcsWaiter ecsWaiter, ElasticLoadBalancingV2Waiter elbWaiter) {
        String cluster = lab.cluster("shop");
        TargetGroup group = lab.targetGroup("web", 80, "/");
        lab.front("web", group);
        String web = lab.registerWeb();
        String name = backend.uniqueName("web");
        lab.trackService(cluster, name);

        List<TargetHealthDescription> health = LoadBalancing.createService(ecs, ecsWaiter, elbWaiter, cluster, name, web,
                LabLoadBalancing.WEB, 80, group.targetGroupArn(), lab.subnets());

        assertThat(health).as("the targets' health you returned").isNotNull().hasSize(2);
        assertThat(health).extracting(d -> d.targetHealth().stateAsString()).containsOnly("healthy");
        List<Task> tasks = lab.tasks(cluster, name, "RUNNING");
        assertThat(health).extracting(d -> d.target().id()).as("each task's private IP is a target")
                .containsExactlyInAnyOrderElementsOf(tasks.stream().map(LabLoadBalancing::privateIp).toList());
        assertThat(health).extracting(d -> d.target().port()).as("the container port").containsOnly(80);
        Service service = lab.describe(cluster, name);
        assertThat(service.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.targetGroupArn()).isEqualTo(group.targetGroupArn());
            assertThat(lb.containerName()).isEqualTo(LabLoadBalancing.WEB);
            assertThat(lb.containerPort()).isEqualTo(80);
        });
        assertThat(service.healthCheckGracePeriodSeconds()).isEqualTo(60);
    }

    @Exercise(value = 4, title = "Call the load balancer and see the answers spread over the tasks",
            hints = {
                    "The load balancer's listener takes every request and sends it to one healthy target, taking "
                            + "them in turn (round robin): with two tasks, consecutive requests alternate between them. The "
                            + "course app answers GET / with the task that served it.",
                    "java.net.http.HttpClient: HttpRequest.newBuilder(url).GET().build(), client.send(request, "
                            + "HttpResponse.BodyHandlers.ofString()); check statusCode() and collect body(); IOException and "
                            + "InterruptedException must not be swallowed.",
                    "for (int i = 0; i < count; i++) { HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url)"
                            + ".GET().build(), HttpResponse.BodyHandlers.ofString()); if (response.statusCode() != 200) throw ...; "
                            + "bodies.add(response.body()); }"})
    void spreadsTheCalls(Backend backend, EcrClient ecr, ElasticLoadBalancingV2Client elb) {
        // No calls, no answers (and no need of a load balancer): checked first, before two JVMs are started for the rest.
        assertThat(LoadBalancing.callThrough(URI.create("http://127.0.0.1:9/"), 0)).as("the answers to 0 calls").isEmpty();
        String image = CourseAppImage.push(ecr);
        String cluster = lab.cluster("apps");
        TargetGroup group = lab.targetGroup("app", CourseAppImage.PORT, "/health");
        // A JVM on a busy machine may take a while to answer: 5 s for each check (the timeout must stay below the interval).
        elb.modifyTargetGroup(r -> r.targetGroupArn(group.targetGroupArn()).healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(5));
        Front front = lab.front("app", group);
        String app = lab.register("course-app", "app", image, CourseAppImage.PORT);
        String name = backend.uniqueName("app");
        // A JVM starts in real time, whatever the emulator's clock does (the course's emulator may run it faster, or
        // jump while the tests wait): a day's grace period keeps a slow start from being replaced.
        lab.service(cluster, name, app, "app", CourseAppImage.PORT, group, 2, 86_400);

        List<String> bodies = LoadBalancing.callThrough(front.url().resolve("/"), 10);

        assertThat(bodies).as("the answers you returned").isNotNull().hasSize(10);
        Map<String, Long> perTask = bodies.stream().map(LoadBalancingTest::taskArnOf)
                .collect(Collectors.groupingBy(arn -> arn, Collectors.counting()));
        Set<String> tasks = lab.tasks(cluster, name, "RUNNING").stream().map(Task::taskArn).collect(Collectors.toSet());
        // Round robin alternates between the healthy targets; on a busy machine a health check may time out now and then
        // and take a target out for a moment, so the split is not always five and five: both must answer.
        assertThat(perTask.keySet()).as("the tasks that answered (answers per task: " + perTask + ")").isEqualTo(tasks);
    }

    @Exercise(value = 5, title = "Send /api/* to the backend with a path rule",
            hints = {
                    "A listener checks its rules in priority order (lowest first) before its default action: a rule "
                            + "whose conditions match the request (a path pattern, a host name, a header) sends it to its "
                            + "own target group. The default action catches the rest.",
                    "CreateRule: listenerArn, priority API_RULE_PRIORITY, conditions (field path-pattern, "
                            + "pathPatternConfig values /api/*), actions (type FORWARD, targetGroupArn); the answer's "
                            + "rules().get(0).",
                    "elb.createRule(r -> r.listenerArn(listenerArn).priority(API_RULE_PRIORITY).conditions(c -> "
                            + "c.field(\"path-pattern\").pathPatternConfig(p -> p.values(\"/api/*\"))).actions(a -> "
                            + "a.type(ActionTypeEnum.FORWARD).targetGroupArn(backendTargetGroupArn))).rules().get(0)"})
    void routesTheApiToTheBackend(Backend backend, ElasticLoadBalancingV2Client elb) {
        String cluster = lab.cluster("routes");
        TargetGroup webGroup = lab.targetGroup("web", 80, "/");
        TargetGroup apiGroup = lab.targetGroup("api", 80, "/");
        Front front = lab.front("routes", webGroup);
        lab.service(cluster, backend.uniqueName("web"), lab.registerWeb(), LabLoadBalancing.WEB, 80, webGroup, 1, 60);

        Rule rule = LoadBalancing.routeApiToBackend(elb, front.listener().listenerArn(), apiGroup.targetGroupArn());

        assertThat(rule).as("the rule you returned").isNotNull();
        assertThat(rule.priority()).isEqualTo(String.valueOf(LoadBalancing.API_RULE_PRIORITY));
        assertThat(rule.conditions()).singleElement().satisfies(condition -> {
            assertThat(condition.field()).isEqualTo("path-pattern");
            assertThat(condition.pathPatternConfig().values()).containsExactly("/api/*");
        });
        assertThat(rule.actions()).singleElement().satisfies(action -> assertThat(forwardsTo(action))
                .containsExactly(apiGroup.targetGroupArn()));
        // Only now is the backend's target group in use: its targets are health-checked once the rule forwards to it.
        lab.service(cluster, backend.uniqueName("backend"), lab.register("backend", "backend", LabLoadBalancing.BACKEND_IMAGE, 80),
                "backend", 80, apiGroup, 1, 60);
        Answer home = LabLoadBalancing.get(front.url().resolve("/"));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).as("the default action: the web app (nginx)").contains("Welcome to nginx!");
        Answer api = LabLoadBalancing.get(front.url().resolve("/api/orders"));
        assertThat(api.body()).as("/api/orders reached the backend (httpd, which has no such page: its own 404)")
                .contains("The requested URL was not found on this server.");
        assertThat(api.status()).isEqualTo(404);
    }

    @Exercise(value = 6, title = "Roll out a new revision behind the load balancer without losing a request",
            hints = {
                    "With minimumHealthyPercent 100 the old tasks keep serving until the new ones are healthy in the "
                            + "target group; an old task is then deregistered and drains (no new requests) before it "
                            + "stops. Users see no error: the load balancer only ever sends to healthy targets.",
                    "UpdateService: taskDefinition and deploymentConfiguration(minimumHealthyPercent 100, maximumPercent "
                            + "200); waitUntilServicesStable; the PRIMARY deployment of the stable service.",
                    "ecs.updateService(r -> r.cluster(cluster).service(name).taskDefinition(td).deploymentConfiguration(d "
                            + "-> d.minimumHealthyPercent(100).maximumPercent(200))); then the stable waiter's "
                            + "services().get(0).deployments(), the one whose status() is \"PRIMARY\""})
    void rollsOutWithoutFailedRequests(Backend backend, EcsClient ecs, EcsWaiter waiter) throws InterruptedException {
        String cluster = lab.cluster("rollout");
        TargetGroup group = lab.targetGroup("web", 80, "/");
        Front front = lab.front("rollout", group);
        String name = backend.uniqueName("web");
        lab.service(cluster, name, lab.registerWeb(), LabLoadBalancing.WEB, 80, group, 2, 60);
        // The new revision serves httpd's page instead of nginx's: the answers show when the traffic moved.
        String v2 = lab.register("web", LabLoadBalancing.WEB, LabLoadBalancing.BACKEND_IMAGE, 80);
        RequestsAllTheTime traffic = new RequestsAllTheTime(front.url().resolve("/"));
        traffic.start();

        Deployment deployment;
        try {
            deployment = LoadBalancing.rollOut(ecs, waiter, cluster, name, v2);
            traffic.atLeast(traffic.sent() + 20);
        } finally {
            traffic.stop();
        }

        assertThat(deployment).as("the deployment you returned").isNotNull();
        assertThat(deployment.taskDefinition()).isEqualTo(v2);
        assertThat(deployment.rolloutStateAsString()).isEqualTo("COMPLETED");
        Service service = lab.describe(cluster, name);
        assertThat(service.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
        assertThat(service.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        assertThat(traffic.failures()).as("requests that failed during the rollout (of " + traffic.sent() + ")").isEmpty();
        assertThat(traffic.sent()).isGreaterThanOrEqualTo(20);
        assertThat(traffic.bodies()).as("answers from the old revision, then from the new")
                .anySatisfy(body -> assertThat(body).contains("Welcome to nginx!"))
                .anySatisfy(body -> assertThat(body).contains("It works!"));
    }

    @Exercise(value = 7, title = "Find the target that fails its health check, and watch ECS replace its task",
            hints = {
                    "A target that fails the health check as many times in a row as the unhealthy threshold is "
                            + "unhealthy: the load balancer stops sending it requests and says why (a reason code). ECS, "
                            + "once the service's grace period is over, stops the task and starts another.",
                    "DescribeTargetHealth(targetGroupArn): each TargetHealthDescription has target() (id, port) and "
                            + "targetHealth() (state(), reasonAsString(), description()); keep those whose state is "
                            + "TargetHealthStateEnum.UNHEALTHY.",
                    "elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions().stream().filter(d -> "
                            + "d.targetHealth().state() == TargetHealthStateEnum.UNHEALTHY).map(d -> new UnhealthyTarget(...))"
                            + ".toList()"})
    void findsAnUnhealthyTarget(Backend backend, EcsClient ecs, ElasticLoadBalancingV2Client elb) {
        String cluster = lab.cluster("health");
        TargetGroup group = lab.targetGroup("web", 80, "/");
        lab.front("health", group);
        String name = backend.uniqueName("web");
        lab.service(cluster, name, lab.registerWeb(), LabLoadBalancing.WEB, 80, group, 1, 300);
        Task task = lab.tasks(cluster, name, "RUNNING").get(0);
        // nginx has no /healthz: from now on it answers the health check with 404.
        elb.modifyTargetGroup(r -> r.targetGroupArn(group.targetGroupArn()).healthCheckPath("/healthz"));
        lab.pollUntil(() -> lab.health(group), health -> health.stream()
                .anyMatch(d -> d.targetHealth().stateAsString().equals("unhealthy")));

        List<UnhealthyTarget> unhealthy = LoadBalancing.unhealthyTargets(elb, group.targetGroupArn());

        assertThat(unhealthy).as("the unhealthy targets you returned").isNotNull().singleElement().satisfies(target -> {
            assertThat(target.id()).isEqualTo(LabLoadBalancing.privateIp(task));
            assertThat(target.port()).isEqualTo(80);
            assertThat(target.reason()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(target.description()).contains("404");
        });
        String expected = "failed ELB health checks in (target-group " + group.targetGroupArn() + ")";
        Task stopped = lab.pollUntil(() -> lab.task(cluster, task.taskArn()), t -> "STOPPED".equals(t.desiredStatus()));
        assertThat(stopped.stoppedReason()).as("once the 300 s grace period is over").isEqualTo("Task " + expected);
        assertThat(lab.describe(cluster, name).events()).extracting(ServiceEvent::message)
                .anySatisfy(m -> assertThat(m).endsWith(expected + "."));
    }

    @Exercise(value = 8, title = "Set the deregistration delay, and watch a stopping task drain",
            hints = {
                    "When a task stops, ECS first deregisters its target: the target is draining, the load balancer "
                            + "sends it no new requests but lets the requests under way finish, for the target group's "
                            + "deregistration delay (300 s by default). The task waits in DEACTIVATING meanwhile.",
                    "ModifyTargetGroupAttributes with the attribute key deregistration_delay.timeout_seconds (a string "
                            + "value); DescribeTargetGroupAttributes reads it back.",
                    "elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(a -> "
                            + "a.key(\"deregistration_delay.timeout_seconds\").value(Integer.toString(seconds)))); then find "
                            + "that key in elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()"})
    void drainsAStoppingTask(Backend backend, EcsClient ecs, EcsWaiter waiter, ElasticLoadBalancingV2Client elb) {
        String cluster = lab.cluster("drain");
        TargetGroup group = lab.targetGroup("web", 80, "/");
        lab.front("drain", group);
        String name = backend.uniqueName("web");
        lab.service(cluster, name, lab.registerWeb(), LabLoadBalancing.WEB, 80, group, 2, 60);

        int delay = LoadBalancing.setDeregistrationDelay(elb, group.targetGroupArn(), 120);

        assertThat(delay).as("the delay you returned").isEqualTo(120);
        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())).attributes())
                .anySatisfy(a -> {
                    assertThat(a.key()).isEqualTo("deregistration_delay.timeout_seconds");
                    assertThat(a.value()).isEqualTo("120");
                });
        Task leaving = lab.tasks(cluster, name, "RUNNING").get(0);
        String ip = LabLoadBalancing.privateIp(leaving);
        ecs.stopTask(r -> r.cluster(cluster).task(leaving.taskArn()).reason("Lab 07: scale in by hand"));
        // The task and its target, read together until the task waits in DEACTIVATING (for the 120 s of draining).
        Draining seen = lab.pollUntil(() -> new Draining(lab.task(cluster, leaving.taskArn()), lab.health(group).stream()
                .filter(d -> d.target().id().equals(ip)).findFirst().orElse(null)),
                d -> "DEACTIVATING".equals(d.task().lastStatus()) || "STOPPED".equals(d.task().lastStatus()));
        assertThat(seen.task().lastStatus()).as("the task waits while its target drains").isEqualTo("DEACTIVATING");
        assertThat(seen.target()).as("its target, meanwhile").isNotNull();
        assertThat(seen.target().targetHealth().stateAsString()).isEqualTo("draining");
        assertThat(seen.target().targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        waiter.waitUntilTasksStopped(r -> r.cluster(cluster).tasks(leaving.taskArn()));
        assertThat(lab.health(group)).as("drained, then gone from the target group")
                .noneSatisfy(d -> assertThat(d.target().id()).isEqualTo(ip));
    }

    @Exercise(value = 9, title = "Tear it all down in the order AWS accepts",
            hints = {
                    "Things go in the reverse order of their making: the service first (its tasks drain out of the "
                            + "target group and stop), then the load balancer (its listeners and rules go with it), and "
                            + "only then the target groups: AWS refuses to delete a target group a listener still uses.",
                    "UpdateService desiredCount 0, DeleteService, ecsWaiter.waitUntilServicesInactive; DeleteLoadBalancer, "
                            + "elbWaiter.waitUntilLoadBalancersDeleted; DeleteTargetGroup for each.",
                    "ecs.updateService(... .desiredCount(0)); ecs.deleteService(...); Service gone = "
                            + "ecsWaiter.waitUntilServicesInactive(...).matched().response().orElseThrow().services().get(0); "
                            + "elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)); elbWaiter.waitUntilLoadBalancersDeleted(r -> "
                            + "r.loadBalancerArns(arn)); targetGroupArns.forEach(tg -> elb.deleteTargetGroup(r -> "
                            + "r.targetGroupArn(tg)));"})
    void tearsDown(Backend backend, EcsClient ecs, EcsWaiter ecsWaiter, ElasticLoadBalancingV2Client elb,
                   ElasticLoadBalancingV2Waiter elbWaiter) {
        String cluster = lab.cluster("teardown");
        TargetGroup group = lab.targetGroup("web", 80, "/");
        Front front = lab.front("teardown", group);
        String name = backend.uniqueName("web");
        lab.service(cluster, name, lab.registerWeb(), LabLoadBalancing.WEB, 80, group, 1, 60);

        Service deleted = LoadBalancing.tearDown(ecs, ecsWaiter, elb, elbWaiter, cluster, name,
                front.loadBalancer().loadBalancerArn(), List.of(group.targetGroupArn()));

        assertThat(deleted).as("the service you returned").isNotNull();
        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(lab.tasks(cluster, name, "RUNNING")).isEmpty();
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names(front.loadBalancer().loadBalancerName())))
                .as("the load balancer is gone").isInstanceOf(LoadBalancerNotFoundException.class);
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.targetGroupArns(group.targetGroupArn())))
                .as("the target group is gone").isInstanceOf(TargetGroupNotFoundException.class);
    }

    /** A stopping task and its target, read one right after the other. */
    private record Draining(Task task, TargetHealthDescription target) {
    }

    private static List<String> forwardsTo(Action action) {
        if (action.targetGroupArn() != null) {
            return List.of(action.targetGroupArn());
        }
        return action.forwardConfig().targetGroups().stream().map(t -> t.targetGroupArn()).toList();
    }

    private static String taskArnOf(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer.path("task").path("taskArn").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("The course app answered something that is not JSON: " + body, e);
        }
    }

    /** Requests through the load balancer, one after the other, from a thread of its own until stopped. */
    private static final class RequestsAllTheTime {
        private final URI url;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final Set<String> bodies = ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread thread;

        RequestsAllTheTime(URI url) {
            this.url = url;
            this.thread = new Thread(this::run, "lab07-requests");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (running.get()) {
                Answer answer = LabLoadBalancing.get(url);
                sent.incrementAndGet();
                if (answer.status() != 200) {
                    failures.add(answer.status() + " " + answer.body());
                } else {
                    bodies.add(answer.body());
                }
            }
        }

        /** Waits until {@code count} requests have been sent (a few seconds at most). */
        void atLeast(int count) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (sent.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
        }

        int sent() {
            return sent.get();
        }

        List<String> failures() {
            return failures;
        }

        Set<String> bodies() {
            return bodies;
        }
    }
}
