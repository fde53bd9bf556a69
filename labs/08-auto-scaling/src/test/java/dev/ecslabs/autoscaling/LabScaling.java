package dev.ecslabs.autoscaling;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LoadBalancerUrls;
import dev.ecslabs.labkit.ServiceLoad;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What the exercises set up for themselves: a cluster and the web service of two simulated nginx
 * tasks (behind an ALB for 08.5), registered as a scalable target where an exercise needs one, load
 * and traffic to scale it with; and at the end every scalable target deregistered (with its policies,
 * their alarms and its scheduled actions), the load taken off, the load balancer deleted.
 */
final class LabScaling {
    static final String WEB = "web";
    static final String WEB_IMAGE = "public.ecr.aws/nginx/nginx:1.27";

    private final Backend backend;
    private final EcsClient ecs;
    private final EcsWaiter waiter;
    private final ApplicationAutoScalingClient autoScaling;
    private final ElasticLoadBalancingV2Client elb;
    private final List<String[]> services = new ArrayList<>();
    private final List<LoadBalancer> loadBalancers = new ArrayList<>();
    private final List<TargetGroup> targetGroups = new ArrayList<>();
    private Traffic traffic;

    /** The web service behind its load balancer, for 08.5. */
    record BehindLoadBalancer(String cluster, String service, LoadBalancer loadBalancer, TargetGroup targetGroup, String url) {
    }

