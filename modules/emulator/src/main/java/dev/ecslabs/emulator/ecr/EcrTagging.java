package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagResourceRequest;
import software.amazon.awssdk.services.ecr.model.TagResourceResponse;
import software.amazon.awssdk.services.ecr.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecr.model.UntagResourceResponse;

/**
 * ECR's TagResource, UntagResource and ListTagsForResource on repositories, with AWS's tag rules:
 * at most 50 tags, keys of 1 to 128 characters that don't start with {@code aws:}, values of at
 * most 256 (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-using-tags.html).
 */
public final class EcrTagging implements ActionGroup {
    static final int MAX_TAGS = 50;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "TagResource", TagResourceRequest::builder, this::tagResource)
                .add(AwsService.ECR, "UntagResource", UntagResourceRequest::builder, this::untagResource)
                .add(AwsService.ECR, "ListTagsForResource", ListTagsForResourceRequest::builder, this::listTagsForResource);
    }

    TagResourceResponse tagResource(RequestContext context, TagResourceRequest request) {
        RepositoryState repository = Repositories.of(context.state()).requireByArn(request.resourceArn());
        Map<String, Tag> merged = new LinkedHashMap<>();
        repository.tags().forEach(tag -> merged.put(tag.key(), tag));
        checked(request.tags()).forEach(tag -> merged.put(tag.key(), tag));
        if (merged.size() > MAX_TAGS) {
            throw new AwsException("TooManyTagsException", "A repository can have at most " + MAX_TAGS + " tags; these "
                    + "would make " + merged.size() + ". Remove some with UntagResource first.");
        }
        repository.tags(new ArrayList<>(merged.values()));
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(RequestContext context, UntagResourceRequest request) {
        RepositoryState repository = Repositories.of(context.state()).requireByArn(request.resourceArn());
        Set<String> keys = new HashSet<>(request.tagKeys());
        for (String key : keys) {
            if (key.startsWith("aws:")) {
                throw new AwsException("InvalidTagParameterException", "Tag keys starting with 'aws:' are reserved for "
                        + "AWS and can't be removed: '" + key + "'");
            }
        }
        repository.tags(repository.tags().stream().filter(tag -> !keys.contains(tag.key())).toList());
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        RepositoryState repository = Repositories.of(context.state()).requireByArn(request.resourceArn());
        return ListTagsForResourceResponse.builder().tags(repository.tags()).build();
    }

    /** Checks tags as given to CreateRepository or TagResource: InvalidTagParameterException or TooManyTagsException. */
    static List<Tag> checked(List<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new AwsException("TooManyTagsException", "A repository can have at most " + MAX_TAGS + " tags, not "
                    + tags.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            String key = tag.key();
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw new AwsException("InvalidTagParameterException", "A tag key must be 1 to 128 characters long: '"
                        + key + "'");
            }
            if (key.startsWith("aws:")) {
                throw new AwsException("InvalidTagParameterException", "Tag keys starting with 'aws:' are reserved for "
                        + "AWS: '" + key + "'");
            }
            if (tag.value() == null || tag.value().length() > 256) {
                throw new AwsException("InvalidTagParameterException", "The value of tag '" + key + "' must be at most "
                        + "256 characters (it may be empty)");
            }
            if (!seen.add(key)) {
                throw new AwsException("InvalidTagParameterException", "The tag key '" + key + "' is given twice");
            }
        }
        return List.copyOf(tags);
    }
}
