package dev.ecslabs.labkit.cleanup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePublicDnsNamespaceRequest;

/**
 * An SDK interceptor on the aws backend's clients that tags everything a lab creates, whoever's code
 * makes the call (the test's or the learner's): {@code ecs-labs:lab=<NN>} and {@code ecs-labs:run=<id>},
 * added to the create request of ECS clusters, task definitions, services and tasks, ECR repositories,
 * Cloud Map namespaces and services, Elastic Load Balancing load balancers, target groups and
 * listeners, IAM roles and CloudWatch Logs groups. A tag the request already
 * has under one of these keys is kept. {@code ./lab cleanup --backend aws} finds what a run left behind
 * by these tags.
 */
public final class RunTags implements ExecutionInterceptor {
    public static final String LAB = "ecs-labs:lab";
    public static final String RUN = "ecs-labs:run";

    private final Map<String, String> tags;

    public RunTags(String lab, String run) {
        this.tags = Map.of(LAB, lab, RUN, run);
    }

    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return tagged(context.request());
    }

    SdkRequest tagged(SdkRequest request) {
        if (request instanceof CreateClusterRequest r) {
            return r.toBuilder().tags(merged(r.tags(), ecsTag(), t -> t.key())).build();
        }
        if (request instanceof RegisterTaskDefinitionRequest r) {
            return r.toBuilder().tags(merged(r.tags(), ecsTag(), t -> t.key())).build();
        }
        if (request instanceof CreateServiceRequest r) {
            return r.toBuilder().tags(merged(r.tags(), ecsTag(), t -> t.key())).build();
        }
        if (request instanceof RunTaskRequest r) {
            return r.toBuilder().tags(merged(r.tags(), ecsTag(), t -> t.key())).build();
        }
        if (request instanceof CreateRepositoryRequest r) {
            return r.toBuilder().tags(merged(r.tags(), (k, v) -> software.amazon.awssdk.services.ecr.model.Tag.builder()
                    .key(k).value(v).build(), t -> t.key())).build();
        }
        if (request instanceof CreateHttpNamespaceRequest r) {
            return r.toBuilder().tags(merged(r.tags(), cloudMapTag(), t -> t.key())).build();
        }
        if (request instanceof CreatePrivateDnsNamespaceRequest r) {
            return r.toBuilder().tags(merged(r.tags(), cloudMapTag(), t -> t.key())).build();
        }
        if (request instanceof CreatePublicDnsNamespaceRequest r) {
            return r.toBuilder().tags(merged(r.tags(), cloudMapTag(), t -> t.key())).build();
        }
        if (request instanceof software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest r) {
            return r.toBuilder().tags(merged(r.tags(), cloudMapTag(), t -> t.key())).build();
        }
        if (request instanceof CreateRoleRequest r) {
            return r.toBuilder().tags(merged(r.tags(), (k, v) -> software.amazon.awssdk.services.iam.model.Tag.builder()
                    .key(k).value(v).build(), t -> t.key())).build();
        }
        if (request instanceof CreateLoadBalancerRequest r) {
            return r.toBuilder().tags(merged(r.tags(), elbTag(), t -> t.key())).build();
        }
        if (request instanceof CreateTargetGroupRequest r) {
            return r.toBuilder().tags(merged(r.tags(), elbTag(), t -> t.key())).build();
        }
        if (request instanceof CreateListenerRequest r) {
            return r.toBuilder().tags(merged(r.tags(), elbTag(), t -> t.key())).build();
        }
        if (request instanceof CreateLogGroupRequest r) {
            Map<String, String> all = new HashMap<>(tags);
            all.putAll(r.tags()); // the caller's own value of a key wins
            return r.toBuilder().tags(all).build();
        }
        return request;
    }

    private <T> List<T> merged(List<T> own, BiFunction<String, String, T> tag, Function<T, String> key) {
        List<T> all = new ArrayList<>(own);
        Predicate<String> missing = k -> own.stream().noneMatch(t -> k.equals(key.apply(t)));
        tags.forEach((k, v) -> {
            if (missing.test(k)) {
                all.add(tag.apply(k, v));
            }
        });
        return all;
    }

    private static BiFunction<String, String, software.amazon.awssdk.services.ecs.model.Tag> ecsTag() {
        return (k, v) -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(k).value(v).build();
    }

    private static BiFunction<String, String, software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elbTag() {
        return (k, v) -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key(k).value(v).build();
    }

    private static BiFunction<String, String, software.amazon.awssdk.services.servicediscovery.model.Tag>
            cloudMapTag() {
        return (k, v) -> software.amazon.awssdk.services.servicediscovery.model.Tag.builder().key(k).value(v).build();
    }
}
