package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;

/**
 * The scaling activities of one account and region, newest first when described; the newest
 * {@link #KEPT} are kept ("you can view the scaling activities for a scalable target from the last six weeks").
 */
public final class ScalingActivities extends KeyedArea<ScalingActivity> {
    static final int KEPT = 1000;

    private ScalingActivities(AccountRegion region) {
        super(region, ScalingActivity.class);
    }

    public static ScalingActivities of(AccountRegion region) {
        return region.area(ScalingActivities.class, ScalingActivities::new);
    }

    /** Keeps an activity under its start time and id, so that the keys sort oldest first. */
    void add(ScalingActivity activity) {
        put(key(activity), activity);
        List<ScalingActivity> all = values();
        if (all.size() > KEPT) {
            remove(key(all.get(0)));
        }
    }

    void update(ScalingActivity activity) {
        put(key(activity), activity);
    }

    private static String key(ScalingActivity activity) {
        return String.format("%020d", activity.startTime().toEpochMilli()) + "|" + activity.activityId();
    }

    /** Every activity, newest first. */
    public List<ScalingActivity> newestFirst() {
        List<ScalingActivity> all = new ArrayList<>(values());
        Collections.reverse(all);
        return all;
    }
}
