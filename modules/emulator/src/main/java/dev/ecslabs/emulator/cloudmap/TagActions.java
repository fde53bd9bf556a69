package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.servicediscovery.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.servicediscovery.model.Tag;
import software.amazon.awssdk.services.servicediscovery.model.TagResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.TagResourceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UntagResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UntagResourceResponse;

/** TagResource, UntagResource and ListTagsForResource on namespace and service ARNs. */
final class TagActions implements ActionGroup {

    /** A taggable resource's tags and how to replace them. */
    private record Tagged(String name, List<Tag> tags, Consumer<List<Tag>> replace) {
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "TagResource", TagResourceRequest::builder, this::tagResource)
                .add(AwsService.CLOUD_MAP, "UntagResource", UntagResourceRequest::builder, this::untagResource)
                .add(AwsService.CLOUD_MAP, "ListTagsForResource", ListTagsForResourceRequest::builder, this::listTagsForResource);
    }

    TagResourceResponse tagResource(RequestContext context, TagResourceRequest request) {
        Tagged resource = resource(context.state(), request.resourceARN());
        resource.replace().accept(CloudMapTags.merge(resource.tags(), request.tags(), resource.name()));
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(RequestContext context, UntagResourceRequest request) {
        Tagged resource = resource(context.state(), request.resourceARN());
        resource.replace().accept(CloudMapTags.without(resource.tags(), request.tagKeys()));
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(resource(context.state(), request.resourceARN()).tags()).build();
    }

    /** Only full ARNs name a resource here, as the API reference asks ("The Amazon Resource Name (ARN) of the resource"). */
    private static Tagged resource(AccountRegion region, String arn) {
        if (arn.startsWith("arn:")) {
            Optional<NamespaceRecord> namespace = CloudMapArns.idOf(region, arn, "namespace")
                    .flatMap(id -> Namespaces.of(region).find(id));
            if (namespace.isPresent()) {
                NamespaceRecord ns = namespace.get();
                return new Tagged(ns.name(), ns.tags(), tags -> {
                    ns.tags(tags);
                    Namespaces.of(region).changed(ns);
                });
            }
            Optional<CloudMapServiceRecord> service = CloudMapArns.idOf(region, arn, "service")
                    .flatMap(id -> CloudMapServices.of(region).find(id));
            if (service.isPresent()) {
                CloudMapServiceRecord srv = service.get();
                return new Tagged(srv.name(), srv.tags(), srv::tags);
            }
        }
        throw CloudMapErrors.resourceNotFound(arn);
    }
}
