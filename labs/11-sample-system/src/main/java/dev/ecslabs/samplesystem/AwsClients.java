package dev.ecslabs.samplesystem;

import java.time.Duration;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Every client the program uses, with the waiters of the services that have them and how often to
 * ask Cloud Map (which has none; see {@link Poll}). Given: nothing to write here.
 */
public record AwsClients(EcrClient ecr, EcrWaiter ecrWaiter, EcsClient ecs, EcsWaiter ecsWaiter, IamClient iam,
                         CloudWatchLogsClient logs, ServiceDiscoveryClient cloudMap, ElasticLoadBalancingV2Client elb,
                         ElasticLoadBalancingV2Waiter elbWaiter, ApplicationAutoScalingClient autoScaling,
                         Duration pollInterval) implements AutoCloseable {

    /** Closes the waiters and the clients (their connections and threads). */
    @Override
    public void close() {
        ecrWaiter.close();
        ecsWaiter.close();
        elbWaiter.close();
        ecr.close();
        ecs.close();
        iam.close();
        logs.close();
        cloudMap.close();
        elb.close();
        autoScaling.close();
    }
}
