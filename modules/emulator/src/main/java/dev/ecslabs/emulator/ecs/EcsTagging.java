package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;

/**
 * ECS's TagResource, UntagResource and ListTagsForResource. The resource type in the ARN
 * ({@code cluster}, {@code task-definition}, {@code service}, {@code task}, …) picks the area that
 * owns the resource; each area registers itself as a {@link Taggable}.
 */
public final class EcsTagging implements ActionGroup {

    /** The tags of one kind of ECS resource, found by ARN. */
    public interface Taggable {
        /** The resource type as it appears in the ARN, before the first slash. */
        String resourceType();

        /** The resource's tags; throws the resource's not-found error when there is no such resource. */
        List<Tag> tags(RequestContext context, String arn);

        void replaceTags(RequestContext context, String arn, List<Tag> tags);
    }

    private final Map<String, Taggable> byType = new ConcurrentHashMap<>();

    public EcsTagging register(Taggable taggable) {
        byType.put(taggable.resourceType(), taggable);
        return this;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "TagResource", TagResourceRequest::builder, this::tagResource)
                .add(AwsService.ECS, "UntagResource", UntagResourceRequest::builder, this::untagResource)
                .add(AwsService.ECS, "ListTagsForResource", ListTagsForResourceRequest::builder, this::listTagsForResource);
    }

    TagResourceResponse tagResource(RequestContext context, TagResourceRequest request) {
        Taggable taggable = taggable(context, request.resourceArn());
        List<Tag> tags = EcsTags.merge(taggable.tags(context, request.resourceArn()), request.tags());
        taggable.replaceTags(context, request.resourceArn(), tags);
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(RequestContext context, UntagResourceRequest request) {
        Taggable taggable = taggable(context, request.resourceArn());
        List<Tag> tags = EcsTags.without(taggable.tags(context, request.resourceArn()), request.tagKeys());
        taggable.replaceTags(context, request.resourceArn(), tags);
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        Taggable taggable = taggable(context, request.resourceArn());
        return ListTagsForResourceResponse.builder().tags(taggable.tags(context, request.resourceArn())).build();
    }

    private Taggable taggable(RequestContext context, String resourceArn) {
        Arns.Arn arn = Arns.parse(resourceArn).filter(a -> a.service().equals("ecs")).orElseThrow(() ->
                EcsErrors.invalidParameter("'" + resourceArn + "' is not an ECS resource ARN. It looks like "
                        + Arns.of(context, "ecs", "cluster/my-cluster") + "."));
        if (!arn.accountId().equals(context.accountId()) || !arn.region().equals(context.region())) {
            throw EcsErrors.invalidParameter("The resource " + resourceArn + " is not in this account ("
                    + context.accountId() + ") and region (" + context.region() + ").");
        }
        String type = arn.resource().split("/", 2)[0];
        Taggable taggable = byType.get(type);
        if (taggable == null) {
            throw EcsErrors.invalidParameter("ECS resources of type '" + type + "' can't be tagged here. Taggable types: "
                    + String.join(", ", byType.keySet()) + ".");
        }
        return taggable;
    }
}
