package dev.ecslabs.samplesystem;

import java.util.Map;

/**
 * What the deploy program made, by ARN: run it twice and the two answers are equal (nothing was made
 * twice). Given: nothing to write here.
 *
 * @param images               app → image ({@code <repositoryUri>@sha256:…})
 * @param executionRoleArn     the tasks' execution role
 * @param catalogTaskRoleArn   the catalog's task role (what the catalog app itself may call)
 * @param taskDefinitions      app → task definition ARN (with its revision)
 * @param namespaceId          the Cloud Map namespace ({@code ns-…})
 * @param ordersRegistryArn    the Cloud Map service ECS registers the orders' tasks in
 * @param publicLoadBalancer   the internet-facing load balancer's ARN
 * @param internalLoadBalancer the internal load balancer's ARN
 * @param targetGroups         app → target group ARN (frontend and catalog)
 * @param scalingPolicyArn     the catalog's target tracking policy
 */
public record Deployed(Map<String, String> images, String executionRoleArn, String catalogTaskRoleArn,
                       Map<String, String> taskDefinitions, String namespaceId, String ordersRegistryArn, String publicLoadBalancer,
                       String internalLoadBalancer, Map<String, String> targetGroups, String scalingPolicyArn) {
}
