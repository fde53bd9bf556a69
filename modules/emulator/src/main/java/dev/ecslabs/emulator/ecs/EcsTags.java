package dev.ecslabs.emulator.ecs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * ECS's rules for tags, shared by every taggable ECS resource: at most 50 per resource, one value
 * per key, and the {@code aws:} prefix kept for AWS's own tags. Lengths and characters are
 * already checked against the model before a handler runs.
 */
public final class EcsTags {
    public static final int MAX_TAGS = 50;

    private EcsTags() {
    }

    /** The tags a create call may set, checked; an empty list when none were given. */
    public static List<Tag> checked(List<Tag> requested) {
        return merge(List.of(), requested);
    }

    /** {@code existing} with {@code added} applied over it: keys in both take the added value. */
    public static List<Tag> merge(List<Tag> existing, List<Tag> added) {
        Map<String, String> byKey = new LinkedHashMap<>();
        existing.forEach(tag -> byKey.put(tag.key(), tag.value()));
        for (Tag tag : added) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw EcsErrors.invalidParameter("A tag key can't be empty. Give every tag a key of 1 to 128 characters.");
            }
            if (tag.key().regionMatches(true, 0, "aws:", 0, 4)) {
                throw EcsErrors.invalidParameter("Tag keys that start with 'aws:' are reserved for AWS use: rename '"
                        + tag.key() + "'.");
            }
            byKey.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        if (byKey.size() > MAX_TAGS) {
            throw EcsErrors.invalidParameter("A resource can have at most " + MAX_TAGS + " tags; this request would give it "
                    + byKey.size() + ".");
        }
        List<Tag> tags = new ArrayList<>();
        byKey.forEach((key, value) -> tags.add(Tag.builder().key(key).value(value).build()));
        return tags;
    }

    public static List<Tag> without(List<Tag> existing, List<String> keys) {
        Set<String> removed = Set.copyOf(keys);
        return existing.stream().filter(tag -> !removed.contains(tag.key())).toList();
    }
}
