package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceResponse;

/** TagResource, UntagResource, ListTagsForResource on scalable targets, by their ARN; at most 50 tags a target. */
final class ScalableTargetTagActions implements ActionGroup {
    static final int MAX_TAGS = 50;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.APPLICATION_AUTO_SCALING, "TagResource", TagResourceRequest::builder, this::tagResource);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "UntagResource", UntagResourceRequest::builder, this::untagResource);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "ListTagsForResource", ListTagsForResourceRequest::builder,
                this::listTagsForResource);
    }

    TagResourceResponse tagResource(RequestContext context, TagResourceRequest request) {
        requireTarget(context.state(), request.resourceARN());
        ScalableTargetTags tags = ScalableTargetTags.of(context.state());
        Map<String, String> merged = tags.of(request.resourceARN());
        merged.putAll(request.tags());
        if (merged.size() > MAX_TAGS) {
            throw new dev.ecslabs.emulator.protocol.AwsException("TooManyTagsException", "A scalable target has at most "
                    + MAX_TAGS + " tags; this call would leave " + merged.size() + ".");
        }
        tags.set(request.resourceARN(), merged);
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(RequestContext context, UntagResourceRequest request) {
        requireTarget(context.state(), request.resourceARN());
        ScalableTargetTags tags = ScalableTargetTags.of(context.state());
        Map<String, String> left = tags.of(request.resourceARN());
        request.tagKeys().forEach(left::remove);
        tags.set(request.resourceARN(), left);
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        requireTarget(context.state(), request.resourceARN());
        return ListTagsForResourceResponse.builder().tags(ScalableTargetTags.of(context.state()).of(request.resourceARN())).build();
    }

    private static void requireTarget(AccountRegion region, String arn) {
        boolean known = ScalableTargets.of(region).all().stream().anyMatch(t -> t.scalableTargetARN().equals(arn));
        if (!known) {
            throw new dev.ecslabs.emulator.protocol.AwsException("ResourceNotFoundException", "No scalable target has the ARN "
                    + arn + "; DescribeScalableTargets shows each target's ScalableTargetARN.").with("ResourceName", arn);
        }
    }
}
