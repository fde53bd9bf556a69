package dev.ecslabs.emulator.elb;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** The tag rules of ELB: at most 50 tags a resource, each key once (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AddTags.html). */
final class ElbTags {
    static final int MAX_TAGS = 50;

    private ElbTags() {
    }

    static void check(List<Tag> tags) {
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            if (!keys.add(tag.key())) {
                throw new dev.ecslabs.emulator.protocol.AwsException("DuplicateTagKeysException",
                        "The tag key '" + tag.key() + "' is given twice; give each key once.");
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw new dev.ecslabs.emulator.protocol.AwsException("TooManyTagsException",
                    "A resource can have at most " + MAX_TAGS + " tags; this would give it " + tags.size() + ".");
        }
    }

    /** {@code current} with {@code added} laid over it, key by key. */
    static List<Tag> merge(List<Tag> current, List<Tag> added) {
        java.util.Map<String, Tag> byKey = new java.util.LinkedHashMap<>();
        current.forEach(t -> byKey.put(t.key(), t));
        added.forEach(t -> byKey.put(t.key(), t));
        List<Tag> merged = List.copyOf(byKey.values());
        check(merged);
        return merged;
    }
}
