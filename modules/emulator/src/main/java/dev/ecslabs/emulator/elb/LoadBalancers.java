package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.KeyedArea;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The load balancers of one account and region, by ARN; journaled one by one. */
public final class LoadBalancers extends KeyedArea<LoadBalancerRecord> {

    private LoadBalancers(AccountRegion region) {
        super(region, LoadBalancerRecord.class);
    }

    public static LoadBalancers of(AccountRegion region) {
        return region.area(LoadBalancers.class, LoadBalancers::new);
    }

    public Optional<LoadBalancerRecord> find(String arn) {
        return get(arn);
    }

    public Optional<LoadBalancerRecord> byName(String name) {
        return values().stream().filter(lb -> lb.name().equals(name)).findFirst();
    }

    LoadBalancerRecord require(String arn) {
        return find(arn).orElseThrow(() -> ElbErrors.loadBalancerNotFound("'" + arn + "'"));
    }

    /** Every load balancer, oldest first. */
    public List<LoadBalancerRecord> all() {
        List<LoadBalancerRecord> all = new ArrayList<>(values());
        all.sort(Comparator.comparing((LoadBalancerRecord lb) -> lb.loadBalancer().createdTime()).thenComparing(LoadBalancerRecord::arn));
        return all;
    }

    void put(LoadBalancerRecord record) {
        put(record.arn(), record);
    }

    /** A change the clock makes (provisioning → active): it reaches the disk with the next checkpoint. */
    void putByClock(LoadBalancerRecord record) {
        putByClock(record.arn(), record);
    }

    @Override
    protected void check(String arn, LoadBalancerRecord record) {
        if (record == null || record.loadBalancer() == null || !arn.equals(record.arn())) {
            throw new IllegalArgumentException("the load balancer saved as '" + arn + "' has the ARN "
                    + (record == null || record.loadBalancer() == null ? null : record.arn()));
        }
    }
}
