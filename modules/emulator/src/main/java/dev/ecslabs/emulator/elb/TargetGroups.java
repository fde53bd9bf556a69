package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.KeyedArea;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The target groups of one account and region, by ARN; journaled one by one. */
public final class TargetGroups extends KeyedArea<TargetGroupRecord> {

    private TargetGroups(AccountRegion region) {
        super(region, TargetGroupRecord.class);
    }

    public static TargetGroups of(AccountRegion region) {
        return region.area(TargetGroups.class, TargetGroups::new);
    }

    public Optional<TargetGroupRecord> find(String arn) {
        return get(arn);
    }

    public Optional<TargetGroupRecord> byName(String name) {
        return values().stream().filter(tg -> tg.name().equals(name)).findFirst();
    }

    TargetGroupRecord require(String arn) {
        return find(arn).orElseThrow(() -> ElbErrors.targetGroupNotFound("'" + arn + "'"));
    }

    /** Every target group, by name. */
    public List<TargetGroupRecord> all() {
        List<TargetGroupRecord> all = new ArrayList<>(values());
        all.sort(Comparator.comparing(TargetGroupRecord::name).thenComparing(TargetGroupRecord::arn));
        return all;
    }

    void put(TargetGroupRecord record) {
        put(record.arn(), record);
        RouteTable.invalidate(region());
    }

    void delete(String arn) {
        remove(arn);
        RouteTable.invalidate(region());
    }

    /** A change the clock makes (health checks, draining): it reaches the disk with the next checkpoint. */
    void putByClock(TargetGroupRecord record) {
        putByClock(record.arn(), record);
        RouteTable.invalidate(region()); // health changed: the routes' healthy targets may have
    }

    @Override
    protected void check(String arn, TargetGroupRecord record) {
        if (record == null || record.targetGroup() == null || !arn.equals(record.arn())) {
            throw new IllegalArgumentException("the target group saved as '" + arn + "' has the ARN "
                    + (record == null || record.targetGroup() == null ? null : record.arn()));
        }
    }
}
