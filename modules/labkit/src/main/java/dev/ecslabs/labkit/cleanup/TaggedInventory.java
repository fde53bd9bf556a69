package dev.ecslabs.labkit.cleanup;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * What the course left in an account, found by its tags (a load balancer's listeners go with a tagged
 * load balancer) ({@link RunTags}): every resource tagged
 * {@code ecs-labs:lab}, or only one run's ({@code ecs-labs:run}), in one Region (IAM roles are
 * global). For {@code ./lab cleanup --backend aws}, which says what it found before it deletes.
 * Nothing without the tag is ever listed, so an account's own resources are never touched.
 */
public final class TaggedInventory {

    private final Optional<String> run;

    /** Everything the course tagged ({@code run} empty), or one run's. */
    public TaggedInventory(Optional<String> run) {
        this.run = run;
    }

    /** The course's resources in the account, roles and log groups included; deleted by {@link ResourceCleaner}. */
    public ResourceSet list(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap, ElasticLoadBalancingV2Client elb,
                            IamClient iam, CloudWatchLogsClient logs) {
        ResourceSet found = new ResourceSet();
        for (String cluster : ecs.listClustersPaginator().clusterArns()) {
            boolean clusterTagged = ours(ecsTags(ecs, cluster));
            if (clusterTagged) {
                found.addCluster(cluster);
            }
            for (String service : ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns()) {
                if (clusterTagged || ours(ecsTags(ecs, service))) {
                    found.addService(cluster, service);
                }
            }
            for (String task : ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).taskArns()) {
                if (clusterTagged || ours(ecsTags(ecs, task))) {
                    found.addTask(cluster, task);
                }
            }
        }
        for (String definition : ecs.listTaskDefinitionsPaginator(b -> b.status(TaskDefinitionStatus.ACTIVE))
                .taskDefinitionArns()) {
            if (ours(ecsTags(ecs, definition))) {
                found.addTaskDefinition(definition);
            }
        }
        for (Repository repository : ecr.describeRepositoriesPaginator().repositories()) {
            if (ours(ecr.listTagsForResource(b -> b.resourceArn(repository.repositoryArn())).tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a)))) {
                found.addRepository(repository.repositoryName(), -1);
            }
        }
        for (ServiceSummary service : cloudMap.listServicesPaginator(b -> { }).stream()
                .flatMap(page -> page.services().stream()).toList()) {
            if (ours(cloudMapTags(cloudMap, service.arn()))) {
                found.addCloudMapService(service.id());
                cloudMap.listInstancesPaginator(b -> b.serviceId(service.id())).stream()
                        .flatMap(page -> page.instances().stream())
                        .forEach(instance -> found.addInstance(service.id(), instance.id()));
            }
        }
        for (NamespaceSummary namespace : cloudMap.listNamespacesPaginator(b -> { }).stream()
                .flatMap(page -> page.namespaces().stream()).toList()) {
            if (ours(cloudMapTags(cloudMap, namespace.arn()))) {
                found.addNamespaceId(namespace.id());
            }
        }
        for (LoadBalancer loadBalancer : elb.describeLoadBalancersPaginator(b -> { }).loadBalancers()) {
            boolean tagged = ours(elbTags(elb, loadBalancer.loadBalancerArn()));
            if (tagged) {
                found.addLoadBalancer(loadBalancer.loadBalancerArn());
            }
            for (Listener listener : elb.describeListenersPaginator(b -> b.loadBalancerArn(loadBalancer.loadBalancerArn())).listeners()) {
                if (tagged || ours(elbTags(elb, listener.listenerArn()))) {
                    found.addListener(listener.listenerArn());
                }
            }
        }
        for (TargetGroup group : elb.describeTargetGroupsPaginator(b -> { }).targetGroups()) {
            if (ours(elbTags(elb, group.targetGroupArn()))) {
                found.addTargetGroup(group.targetGroupArn());
            }
        }
        for (Role role : iam.listRolesPaginator().roles()) {
            if (ours(iam.listRoleTags(b -> b.roleName(role.roleName())).tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a)))) {
                found.addRole(role.roleName());
            }
        }
        for (LogGroup group : logs.describeLogGroupsPaginator(b -> { }).logGroups()) {
            if (ours(logs.listTagsForResource(b -> b.resourceArn(group.logGroupArn())).tags())) {
                found.addLogGroup(group.logGroupName());
            }
        }
        return found;
    }

    private boolean ours(Map<String, String> tags) {
        return tags.containsKey(RunTags.LAB) && run.map(id -> id.equals(tags.get(RunTags.RUN))).orElse(true);
    }

    private static Map<String, String> ecsTags(EcsClient ecs, String arn) {
        return ecs.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a));
    }

    private static Map<String, String> elbTags(ElasticLoadBalancingV2Client elb, String arn) {
        return elb.describeTags(b -> b.resourceArns(arn)).tagDescriptions().stream().flatMap(d -> d.tags().stream())
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a));
    }

    private static Map<String, String> cloudMapTags(ServiceDiscoveryClient cloudMap, String arn) {
        return cloudMap.listTagsForResource(b -> b.resourceARN(arn)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a));
    }
}
