package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.state.KeyedArea;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.TreeMap;

/** The tags of each scalable target, by the target's ARN (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TagResource.html). */
final class ScalableTargetTags extends KeyedArea<ScalableTargetTags.Tags> {
    /** A target's tags, key to value. */
    record Tags(Map<String, String> tags) {
    }

    private ScalableTargetTags(AccountRegion region) {
        super(region, Tags.class);
    }

    static ScalableTargetTags of(AccountRegion region) {
        return region.area(ScalableTargetTags.class, ScalableTargetTags::new);
    }

    Map<String, String> of(String arn) {
        return get(arn).map(t -> (Map<String, String>) new TreeMap<>(t.tags())).orElseGet(TreeMap::new);
    }

    void set(String arn, Map<String, String> tags) {
        if (tags.isEmpty()) {
            remove(arn);
        } else {
            put(arn, new Tags(new TreeMap<>(tags)));
        }
    }
}
