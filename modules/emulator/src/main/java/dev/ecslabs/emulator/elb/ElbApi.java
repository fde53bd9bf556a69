package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.PersistentAreas;
import java.time.Duration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;

/** Wires Elastic Load Balancing v2's action groups into the operation table, and its areas into persistence. */
public final class ElbApi implements AutoCloseable {
    private final TargetHealthChecks healthChecks;
    private final LoadBalancerDataPlane dataPlane;
    private final ServiceTargets serviceTargets;

    private ElbApi(TargetHealthChecks healthChecks, LoadBalancerDataPlane dataPlane, ServiceTargets serviceTargets) {
        this.healthChecks = healthChecks;
        this.dataPlane = dataPlane;
        this.serviceTargets = serviceTargets;
    }

    /**
     * ECS services count a task behind a load balancer as healthy once its targets are, and replace
     * tasks whose targets turn unhealthy once their grace period is over.
     */
    public void reportTargetHealthTo(dev.ecslabs.emulator.ecs.service.ServiceScheduler scheduler) {
        serviceTargets.reportTo(scheduler, healthChecks);
    }

    /**
     * Registers every ELB action; health checks and the data plane find ECS tasks' targets through
     * {@code fargate}; listeners answer on local ports of {@code host}.
     */
    public static ElbApi register(OperationTable table, Fargate fargate, String host) {
        TargetLocator locator = new EcsTaskTargets(fargate);
        TargetHealthChecks healthChecks = new TargetHealthChecks(locator);
        LoadBalancerDataPlane dataPlane = new LoadBalancerDataPlane(host, locator);
        ListenerActions listeners = new ListenerActions(healthChecks, dataPlane);
        new LoadBalancerActions(dataPlane).register(table);
        new TargetGroupActions().register(table);
        new TargetActions(healthChecks).register(table);
        listeners.register(table);
        new RuleActions(listeners).register(table);
        new TagActions().register(table);
        ServiceTargets serviceTargets = new ServiceTargets(healthChecks);
        fargate.addListener(serviceTargets);
        // a task that starts or stops changes what answers at a target's IP: the routes find it again
        fargate.addListener(change -> RouteTable.invalidate(change.region()));
        fargate.addDeactivationWork(serviceTargets);
        return new ElbApi(healthChecks, dataPlane, serviceTargets);
    }

    public LoadBalancerDataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public void close() {
        dataPlane.close();
    }

    public TargetHealthChecks healthChecks() {
        return healthChecks;
    }

    /** The ELB areas that survive a restart, and what resumes their clocks: provisioning, health checks, draining. */
    public void persist(PersistentAreas areas) {
        areas.add("elb/loadBalancers", LoadBalancers.class, LoadBalancers::of)
                .add("elb/targetGroups", TargetGroups.class, TargetGroups::of)
                .add("elb/listeners", Listeners.class, Listeners::of)
                .resumeWith((region, problems) -> resume(region));
    }

    private void resume(AccountRegion region) {
        dataPlane.sync(region);
        region.existingArea(LoadBalancers.class).ifPresent(lbs -> lbs.all().stream()
                .filter(lb -> lb.loadBalancer().state().code() == LoadBalancerStateEnum.PROVISIONING)
                .forEach(lb -> LoadBalancerActions.scheduleActivation(region, lb.arn(), remaining(region,
                        lb.loadBalancer().createdTime().plus(LoadBalancerActions.PROVISIONING)))));
        region.existingArea(TargetGroups.class).ifPresent(groups -> groups.all().forEach(group -> {
            healthChecks.ensureChecking(region, group.arn());
            group.targets().stream().filter(t -> t.drainingUntil() != null).forEach(t -> TargetActions.scheduleDrainEnd(region,
                    group.arn(), new TargetActions.TargetKey(t.id(), t.port()), remaining(region, t.drainingUntil())));
        }));
    }

    private static Duration remaining(AccountRegion region, java.time.Instant at) {
        Duration left = Duration.between(region.now(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
