package dev.ecslabs.labkit.cleanup;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Elastic Load Balancing's part of a clean-up, after ECS's services (which deregister their targets),
 * in the order AWS accepts: the listeners (their rules go with them), then the load balancers (any
 * listener left goes with them), waited for until gone, then the target groups, which AWS refuses to
 * delete while a listener or rule still forwards to them.
 */
final class ElbCleanup {
    private final ElasticLoadBalancingV2Client elb;
    private final Poll poll;
    private final ResourceSet deleted;
    private final List<String> problems;

    ElbCleanup(ElasticLoadBalancingV2Client elb, Poll poll, ResourceSet deleted, List<String> problems) {
        this.elb = elb;
        this.poll = poll;
        this.deleted = deleted;
        this.problems = problems;
    }

    void delete(ResourceSet what) {
        for (String arn : what.listeners()) {
            try {
                elb.deleteListener(b -> b.listenerArn(arn));
                deleted.addListener(arn);
            } catch (ListenerNotFoundException gone) {
                deleted.addListener(arn);
            } catch (AwsServiceException e) {
                problems.add("Could not delete the listener " + arn + ": " + e.getMessage());
            }
        }
        for (String arn : what.loadBalancers()) {
            try {
                elb.deleteLoadBalancer(b -> b.loadBalancerArn(arn)); // answers success for one already gone
                poll.until(() -> exists(arn), exists -> !exists);
                deleted.addLoadBalancer(arn);
            } catch (AwsServiceException e) {
                problems.add("Could not delete the load balancer " + arn + ": " + e.getMessage());
            }
        }
        for (String arn : what.targetGroups()) {
            try {
                elb.deleteTargetGroup(b -> b.targetGroupArn(arn));
                deleted.addTargetGroup(arn);
            } catch (TargetGroupNotFoundException gone) {
                deleted.addTargetGroup(arn);
            } catch (AwsServiceException e) {
                problems.add("Could not delete the target group " + arn + ": " + e.getMessage());
            }
        }
    }

    private boolean exists(String arn) {
        try {
            return !elb.describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers().isEmpty();
        } catch (LoadBalancerNotFoundException gone) {
            return false;
        }
    }
}
