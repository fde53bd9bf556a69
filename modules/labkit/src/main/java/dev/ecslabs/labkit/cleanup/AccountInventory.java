package dev.ecslabs.labkit.cleanup;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * Everything an account holds in one Region (and its IAM roles), as a {@link ResourceSet}: for {@code ./lab clean}
 * and the dashboard's button, which say what they will delete before they delete it.
 */
public final class AccountInventory {
    private AccountInventory() {
    }

    /**
     * Lists the account, its load balancers with their listeners and target groups, its IAM roles and log groups too: once an account holds a role, the course's
     * emulator checks every task's execution role, so an emptied account holds none.
     */
    public static ResourceSet list(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap,
                                   ElasticLoadBalancingV2Client elb, IamClient iam, CloudWatchLogsClient logs) {
        ResourceSet all = list(ecs, ecr, cloudMap);
        for (LoadBalancer loadBalancer : elb.describeLoadBalancersPaginator(b -> { }).loadBalancers()) {
            all.addLoadBalancer(loadBalancer.loadBalancerArn());
            elb.describeListenersPaginator(b -> b.loadBalancerArn(loadBalancer.loadBalancerArn())).listeners()
                    .forEach(listener -> all.addListener(listener.listenerArn()));
        }
        elb.describeTargetGroupsPaginator(b -> { }).targetGroups().forEach(group -> all.addTargetGroup(group.targetGroupArn()));
        iam.listRolesPaginator().roles().forEach(role -> all.addRole(role.roleName()));
        logs.describeLogGroupsPaginator(b -> { }).logGroups().forEach(group -> all.addLogGroup(group.logGroupName()));
        return all;
    }

    /** Lists the account; an SDK exception (a backend that does not answer) goes to the caller. */
    public static ResourceSet list(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap) {
        ResourceSet all = new ResourceSet();
        for (String cluster : ecs.listClustersPaginator().clusterArns()) {
            all.addCluster(cluster);
            ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns().forEach(service -> all.addService(cluster, service));
            ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).taskArns()
                    .forEach(task -> all.addTask(cluster, task));
        }
        // INACTIVE revisions stay listed until DeleteTaskDefinitions: they are part of what an account holds
        for (TaskDefinitionStatus status : List.of(TaskDefinitionStatus.ACTIVE, TaskDefinitionStatus.INACTIVE)) {
            ecs.listTaskDefinitionsPaginator(b -> b.status(status)).taskDefinitionArns().forEach(all::addTaskDefinition);
        }
        for (Repository repository : ecr.describeRepositoriesPaginator().repositories()) {
            int images = (int) ecr.describeImagesPaginator(b -> b.repositoryName(repository.repositoryName())).imageDetails()
                    .stream().count();
            all.addRepository(repository.repositoryName(), images);
        }
        for (NamespaceSummary namespace : cloudMap.listNamespacesPaginator(b -> { }).stream()
                .flatMap(page -> page.namespaces().stream()).toList()) {
            all.addNamespaceId(namespace.id());
        }
        for (ServiceSummary service : cloudMap.listServicesPaginator(b -> { }).stream()
                .flatMap(page -> page.services().stream()).toList()) {
            all.addCloudMapService(service.id());
            cloudMap.listInstancesPaginator(b -> b.serviceId(service.id())).stream().flatMap(page -> page.instances().stream())
                    .forEach(instance -> all.addInstance(service.id(), instance.id()));
        }
        return all;
    }
}
