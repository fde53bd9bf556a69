package dev.ecslabs.loadbalancing;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LoadBalancerUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

/**
 * What the exercises set up for themselves: a cluster, the web app (nginx) and the backend (httpd)
 * as task definitions, target groups with quick health checks, an Application Load Balancer with a
 * listener, services behind them; and afterwards everything deleted again in the order AWS
 * accepts (services, load balancers, target groups), so that run after run fits in one account.
 */
final class LabLoadBalancing {
    static final String WEB = "web";
    static final String WEB_IMAGE = "public.ecr.aws/nginx/nginx:1.27";
    /** The backend: Apache httpd, whose answers (its "It works!" page, its 404 page) differ from nginx's. */
    static final String BACKEND_IMAGE = "public.ecr.aws/docker/library/httpd:2.4";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Backend backend;
    private final EcsClient ecs;
    private final EcsWaiter ecsWaiter;
    private final ElasticLoadBalancingV2Client elb;
    private final ElasticLoadBalancingV2Waiter elbWaiter;
    private final List<String[]> services = new ArrayList<>();
    private final List<String> loadBalancers = new ArrayList<>();
    private final List<String> targetGroups = new ArrayList<>();

    /** A load balancer the exercise made, its HTTP listener, and where that listener answers. */
    record Front(LoadBalancer loadBalancer, Listener listener, URI url) {
    }

    /** One answer through the load balancer. */
    record Answer(int status, String body) {
    }

    LabLoadBalancing(Backend backend, EcsClient ecs, EcsWaiter ecsWaiter, ElasticLoadBalancingV2Client elb,
                     ElasticLoadBalancingV2Waiter elbWaiter) {
        this.backend = backend;
        this.ecs = ecs;
        this.ecsWaiter = ecsWaiter;
        this.elb = elb;
        this.elbWaiter = elbWaiter;
    }

    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(request -> request.clusterName(name));
        return name;
    }

    List<String> subnets() {
        return backend.defaultSubnets();
    }

    void trackService(String cluster, String service) {
        services.add(new String[] {cluster, service});
    }

    void trackLoadBalancer(String arn) {
        loadBalancers.add(arn);
    }

    void trackTargetGroup(String arn) {
        targetGroups.add(arn);
    }

    /** A task definition of one container {@code name} of {@code image} listening on {@code port}. */
    String register(String family, String name, String image, int port) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder()
                .family(backend.uniqueName(family))
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn("arn:aws:iam::" + backend.accountId() + ":role/ecsTaskExecutionRole")
                .containerDefinitions(ContainerDefinition.builder().name(name).image(image).essential(true)
                        .portMappings(PortMapping.builder().containerPort(port).name("http").build()).build())
                .build()).taskDefinition().taskDefinitionArn();
    }

    String registerWeb() {
        return register("web", WEB, WEB_IMAGE, 80);
    }

    /** An ip target group checked every 5 s (2 passes, 2 failures) whose targets drain for 5 s. */
    TargetGroup targetGroup(String base, int port, String healthCheckPath) {
        TargetGroup group = elb.createTargetGroup(request -> request.name(backend.uniqueName(base)).protocol("HTTP").port(port)
                .vpcId(backend.defaultVpc()).targetType("ip").healthCheckPath(healthCheckPath).healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0);
        trackTargetGroup(group.targetGroupArn());
        elb.modifyTargetGroupAttributes(request -> request.targetGroupArn(group.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("5")));
        return group;
    }

    /** An internet-facing ALB, active, with an HTTP:80 listener forwarding to the target group. */
    Front front(String base, TargetGroup group) {
        LoadBalancer created = elb.createLoadBalancer(request -> request.name(backend.uniqueName(base)).subnets(subnets()))
                .loadBalancers().get(0);
        trackLoadBalancer(created.loadBalancerArn());
        elbWaiter.waitUntilLoadBalancerAvailable(request -> request.loadBalancerArns(created.loadBalancerArn()));
        Listener listener = elb.createListener(request -> request.loadBalancerArn(created.loadBalancerArn()).protocol("HTTP")
                .port(LoadBalancing.LISTENER_PORT).defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())))
                .listeners().get(0);
        return new Front(created, listener, url(created));
    }

    URI url(LoadBalancer loadBalancer) {
        return LoadBalancerUrls.of(backend, loadBalancer, LoadBalancing.LISTENER_PORT);
    }

    /** A service of {@code desiredCount} tasks behind the target group, once stable with every target in service. */
    Service service(String cluster, String name, String taskDefinition, String container, int port, TargetGroup group,
                    int desiredCount, int gracePeriodSeconds) {
        ecs.createService(request -> request.cluster(cluster).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE).healthCheckGracePeriodSeconds(gracePeriodSeconds)
                .loadBalancers(lb -> lb.targetGroupArn(group.targetGroupArn()).containerName(container).containerPort(port))
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets())
                        .assignPublicIp(AssignPublicIp.ENABLED))));
        trackService(cluster, name);
        ecsWaiter.waitUntilServicesStable(request -> request.cluster(cluster).services(name));
        elbWaiter.waitUntilTargetInService(request -> request.targetGroupArn(group.targetGroupArn()));
        return describe(cluster, name);
    }

    Service describe(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().get(0);
    }

    /** The service's tasks with that desired status (RUNNING or STOPPED), described. */
    List<Task> tasks(String cluster, String service, String desiredStatus) {
        List<String> arns = ecs.listTasks(request -> request.cluster(cluster).serviceName(service).desiredStatus(desiredStatus))
                .taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(request -> request.cluster(cluster).tasks(arns)).tasks();
    }

    Task task(String cluster, String taskArn) {
        return ecs.describeTasks(request -> request.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    List<TargetHealthDescription> health(TargetGroup group) {
        return elb.describeTargetHealth(request -> request.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions();
    }

    <T> T pollUntil(java.util.function.Supplier<T> ask, java.util.function.Predicate<T> accepted) {
        return backend.pollUntil(ask, accepted);
    }

    /** One GET through the load balancer: its status and body (status 0 when nothing answered). */
    static Answer get(URI url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    static String privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(KeyValuePair::value).findFirst().orElseThrow();
    }

    /**
     * Deletes what the exercise made, in the order AWS accepts: services (their tasks drain out of
     * the target groups), load balancers (with their listeners and rules), then target groups. What
     * is already gone is skipped; what can't be deleted is said on stderr.
     */
    void deleteEverything() {
        for (String[] tracked : services) {
            quietly(() -> {
                List<Service> current = ecs.describeServices(request -> request.cluster(tracked[0]).services(tracked[1]))
                        .services();
                if (!current.isEmpty() && "ACTIVE".equals(current.get(0).status())) {
                    ecs.deleteService(request -> request.cluster(tracked[0]).service(tracked[1]).force(true));
                }
            });
        }
        for (String arn : loadBalancers) {
            quietly(() -> {
                elb.deleteLoadBalancer(request -> request.loadBalancerArn(arn));
                elbWaiter.waitUntilLoadBalancersDeleted(request -> request.loadBalancerArns(arn));
            });
        }
        for (String arn : targetGroups) {
            quietly(() -> elb.deleteTargetGroup(request -> request.targetGroupArn(arn)));
        }
    }

    /** One deletion; what is already gone is fine, any other failure is said and the next deletion still runs. */
    private static void quietly(Runnable deletion) {
        try {
            deletion.run();
        } catch (SdkException e) {
            if (!e.getClass().getSimpleName().contains("NotFound")) {
                System.err.println("Lab 07 could not delete what an exercise made: " + e.getMessage());
            }
        }
    }
}
