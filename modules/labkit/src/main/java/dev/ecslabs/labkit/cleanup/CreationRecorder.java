package dev.ecslabs.labkit.cleanup;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePublicDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceRequest;

/**
 * An SDK interceptor on the clients labkit hands out that notes, from each successful call, what
 * it created (clusters, services, tasks, task definitions, repositories, Cloud Map namespaces,
 * services and instances, IAM roles, log groups, load balancers and target groups), so that labkit can delete it after the test class, whoever's code
 * made the call: the test's or the learner's.
 */
public final class CreationRecorder implements ExecutionInterceptor {
    private final ResourceSet created;

    public CreationRecorder(ResourceSet created) {
        this.created = created;
    }

    public ResourceSet created() {
        return created;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), context.response());
    }

    void record(SdkRequest request, SdkResponse response) {
        if (response instanceof CreateClusterResponse answer && answer.cluster() != null) {
            Cluster cluster = answer.cluster();
            created.addCluster(cluster.clusterArn());
            // A namespace name that was none yet makes ECS create an HTTP namespace: it belongs to the cluster's maker.
            if (cluster.serviceConnectDefaults() != null && cluster.serviceConnectDefaults().namespace() != null) {
                created.addNamespaceId(lastPart(cluster.serviceConnectDefaults().namespace()));
            }
        } else if (response instanceof software.amazon.awssdk.services.ecs.model.CreateServiceResponse answer
                && answer.service() != null) {
            created.addService(answer.service().clusterArn(), answer.service().serviceArn());
        } else if (response instanceof RunTaskResponse answer) {
            answer.tasks().forEach(this::task);
        } else if (response instanceof StartTaskResponse answer) {
            answer.tasks().forEach(this::task);
        } else if (response instanceof RegisterTaskDefinitionResponse answer && answer.taskDefinition() != null) {
            created.addTaskDefinition(answer.taskDefinition().taskDefinitionArn());
        } else if (response instanceof CreateRepositoryResponse answer && answer.repository() != null) {
            created.addRepository(answer.repository().repositoryName(), -1);
        } else if (response instanceof software.amazon.awssdk.services.servicediscovery.model.CreateServiceResponse answer
                && answer.service() != null) {
            created.addCloudMapService(answer.service().id());
        } else if (request instanceof CreateHttpNamespaceRequest create) {
            created.addNamespaceName(create.name());
        } else if (request instanceof CreatePrivateDnsNamespaceRequest create) {
            created.addNamespaceName(create.name());
        } else if (request instanceof CreatePublicDnsNamespaceRequest create) {
            created.addNamespaceName(create.name());
        } else if (request instanceof RegisterInstanceRequest register) {
            created.addInstance(register.serviceId(), register.instanceId());
        } else if (response instanceof CreateRoleResponse answer && answer.role() != null) {
            created.addRole(answer.role().roleName());
        } else if (request instanceof CreateLogGroupRequest create) {
            created.addLogGroup(create.logGroupName());
        } else if (response instanceof CreateLoadBalancerResponse answer) {
            answer.loadBalancers().forEach(lb -> created.addLoadBalancer(lb.loadBalancerArn()));
        } else if (response instanceof CreateListenerResponse answer) {
            answer.listeners().forEach(listener -> created.addListener(listener.listenerArn()));
        } else if (response instanceof CreateTargetGroupResponse answer) {
            answer.targetGroups().forEach(group -> created.addTargetGroup(group.targetGroupArn()));
        }
    }

    private void task(Task task) {
        created.addTask(task.clusterArn(), task.taskArn());
    }

    /** The id at an ARN's end: {@code ns-…} in {@code arn:aws:servicediscovery:…:namespace/ns-…}. */
    static String lastPart(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
