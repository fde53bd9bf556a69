package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * Cloud Map's tag rules (https://docs.aws.amazon.com/cloud-map/latest/api/API_TagResource.html):
 * at most 50 tags on a resource, keys unique, and the {@code aws:} prefix kept for AWS.
 */
final class CloudMapTags {
    static final int MAX_TAGS = 50;

    private CloudMapTags() {
    }

    /** The tags a create request gives, checked; never null. */
    static List<Tag> checked(List<Tag> tags, String resourceName) {
        return merge(List.of(), tags, resourceName);
    }

    /** {@code current} with {@code added} applied: a key that exists gets the new value. */
    static List<Tag> merge(List<Tag> current, List<Tag> added, String resourceName) {
        Map<String, String> byKey = new LinkedHashMap<>();
        current.forEach(tag -> byKey.put(tag.key(), tag.value()));
        for (Tag tag : added) {
            if (tag.key().toLowerCase().startsWith("aws:")) {
                throw CloudMapErrors.invalidInput("The tag key '" + tag.key() + "' is not allowed: keys that start "
                        + "with aws: are reserved for AWS.");
            }
            byKey.put(tag.key(), tag.value());
        }
        if (byKey.size() > MAX_TAGS) {
            throw new AwsException("TooManyTagsException", "A Cloud Map resource can have "
                    + "at most " + MAX_TAGS + " tags; this would give it " + byKey.size() + ".")
                    .with("ResourceName", resourceName);
        }
        List<Tag> merged = new ArrayList<>();
        byKey.forEach((key, value) -> merged.add(Tag.builder().key(key).value(value).build()));
        return merged;
    }

    static List<Tag> without(List<Tag> current, List<String> keys) {
        return current.stream().filter(tag -> !keys.contains(tag.key())).toList();
    }
}
