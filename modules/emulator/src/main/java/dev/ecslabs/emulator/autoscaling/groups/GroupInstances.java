package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.ecs.instance.InstanceRegistrations;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;

/**
 * A group's instances on the emulator's clock, as EC2 Auto Scaling keeps them: whenever the
 * desired capacity and the live instances (Pending or InService) differ, it launches instances,
 * balanced over the group's Availability Zones, which go Pending → InService after
 * {@link #BOOT}, or terminates instances not protected from scale in, from the Availability Zone
 * with the most instances, which go Terminating and are gone after {@link #SHUTDOWN}
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html,
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-termination-policies.html).
 * An instance protected from scale in is never picked: the group then stays above its desired
 * capacity until the protection is removed, as AWS's does.
 */
public final class GroupInstances {
    /** An EC2 instance boots and its ECS agent registers it. */
    public static final Duration BOOT = Duration.ofSeconds(30);
    /** A terminating instance shuts down. */
    public static final Duration SHUTDOWN = Duration.ofSeconds(30);
    /**
     * The instance type when the launch template is not EC2's to read here: the group's
     * MixedInstancesPolicy overrides name it, else this one.
     */
    public static final String DEFAULT_INSTANCE_TYPE = "t3.micro";

    private final List<GroupInstanceListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(GroupInstanceListener listener) {
        listeners.add(listener);
    }

    /** The instance type a group launches. */
    public static String instanceType(AutoScalingGroup group) {
        if (group.mixedInstancesPolicy() != null && group.mixedInstancesPolicy().launchTemplate() != null) {
            for (LaunchTemplateOverrides override : group.mixedInstancesPolicy().launchTemplate().overrides()) {
                if (override.instanceType() != null) {
                    return override.instanceType();
                }
            }
        }
        return DEFAULT_INSTANCE_TYPE;
    }

    /** The group's subnets: its VPCZoneIdentifier's, else the default VPC's in its Availability Zones. */
    static List<Subnet> subnets(AccountRegion region, AutoScalingGroup group) {
        List<Subnet> subnets = new ArrayList<>();
        if (group.vpcZoneIdentifier() != null && !group.vpcZoneIdentifier().isBlank()) {
            for (String id : group.vpcZoneIdentifier().split(",")) {
                DefaultVpc.subnet(region.region(), id.trim()).ifPresent(subnets::add);
            }
            return subnets;
        }
        for (String id : DefaultVpc.SUBNET_IDS) {
            DefaultVpc.subnet(region.region(), id).filter(s -> group.availabilityZones().contains(s.availabilityZone()))
                    .ifPresent(subnets::add);
        }
        return subnets;
    }

    /** The subnet of the group an instance was launched in (the group's subnet in its Availability Zone). */
    public static String subnetOf(AccountRegion region, AutoScalingGroup group, Instance instance) {
        return subnets(region, group).stream().filter(s -> s.availabilityZone().equals(instance.availabilityZone()))
                .map(Subnet::subnetId).findFirst().orElse(null);
    }

    /** Pending or InService: an instance that counts towards the desired capacity. */
    public static boolean live(Instance instance) {
        return instance.lifecycleState() == LifecycleState.PENDING || instance.lifecycleState() == LifecycleState.IN_SERVICE;
    }

    /** Launches or terminates instances until the live ones match the desired capacity (those protected from scale in stay). */
    public void reconcile(AccountRegion region, String name) {
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        Optional<AutoScalingGroupRecord> found = groups.find(name);
        if (found.isEmpty()) {
            return;
        }
        AutoScalingGroupRecord record = found.get();
        AutoScalingGroup group = record.group();
        List<Instance> instances = new ArrayList<>(group.instances());
        Map<String, Instant> nextStepAt = new HashMap<>(record.nextStepAt());
        long live = instances.stream().filter(GroupInstances::live).count();
        int desired = group.desiredCapacity();
        List<Subnet> subnets = subnets(region, group);
        List<Instance> terminating = new ArrayList<>();
        for (long i = live; i < desired && !subnets.isEmpty(); i++) {
            Subnet subnet = leastUsed(subnets, instances);
            Instance launched = Instance.builder().instanceId(InstanceRegistrations.newEc2InstanceId())
                    .instanceType(instanceType(group)).availabilityZone(subnet.availabilityZone())
                    .lifecycleState(LifecycleState.PENDING).healthStatus("Healthy")
                    .launchTemplate(launchTemplate(group))
                    .protectedFromScaleIn(Boolean.TRUE.equals(group.newInstancesProtectedFromScaleIn())).build();
            instances.add(launched);
            nextStepAt.put(launched.instanceId(), region.now().plus(BOOT));
            schedule(region, name, launched.instanceId(), BOOT);
        }
        for (long i = live; i > desired; i--) {
            Optional<Instance> victim = victim(instances);
            if (victim.isEmpty()) {
                break;
            }
            Instance leaving = victim.get().toBuilder().lifecycleState(LifecycleState.TERMINATING).build();
            instances.set(instances.indexOf(victim.get()), leaving);
            terminating.add(leaving);
            nextStepAt.put(leaving.instanceId(), region.now().plus(SHUTDOWN));
            schedule(region, name, leaving.instanceId(), SHUTDOWN);
        }
        if (instances.equals(group.instances())) {
            return;
        }
        AutoScalingGroupRecord changed = new AutoScalingGroupRecord(group.toBuilder().instances(instances).build(), nextStepAt);
        groups.put(changed);
        terminating.forEach(instance -> listeners.forEach(l -> l.terminating(region, changed, instance)));
    }

