package dev.ecslabs.emulator.ecs.express;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * One Express Mode service as the emulator keeps it: the ECS service it is (by ARN, cluster and
 * name), its infrastructure role, tags and configurations (newest first), and what Express Mode
 * made for it: the target group and listener rule on the shared load balancer, the scalable
 * target and its target-tracking policy, and the task definition family its revisions register.
 */
record ExpressService(String serviceArn, String cluster, String serviceName, String infrastructureRoleArn,
                      List<ExpressGatewayServiceConfiguration> configurations, List<Tag> tags, Instant createdAt,
                      Instant updatedAt, Managed managed) {

    /** The resources Express Mode created for the service, by ARN (the scalable target by its resource id). */
    record Managed(String loadBalancerArn, String listenerArn, String ruleArn, String targetGroupArn,
                   String scalableTargetResourceId, String scalingPolicyArn, String scalingPolicyName, String endpoint) {
    }

    ExpressGatewayServiceConfiguration current() {
        return configurations.get(0);
    }
}
