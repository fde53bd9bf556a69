package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** AddTags, RemoveTags and DescribeTags on load balancers, target groups, listeners and rules, by ARN. */
public final class TagActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ELB_V2, "AddTags", AddTagsRequest::builder, this::addTags)
                .add(AwsService.ELB_V2, "RemoveTags", RemoveTagsRequest::builder, this::removeTags)
                .add(AwsService.ELB_V2, "DescribeTags", DescribeTagsRequest::builder, this::describeTags);
    }

    AddTagsResponse addTags(RequestContext context, AddTagsRequest request) {
        ElbTags.check(request.tags());
        for (String arn : request.resourceArns()) {
            update(context.state(), arn, tags -> ElbTags.merge(tags, request.tags()));
        }
        return AddTagsResponse.builder().build();
    }

    RemoveTagsResponse removeTags(RequestContext context, RemoveTagsRequest request) {
        for (String arn : request.resourceArns()) {
            update(context.state(), arn, tags -> tags.stream().filter(t -> !request.tagKeys().contains(t.key())).toList());
        }
        return RemoveTagsResponse.builder().build();
    }

    DescribeTagsResponse describeTags(RequestContext context, DescribeTagsRequest request) {
        List<TagDescription> descriptions = new ArrayList<>();
        for (String arn : request.resourceArns()) {
            descriptions.add(TagDescription.builder().resourceArn(arn).tags(tags(context.state(), arn)).build());
        }
        return DescribeTagsResponse.builder().tagDescriptions(descriptions).build();
    }

    private static List<Tag> tags(AccountRegion region, String arn) {
        String resource = ElbIds.resource(region, arn).orElse("");
        if (resource.startsWith("loadbalancer/")) {
            return LoadBalancers.of(region).require(arn).tags();
        }
        if (resource.startsWith("targetgroup/")) {
            return TargetGroups.of(region).require(arn).tags();
        }
        if (resource.startsWith("listener/")) {
            return Listeners.of(region).require(arn).tags();
        }
        if (resource.startsWith("listener-rule/")) {
            return Listeners.of(region).holdingRule(arn).flatMap(l -> l.rules().stream().filter(r -> r.arn().equals(arn)).findFirst())
                    .orElseThrow(() -> ElbErrors.ruleNotFound("'" + arn + "'")).tags();
        }
        throw ElbErrors.validation("'" + arn + "' is not the ARN of a load balancer, target group, listener or rule "
                + "of this account and region.");
    }

    private static void update(AccountRegion region, String arn, UnaryOperator<List<Tag>> change) {
        List<Tag> changed = change.apply(tags(region, arn));
        String resource = ElbIds.resource(region, arn).orElseThrow();
        if (resource.startsWith("loadbalancer/")) {
            LoadBalancers.of(region).put(LoadBalancers.of(region).require(arn).withTags(changed));
        } else if (resource.startsWith("targetgroup/")) {
            TargetGroups.of(region).put(TargetGroups.of(region).require(arn).withTags(changed));
        } else if (resource.startsWith("listener/")) {
            Listeners.of(region).put(Listeners.of(region).require(arn).withTags(changed));
        } else {
            ListenerRecord listener = Listeners.of(region).holdingRule(arn).orElseThrow();
            Listeners.of(region).put(listener.withRules(listener.rules().stream()
                    .map(r -> r.arn().equals(arn) ? new RuleRecord(r.rule(), changed) : r).toList()));
        }
    }
}
