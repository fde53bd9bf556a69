package dev.ecslabs.emulator.elb;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** One load balancer as DescribeLoadBalancers writes it, with its attributes and tags: what is saved of it. */
public record LoadBalancerRecord(LoadBalancer loadBalancer, Map<String, String> attributes, List<Tag> tags) {
    public LoadBalancerRecord {
        attributes = new TreeMap<>(attributes);
        tags = List.copyOf(tags);
    }

    public String arn() {
        return loadBalancer.loadBalancerArn();
    }

    public String name() {
        return loadBalancer.loadBalancerName();
    }

    LoadBalancerRecord with(LoadBalancer changed) {
        return new LoadBalancerRecord(changed, attributes, tags);
    }

    LoadBalancerRecord withAttributes(Map<String, String> changed) {
        return new LoadBalancerRecord(loadBalancer, changed, tags);
    }

    LoadBalancerRecord withTags(List<Tag> changed) {
        return new LoadBalancerRecord(loadBalancer, attributes, changed);
    }
}
