package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.state.KeyedArea;
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

    /** Keeps an activity under its start time and its place among those of the same time, so that the keys sort oldest first. */
    void add(ScalingActivity activity) {
        long sameTime = values().stream().filter(a -> a.startTime().equals(activity.startTime())).count();
        put(key(activity.startTime(), sameTime), activity);
        List<ScalingActivity> all = values();
        if (all.size() > KEPT) {
            removeFirst();
        }
    }

    private static String key(java.time.Instant startTime, long place) {
        return String.format("%020d|%06d", startTime.toEpochMilli(), place);
    }

    /** Every activity, newest first. */
    public List<ScalingActivity> newestFirst() {
        List<ScalingActivity> all = new ArrayList<>(values());
        Collections.reverse(all);
        return all;
    }
}