    LabScaling(Backend backend, EcsClient ecs, EcsWaiter waiter, ApplicationAutoScalingClient autoScaling,
               ElasticLoadBalancingV2Client elb) {
        this.backend = backend;
        this.ecs = ecs;
        this.waiter = waiter;
        this.autoScaling = autoScaling;
        this.elb = elb;
    }

    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(request -> request.clusterName(name));
        return name;
    }

    /** The web service: two nginx tasks of 0.25 vCPU, waited for until stable; its name. */
    String webService(String cluster) {
        return webService(cluster, null);
    }

    /** The web service behind a new ALB (ip target group, HTTP listener on 80), its two targets healthy. */
    BehindLoadBalancer webServiceBehindLoadBalancer(String cluster) {
        String base = backend.uniqueName("web");
        TargetGroup group = elb.createTargetGroup(request -> request.name(base).protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(backend.defaultVpc()).targetType(TargetTypeEnum.IP).healthCheckPath("/")).targetGroups().get(0);
        targetGroups.add(group);
        LoadBalancer alb = elb.createLoadBalancer(request -> request.name(base).subnets(backend.defaultSubnets().subList(0, 2)))
                .loadBalancers().get(0);
        loadBalancers.add(alb);
        elb.createListener(request -> request.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(action -> action.type(ActionTypeEnum.FORWARD).targetGroupArn(group.targetGroupArn())));
        String service = webService(cluster, group);
        backend.pollUntil(() -> elb.describeTargetHealth(request -> request.targetGroupArn(group.targetGroupArn()))
                .targetHealthDescriptions(), targets -> targets.size() == ServiceScaling.MIN_CAPACITY
                && targets.stream().allMatch(t -> t.targetHealth().stateAsString().equals("healthy")));
        String url = LoadBalancerUrls.of(backend, alb, 80).toString();
        return new BehindLoadBalancer(cluster, service, alb, group, url);
    }

    private String webService(String cluster, TargetGroup group) {
        String name = backend.uniqueName(WEB);
        String taskDefinition = ecs.registerTaskDefinition(request -> request.family(name)
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::" + backend.accountId() + ":role/ecsTaskExecutionRole")
                .containerDefinitions(ContainerDefinition.builder().name(WEB).image(WEB_IMAGE).essential(true)
                        .portMappings(PortMapping.builder().containerPort(80).name("http").build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(request -> {
            request.cluster(cluster).serviceName(name).taskDefinition(taskDefinition).desiredCount(ServiceScaling.MIN_CAPACITY)
                    .launchType(LaunchType.FARGATE).networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc
                            .subnets(backend.defaultSubnets()).assignPublicIp(AssignPublicIp.ENABLED)));
            if (group != null) {
                request.loadBalancers(lb -> lb.targetGroupArn(group.targetGroupArn()).containerName(WEB).containerPort(80))
                        .healthCheckGracePeriodSeconds(60);
            }
        });
        services.add(new String[] {cluster, name});
        waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(name));
        return name;
    }

    /** Registers the service as a scalable target of 2 to 10 tasks, as 08.1 does. */
    void registerScalableTarget(String cluster, String service) {
        autoScaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(ServiceScaling.resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(ServiceScaling.MIN_CAPACITY).maxCapacity(ServiceScaling.MAX_CAPACITY));
    }

    /** A CPU target tracking policy at 50 %, as 08.2 puts one. */
    void trackCpu(String cluster, String service) {
        autoScaling.putScalingPolicy(request -> request.policyName(ServiceScaling.CPU_POLICY).serviceNamespace(ServiceNamespace.ECS)
                .resourceId(ServiceScaling.resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(tracking -> tracking.targetValue(ServiceScaling.CPU_TARGET)
                        .predefinedMetricSpecification(metric -> metric.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))
                        .scaleOutCooldown(60).scaleInCooldown(300)));
    }

    /** Puts load on the service until it has scaled out to more than 2 tasks, all running. */
    Service scaleOut(String cluster, String service, double requestsPerSecond) {
        ServiceLoad.set(backend, cluster, service, requestsPerSecond);
        return backend.pollUntil(() -> describe(cluster, service), s -> s.desiredCount() > ServiceScaling.MIN_CAPACITY
                && s.runningCount() == s.desiredCount());
    }

    /** Waits until the service wants more than 2 tasks (or the wait gives up). */
    Service waitForScaleOut(String cluster, String service) {
        return backend.pollUntil(() -> describe(cluster, service), s -> s.desiredCount() > ServiceScaling.MIN_CAPACITY);
    }

    Service describe(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().get(0);
    }

    /** Sends GETs to {@code url} from a background thread, about one every few milliseconds, until {@link #deleteEverything}. */
    Traffic sendTraffic(String url) {
        traffic = new Traffic(url);
        traffic.start();
        return traffic;
    }

    /** Requests sent in a loop, as a load generator would; counts what answered 200. */
    static final class Traffic extends Thread {
        private final HttpClient http = HttpClient.newHttpClient();
        private final HttpRequest request;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong answered = new AtomicLong();

        Traffic(String url) {
            super("lab-08-traffic");
            setDaemon(true);
            this.request = HttpRequest.newBuilder(URI.create(url + "/")).build();
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        answered.incrementAndGet();
                    }
                    Thread.sleep(4);
                } catch (IOException e) {
                    // a refused request is the test's to notice in the counts, not a reason to stop
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            running.set(false);
            join(5_000);
        }
    }

    /** Stops traffic and load, deregisters the scalable targets, deletes the load balancers and target groups. */
    void deleteEverything() throws InterruptedException {
        if (traffic != null) {
            traffic.finish();
        }
        for (String[] service : services) {
            if (backend.isCourseEmulator()) {
                ServiceLoad.set(backend, service[0], service[1], 0);
            }
            String resourceId = ServiceScaling.resourceId(service[0], service[1]);
            if (!autoScaling.describeScalableTargets(request -> request.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
                    .scalableTargets().isEmpty()) {
                autoScaling.deregisterScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
            }
        }
        for (LoadBalancer alb : loadBalancers) {
            elb.deleteLoadBalancer(request -> request.loadBalancerArn(alb.loadBalancerArn()));
        }
        for (String[] service : services) {
            Service described = describe(service[0], service[1]);
            if ("ACTIVE".equals(described.status())) {
                ecs.deleteService(request -> request.cluster(service[0]).service(service[1]).force(true));
            }
        }
        for (TargetGroup group : targetGroups) {
            backend.pollUntil(() -> deleted(group), done -> done);
        }
    }

    /** Deletes the target group once no load balancer uses it any more (deleting the ALB takes its listeners along). */
    private boolean deleted(TargetGroup group) {
        try {
            elb.deleteTargetGroup(request -> request.targetGroupArn(group.targetGroupArn()));
            return true;
        } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException e) {
            return false;
        }
    }
}
