package dev.ecslabs.samplesystem;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * The teardown program: everything the deploy program made, found by name and deleted in the order AWS
 * requires (what refers to a thing goes before it). What is already gone is skipped, so it can be run
 * again after a teardown that stopped half-way.
 */
public final class TearDown {
    private TearDown() {
    }

    public static void tearDown(AwsClients aws, Shop shop) {
        stopScaling(aws, shop);
        deleteServices(aws, shop);
        deleteLoadBalancers(aws, shop);
        deleteCluster(aws, shop);
        deleteNamespace(aws, shop);
        deregisterTaskDefinitions(aws, shop);
        deleteLogGroups(aws, shop);
        deleteRoles(aws, shop);
        deleteRepositories(aws, shop);
    }

    /** The scalable target first, with its policy and the policy's alarms: nothing may scale a service being deleted. */
    static void stopScaling(AwsClients aws, Shop shop) {
        boolean registered = !aws.autoScaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(shop.catalogScalingResourceId())).scalableTargets().isEmpty();
        if (registered) {
            aws.autoScaling().deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                    .resourceId(shop.catalogScalingResourceId()).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        }
    }

    /** The services, callers first, scaled to 0 and deleted; waited for until INACTIVE and their tasks until STOPPED. */
    static void deleteServices(AwsClients aws, Shop shop) {
        try {
            List<String> active = aws.ecs().describeServices(r -> r.cluster(shop.cluster()).services(Shop.APPS)).services().stream()
                    .filter(service -> "ACTIVE".equals(service.status())).map(Service::serviceName).toList();
            for (String name : List.of(Shop.FRONTEND, Shop.CATALOG, Shop.ORDERS)) {
                if (active.contains(name)) {
                    aws.ecs().updateService(r -> r.cluster(shop.cluster()).service(name).desiredCount(0));
                    aws.ecs().deleteService(r -> r.cluster(shop.cluster()).service(name));
                }
            }
            if (!active.isEmpty()) {
                aws.ecsWaiter().waitUntilServicesInactive(r -> r.cluster(shop.cluster()).services(active));
            }
            // A deleted service's last tasks may still be stopping (draining, SIGTERM): the cluster can't go before they are STOPPED.
            List<String> stopping = aws.ecs().listTasksPaginator(r -> r.cluster(shop.cluster()).desiredStatus(DesiredStatus.STOPPED))
                    .taskArns().stream().toList();
            for (int from = 0; from < stopping.size(); from += 100) { // DescribeTasks takes 100 tasks at most
                List<String> batch = stopping.subList(from, Math.min(from + 100, stopping.size()));
                aws.ecsWaiter().waitUntilTasksStopped(r -> r.cluster(shop.cluster()).tasks(batch));
            }
        } catch (ClusterNotFoundException gone) {
            // no cluster (deleted by an earlier run): no services, no tasks
        }
    }

    /** The load balancers (their listeners go with them), then the target groups they no longer use. */
    static void deleteLoadBalancers(AwsClients aws, Shop shop) {
        for (String name : List.of(shop.publicLoadBalancer(), shop.internalLoadBalancer())) {
            try {
                String arn = aws.elb().describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0).loadBalancerArn();
                aws.elb().deleteLoadBalancer(r -> r.loadBalancerArn(arn));
                aws.elbWaiter().waitUntilLoadBalancersDeleted(r -> r.loadBalancerArns(arn));
            } catch (LoadBalancerNotFoundException gone) {
                // deleted by an earlier run
            }
        }
        for (String app : List.of(Shop.FRONTEND, Shop.CATALOG)) {
            try {
                String arn = aws.elb().describeTargetGroups(r -> r.names(shop.targetGroup(app))).targetGroups().get(0)
                        .targetGroupArn();
                // a deleted load balancer lets go of its target groups a moment later
                Poll.until(() -> deleted(aws, arn), done -> done, aws.pollInterval());
            } catch (TargetGroupNotFoundException gone) {
                // deleted by an earlier run
            }
        }
    }

    private static boolean deleted(AwsClients aws, String targetGroupArn) {
        try {
            aws.elb().deleteTargetGroup(r -> r.targetGroupArn(targetGroupArn));
            return true;
        } catch (ResourceInUseException stillUsed) {
            return false;
        }
    }

    /** The cluster, once its services are gone (it names the namespace as its Service Connect default). */
    static void deleteCluster(AwsClients aws, Shop shop) {
        try {
            aws.ecs().deleteCluster(r -> r.cluster(shop.cluster()));
        } catch (ClusterNotFoundException gone) {
            // deleted by an earlier run
        }
    }

    /**
     * The Cloud Map services of the namespace (the orders' and the one ECS made for Service Connect's catalog), each
     * once its instances are deregistered, then the namespace (an operation: waited for).
     */
    static void deleteNamespace(AwsClients aws, Shop shop) {
        Optional<String> namespaceId = aws.cloudMap().listNamespacesPaginator(r -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(namespace -> namespace.name().equals(shop.namespace())).map(NamespaceSummary::id).findFirst();
        if (namespaceId.isEmpty()) {
            return;
        }
        List<String> services = aws.cloudMap().listServicesPaginator(r -> r.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID)
                .values(namespaceId.get()))).stream()
                .flatMap(page -> page.services().stream()).map(ServiceSummary::id).toList();
        for (String serviceId : services) {
            Poll.until(() -> aws.cloudMap().listInstances(r -> r.serviceId(serviceId)).instances(), List::isEmpty, aws.pollInterval());
            aws.cloudMap().deleteService(r -> r.id(serviceId));
        }
        String operationId = aws.cloudMap().deleteNamespace(r -> r.id(namespaceId.get())).operationId();
        OperationStatus status = Poll.until(() -> aws.cloudMap().getOperation(r -> r.operationId(operationId)).operation().status(),
                done -> done == OperationStatus.SUCCESS || done == OperationStatus.FAIL, aws.pollInterval());
        if (status == OperationStatus.FAIL) {
            throw new IllegalStateException("Cloud Map could not delete " + shop.namespace() + "; GetOperation " + operationId
                    + " says why");
        }
    }

    /** Every ACTIVE revision of the three families deregistered (ListTaskDefinitions then lists none of them). */
    static void deregisterTaskDefinitions(AwsClients aws, Shop shop) {
        for (String app : Shop.APPS) {
            aws.ecs().listTaskDefinitionsPaginator(r -> r.familyPrefix(shop.family(app)).status(TaskDefinitionStatus.ACTIVE))
                    .taskDefinitionArns().stream()
                    .filter(arn -> arn.contains(":task-definition/" + shop.family(app) + ":")) // the prefix matches longer families too
                    .forEach(arn -> aws.ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn)));
        }
    }

    static void deleteLogGroups(AwsClients aws, Shop shop) {
        for (String app : Shop.APPS) {
            String name = shop.logGroup(app);
            boolean exists = aws.logs().describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                    .map(LogGroup::logGroupName).anyMatch(name::equals);
            if (exists) {
                aws.logs().deleteLogGroup(r -> r.logGroupName(name));
            }
        }
    }

    /** The execution role and the catalog's task role; a role is deleted only without policies: its inline policies first. */
    static void deleteRoles(AwsClients aws, Shop shop) {
        for (String role : List.of(shop.executionRole(), shop.catalogTaskRole())) {
            try {
                for (String policy : aws.iam().listRolePolicies(r -> r.roleName(role)).policyNames()) {
                    aws.iam().deleteRolePolicy(r -> r.roleName(role).policyName(policy));
                }
                aws.iam().deleteRole(r -> r.roleName(role));
            } catch (NoSuchEntityException gone) {
                // deleted by an earlier run
            }
        }
    }

    /** The repositories with their images (force). */
    static void deleteRepositories(AwsClients aws, Shop shop) {
        for (String app : Shop.APPS) {
            try {
                aws.ecr().deleteRepository(r -> r.repositoryName(shop.repository(app)).force(true));
            } catch (RepositoryNotFoundException gone) {
                // deleted by an earlier run
            }
        }
    }
}
