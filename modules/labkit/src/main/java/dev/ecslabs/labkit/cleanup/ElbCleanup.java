package dev.ecslabs.labkit.cleanup;

import java.util.List;
import java.util.function.Consumer;
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
        deleteEach("listener", what.listeners(), arn -> elb.deleteListener(b -> b.listenerArn(arn)),
                ListenerNotFoundException.class, deleted::addListener);
        deleteEach("load balancer", what.loadBalancers(), arn -> {
            elb.deleteLoadBalancer(b -> b.loadBalancerArn(arn)); // answers success for one already gone
            poll.until(() -> exists(arn), exists -> !exists);
        }, LoadBalancerNotFoundException.class, deleted::addLoadBalancer);
        deleteEach("target group", what.targetGroups(), arn -> elb.deleteTargetGroup(b -> b.targetGroupArn(arn)),
                TargetGroupNotFoundException.class, deleted::addTargetGroup);
    }

    /** Deletes each resource; one already gone ({@code gone}) counts as deleted, any other refusal is a problem said. */
    private void deleteEach(String kind, List<String> arns, Consumer<String> deletion,
                            Class<? extends AwsServiceException> gone, Consumer<String> record) {
        for (String arn : arns) {
            try {
                deletion.accept(arn);
                record.accept(arn);
            } catch (AwsServiceException e) {
                if (gone.isInstance(e)) {
                    record.accept(arn);
                } else {
                    problems.add("Could not delete the " + kind + " " + arn + ": " + e.getMessage());
                }
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
