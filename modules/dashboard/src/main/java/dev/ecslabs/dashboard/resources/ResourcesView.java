package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Pages;
import dev.ecslabs.labkit.cleanup.AccountInventory;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.Poll;
import dev.ecslabs.labkit.cleanup.ResourceCleaner;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * What exists in the backend, read through the AWS SDK and written as HTML: ECS clusters drawn
 * with their services and tasks, who reaches whom by name, load balancers, auto scaling, container
 * instances, task definitions, ECR and Cloud Map; and, from the course's emulator, what Service
 * Connect's client aliases resolve to and where load balancers answer locally. Each part that the
 * backend can't answer says so in place; the others still show. The load balancer, auto scaling and
 * container instance sections appear only when there is something in them; until then one list
 * says how to create each. It also empties the account, for the page's clean button.
 */
public final class ResourcesView implements AutoCloseable {
    /** Why the page's clean button deletes nothing in an AWS account. */
    public static final String NEVER_EMPTIES_AWS = "In your AWS account the dashboard deletes nothing: it may hold what is "
            + "not the course's. ./lab cleanup --backend aws deletes only what the labs created (tagged ecs-labs:lab), after "
            + "saying what and asking.";

    private final BackendConnection backend;
    private final EmulatorRoutes routes;
    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ServiceDiscoveryClient cloudMap;
    private final IamClient iam;
    private final CloudWatchLogsClient logs;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;
    private final ApplicationAutoScalingClient autoScaling;
    private final TaskDefinitionEnvironments environments;

    public ResourcesView(BackendConnection backend) {
        this.backend = backend;
        this.routes = new EmulatorRoutes(backend);
        this.ecs = backend.ecs();
        this.ecr = backend.ecr();
        this.cloudMap = backend.cloudMap();
        this.iam = backend.iam();
        this.logs = backend.logs();
        this.elb = backend.elb();
        this.cloudWatch = backend.cloudWatch();
        this.autoScaling = backend.autoScaling();
        this.environments = new TaskDefinitionEnvironments(ecs);
    }

    public BackendConnection backend() {
        return backend;
    }

    /** Every section, read now. */
    public String render() {
        Optional<JsonNode> health = routes.health();
        AwsTime time = AwsTime.of(health);
        Unanswered unanswered = new Unanswered();
        List<ClusterView> clusters = List.of();
        String ecsHtml;
        try {
            clusters = new EcsReader(ecs, unanswered).read();
            ecsHtml = health.isPresent() ? EcsSection.render(clusters, time, unanswered, this::workloads)
                    : EcsSection.render(clusters, time, unanswered);
        } catch (SdkException e) {
            ecsHtml = EcsSection.unavailable(e);
        }
        JsonNode aliases = null;
        String whyNoAliases = "it is not the course's emulator";
        if (health.isPresent()) {
            try {
                aliases = routes.clientAliases();
            } catch (IOException e) {
                whyNoAliases = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                whyNoAliases = "interrupted";
            }
        }
        Map<String, String> notYet = new LinkedHashMap<>();
        return time.note() + ecsHtml + ConnectionsSection.render(clusters, cloudMap, Optional.ofNullable(aliases))
                + loadBalancers(health.isPresent(), time, notYet) + autoScaling(clusters, time, notYet)
                + containerInstances(clusters, notYet)
                + TaskDefinitionsSection.render(ecs) + EcrSection.render(ecr, time) + CloudMapSection.render(cloudMap, time)
                + ServiceConnectSection.render(backend, aliases, whyNoAliases)
                + Pages.render("resources/notYet.jte", notYet);
    }

    private String loadBalancers(boolean courseEmulator, AwsTime time, Map<String, String> notYet) {
        LoadBalancersSection section = LoadBalancersSection.read(elb, courseEmulator ? this::localUrls : name -> Map.of(), time);
        if (section.isEmpty()) {
            notYet.put("load-balancers", "Load balancers: CreateLoadBalancer, CreateTargetGroup and CreateListener make one, and an "
                    + "ECS service created with loadBalancers registers its tasks in the target group (lab 07).");
            return "";
        }
        return section.render();
    }

    private String autoScaling(List<ClusterView> clusters, AwsTime time, Map<String, String> notYet) {
        AutoScalingSection section = AutoScalingSection.read(autoScaling, cloudWatch, clusters, time);
        if (section.isEmpty()) {
            notYet.put("auto-scaling", "Auto scaling: RegisterScalableTarget makes an ECS service's desired count scalable "
                    + "(service/<cluster>/<service>), PutScalingPolicy keeps a metric at a target (lab 08).");
            return "";
        }
        return section.render();
    }

    private String containerInstances(List<ClusterView> clusters, Map<String, String> notYet) {
        ContainerInstancesSection section = ContainerInstancesSection.read(ecs, clusters);
        if (section.isEmpty()) {
            notYet.put("container-instances", "Container instances: an EC2 instance joins a cluster when its ECS agent registers "
                    + "it; on the course's emulator POST /_emulator/container-instances?cluster=<name>&instanceType=t3.micro "
                    + "launches simulated ones (lab 10).");
            return "";
        }
        return section.render();
    }

    /** Where each listener of a load balancer answers on this machine (port → URL); none when the emulator can't tell. */
    private Map<Integer, String> localUrls(String loadBalancerName) {
        try {
            return LoadBalancersSection.urlsByPort(Optional.of(routes.loadBalancerUrls(loadBalancerName)));
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Which runtime the task's containers got and their local URLs, from the course's emulator; nothing when it can't tell. */
    private TaskWorkloads workloads(Task task) {
        try {
            return TaskWorkloads.of(routes.taskPorts(task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1)));
        } catch (IOException e) {
            return TaskWorkloads.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskWorkloads.NONE;
        }
    }

    /**
     * The running system as one diagram (see {@link SystemDiagram}), read now: clusters, load
     * balancers with their targets' health, and who reaches whom.
     */
    public String renderSystem() {
        Optional<JsonNode> health = routes.health();
        List<ClusterView> clusters;
        try {
            clusters = new EcsReader(ecs, new Unanswered()).read();
        } catch (SdkException e) {
            return EcsSection.unavailable(e);
        }
        LoadBalancersSection balancers = LoadBalancersSection.read(elb, health.isPresent() ? this::localUrls : name -> Map.of(),
                AwsTime.of(health));
        ConnectionsSection connections = ConnectionsSection.read(clusters, cloudMap, Optional.empty());
        return SystemDiagram.of(clusters, balancers, connections, environments::of).render();
    }

    /** Everything the learner's account holds now, to say before emptying it; an SDK exception if the backend can't tell. */
    public ResourceSet inventory() {
        return AccountInventory.list(ecs, ecr, cloudMap, elb, iam, logs);
    }

    /**
     * Deletes everything the learner's account holds, in dependency order, waiting (every 200 ms,
     * at most a minute for each wait) for what must stop before the next thing can go.
     */
    public CleanupReport empty() {
        if (backend.isAws()) {
            throw new IllegalStateException(NEVER_EMPTIES_AWS);
        }
        ResourceSet everything = inventory();
        return new ResourceCleaner(ecs, ecr, cloudMap, elb, iam, logs, Poll.every(Duration.ofMillis(200), 300)).delete(everything);
    }

    @Override
    public void close() {
        ecs.close();
        ecr.close();
        cloudMap.close();
        iam.close();
        logs.close();
        elb.close();
        cloudWatch.close();
        autoScaling.close();
    }
}