    /**
     * Terminates one live instance of the group, protected from scale in or not (the protection
     * guards against scale in only), then reconciles: without a lower desired capacity the group
     * launches a replacement.
     */
    void terminate(AccountRegion region, String name, String instanceId) {
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(name);
        List<Instance> instances = new ArrayList<>(record.group().instances());
        Map<String, Instant> nextStepAt = new HashMap<>(record.nextStepAt());
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).instanceId().equals(instanceId) && live(instances.get(i))) {
                Instance leaving = instances.get(i).toBuilder().lifecycleState(LifecycleState.TERMINATING).build();
                instances.set(i, leaving);
                nextStepAt.put(instanceId, region.now().plus(SHUTDOWN));
                schedule(region, name, instanceId, SHUTDOWN);
                AutoScalingGroupRecord changed = new AutoScalingGroupRecord(record.group().toBuilder().instances(instances).build(),
                        nextStepAt);
                groups.put(changed);
                listeners.forEach(l -> l.terminating(region, changed, leaving));
                break;
            }
        }
        reconcile(region, name);
    }

    /** Terminates every instance of the group at once (ForceDelete), protected or not, with no time to drain. */
    void terminateAll(AccountRegion region, AutoScalingGroupRecord record) {
        for (Instance instance : record.group().instances()) {
            Instance gone = instance.toBuilder().lifecycleState(LifecycleState.TERMINATED).build();
            listeners.forEach(l -> l.terminated(region, record, gone));
        }
    }

    /** Picks up the clock where a restart left it: each instance's next step. */
    void resume(AccountRegion region) {
        region.locked(() -> region.existingArea(AutoScalingGroups.class).ifPresent(groups -> groups.all().forEach(record ->
                record.nextStepAt().forEach((instanceId, at) -> {
                    Duration left = Duration.between(region.now(), at);
                    schedule(region, record.name(), instanceId, left.isNegative() ? Duration.ZERO : left);
                }))));
    }

    private void schedule(AccountRegion region, String name, String instanceId, Duration delay) {
        region.schedule(delay, () -> step(region, name, instanceId));
    }

    private void step(AccountRegion region, String name, String instanceId) {
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        Optional<AutoScalingGroupRecord> found = groups.find(name);
        if (found.isEmpty()) {
            return;
        }
        AutoScalingGroupRecord record = found.get();
        Instant due = record.nextStepAt().get(instanceId);
        if (due == null || due.isAfter(region.now())) {
            return;
        }
        List<Instance> instances = new ArrayList<>(record.group().instances());
        Map<String, Instant> nextStepAt = new HashMap<>(record.nextStepAt());
        nextStepAt.remove(instanceId);
        Instance inService = null;
        Instance gone = null;
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            if (!instance.instanceId().equals(instanceId)) {
                continue;
            }
            if (instance.lifecycleState() == LifecycleState.PENDING) {
                inService = instance.toBuilder().lifecycleState(LifecycleState.IN_SERVICE).build();
                instances.set(i, inService);
            } else if (instance.lifecycleState() == LifecycleState.TERMINATING) {
                gone = instances.remove(i).toBuilder().lifecycleState(LifecycleState.TERMINATED).build();
            }
            break;
        }
        AutoScalingGroupRecord changed = new AutoScalingGroupRecord(record.group().toBuilder().instances(instances).build(),
                nextStepAt);
        groups.put(changed);
        if (gone != null) {
            Instance terminated = gone;
            listeners.forEach(l -> l.terminated(region, changed, terminated));
        }
        if (inService != null) {
            Instance ready = inService;
            String subnetId = subnetOf(region, changed.group(), ready);
            listeners.forEach(l -> l.inService(region, changed, ready, subnetId));
        }
    }

    /** The subnet whose Availability Zone has the fewest live instances (the first such, in the group's order). */
    private static Subnet leastUsed(List<Subnet> subnets, List<Instance> instances) {
        return subnets.stream().min(Comparator.comparingLong(s -> instances.stream().filter(GroupInstances::live)
                .filter(i -> i.availabilityZone().equals(s.availabilityZone())).count())).orElseThrow();
    }

    /**
     * The default termination policy's pick: an unprotected live instance in the Availability Zone
     * with the most live instances; among those, a Pending one first (it holds nothing yet), then by id.
     */
    private static Optional<Instance> victim(List<Instance> instances) {
        Map<String, Long> perZone = new HashMap<>();
        instances.stream().filter(GroupInstances::live).forEach(i -> perZone.merge(i.availabilityZone(), 1L, Long::sum));
        return instances.stream().filter(GroupInstances::live).filter(i -> !Boolean.TRUE.equals(i.protectedFromScaleIn()))
                .min(Comparator.comparingLong((Instance i) -> -perZone.get(i.availabilityZone()))
                        .thenComparing(i -> i.lifecycleState() == LifecycleState.PENDING ? 0 : 1)
                        .thenComparing(Instance::instanceId));
    }

    private static LaunchTemplateSpecification launchTemplate(AutoScalingGroup group) {
        if (group.launchTemplate() != null) {
            return group.launchTemplate();
        }
        if (group.mixedInstancesPolicy() != null && group.mixedInstancesPolicy().launchTemplate() != null) {
            return group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        return null;
    }
}
