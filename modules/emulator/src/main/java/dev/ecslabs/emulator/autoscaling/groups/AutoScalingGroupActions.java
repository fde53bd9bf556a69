package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.ecs.instance.InstanceTypes;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityRequest;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityResponse;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceProtectionRequest;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceProtectionResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;

/**
 * EC2 Auto Scaling groups (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/): Create,
 * Describe, Update, SetDesiredCapacity, Delete (ForceDelete), DescribeAutoScalingInstances,
 * SetInstanceProtection and TerminateInstanceInAutoScalingGroup. Launch templates are EC2's, which this emulator does not serve, so a
 * group's {@code LaunchTemplate} or {@code MixedInstancesPolicy} is kept as given, by id or name,
 * without looking it up; the instance type comes from the policy's overrides, else
 * {@link GroupInstances#DEFAULT_INSTANCE_TYPE}. Changes of size are carried out on the clock by
 * {@link GroupInstances}.
 */
public final class AutoScalingGroupActions implements ActionGroup {
    /** DescribeAutoScalingGroups and DescribeAutoScalingInstances: "The default value is 50 and the maximum value is 100." */
    static final int DEFAULT_RECORDS = 50;
    static final int MAX_RECORDS = 100;
    static final int MAX_PROTECTION_INSTANCES = 50;

    private final GroupInstances instances;

    public AutoScalingGroupActions(GroupInstances instances) {
        this.instances = instances;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.AUTO_SCALING, "CreateAutoScalingGroup", CreateAutoScalingGroupRequest::builder, this::createAutoScalingGroup)
                .add(AwsService.AUTO_SCALING, "DescribeAutoScalingGroups", DescribeAutoScalingGroupsRequest::builder,
                        this::describeAutoScalingGroups)
                .add(AwsService.AUTO_SCALING, "UpdateAutoScalingGroup", UpdateAutoScalingGroupRequest::builder, this::updateAutoScalingGroup)
                .add(AwsService.AUTO_SCALING, "SetDesiredCapacity", SetDesiredCapacityRequest::builder, this::setDesiredCapacity)
                .add(AwsService.AUTO_SCALING, "DeleteAutoScalingGroup", DeleteAutoScalingGroupRequest::builder, this::deleteAutoScalingGroup)
                .add(AwsService.AUTO_SCALING, "DescribeAutoScalingInstances", DescribeAutoScalingInstancesRequest::builder,
                        this::describeAutoScalingInstances)
                .add(AwsService.AUTO_SCALING, "SetInstanceProtection", SetInstanceProtectionRequest::builder, this::setInstanceProtection)
                .add(AwsService.AUTO_SCALING, "TerminateInstanceInAutoScalingGroup",
                        TerminateInstanceInAutoScalingGroupRequest::builder, this::terminateInstanceInAutoScalingGroup);
    }

    CreateAutoScalingGroupResponse createAutoScalingGroup(RequestContext context, CreateAutoScalingGroupRequest request) {
        AccountRegion region = context.state();
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        String name = request.autoScalingGroupName();
        if (groups.find(name).isPresent()) {
            throw AutoScalingGroupErrors.alreadyExists(name);
        }
        if (request.launchConfigurationName() != null || request.instanceId() != null) {
            throw AutoScalingGroupErrors.validation("Launch configurations and groups made from an instance are not "
                    + "modelled by this emulator: give a LaunchTemplate or a MixedInstancesPolicy (by id or name).");
        }
        if (request.launchTemplate() == null && request.mixedInstancesPolicy() == null) {
            throw AutoScalingGroupErrors.validation("Valid requests must contain either LaunchTemplate, "
                    + "LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
        }
        if (request.launchTemplate() != null && request.mixedInstancesPolicy() != null) {
            throw AutoScalingGroupErrors.validation("Valid requests must contain either LaunchTemplate or "
                    + "MixedInstancesPolicy, not both: the policy's LaunchTemplate names the template.");
        }
        int desired = request.desiredCapacity() == null ? request.minSize() : request.desiredCapacity();
        checkSizes(request.minSize(), request.maxSize(), desired);
        AutoScalingGroup group = AutoScalingGroup.builder()
                .autoScalingGroupName(name)
                .autoScalingGroupARN(Arns.of(context, "autoscaling", "autoScalingGroup:" + UUID.randomUUID()
                        + ":autoScalingGroupName/" + name))
                .launchTemplate(request.launchTemplate())
                .mixedInstancesPolicy(request.mixedInstancesPolicy())
                .minSize(request.minSize())
                .maxSize(request.maxSize())
                .desiredCapacity(desired)
                .defaultCooldown(request.defaultCooldown() == null ? 300 : request.defaultCooldown())
                .availabilityZones(zones(region, request.vpcZoneIdentifier(), request.availabilityZones()))
                .vpcZoneIdentifier(request.vpcZoneIdentifier() == null ? "" : request.vpcZoneIdentifier())
                .loadBalancerNames(List.of())
                .targetGroupARNs(request.targetGroupARNs())
                .healthCheckType(request.healthCheckType() == null ? "EC2" : request.healthCheckType())
                .healthCheckGracePeriod(request.healthCheckGracePeriod() == null ? 0 : request.healthCheckGracePeriod())
                .instances(List.of())
                .createdTime(context.now())
                .suspendedProcesses(List.of())
                .enabledMetrics(List.of())
                .tags(tags(name, request.tags()))
                .terminationPolicies(request.terminationPolicies().isEmpty() ? List.of("Default") : request.terminationPolicies())
                .newInstancesProtectedFromScaleIn(Boolean.TRUE.equals(request.newInstancesProtectedFromScaleIn()))
                .serviceLinkedRoleARN(Arns.of("iam", "", context.accountId(),
                        "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"))
                .capacityRebalance(Boolean.TRUE.equals(request.capacityRebalance()))
                .build();
        checkInstanceType(GroupInstances.instanceType(group));
        groups.put(new AutoScalingGroupRecord(group, Map.of()));
        instances.reconcile(region, name);
        return CreateAutoScalingGroupResponse.builder().build();
    }

    DescribeAutoScalingGroupsResponse describeAutoScalingGroups(RequestContext context, DescribeAutoScalingGroupsRequest request) {
        List<AutoScalingGroup> found = new ArrayList<>();
        for (AutoScalingGroupRecord record : AutoScalingGroups.of(context.state()).all()) {
            if (request.autoScalingGroupNames().isEmpty() || request.autoScalingGroupNames().contains(record.name())) {
                found.add(record.group());
            }
        }
        Pages.Page<AutoScalingGroup> page = Pages.page(found, AutoScalingGroup::autoScalingGroupName, request.nextToken(),
                request.maxRecords(), DEFAULT_RECORDS, MAX_RECORDS, AutoScalingGroupErrors.VALIDATION);
        return DescribeAutoScalingGroupsResponse.builder().autoScalingGroups(page.items()).nextToken(page.nextToken()).build();
    }

    UpdateAutoScalingGroupResponse updateAutoScalingGroup(RequestContext context, UpdateAutoScalingGroupRequest request) {
        AccountRegion region = context.state();
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(request.autoScalingGroupName());
        AutoScalingGroup group = record.group();
        int min = request.minSize() == null ? group.minSize() : request.minSize();
        int max = request.maxSize() == null ? group.maxSize() : request.maxSize();
        int desired;
        if (request.desiredCapacity() != null) {
            desired = request.desiredCapacity();
        } else {
            // A new minimum above the desired capacity raises it, a new maximum below it lowers it.
            desired = Math.min(max, Math.max(min, group.desiredCapacity()));
        }
        checkSizes(min, max, desired);
        AutoScalingGroup.Builder changed = group.toBuilder().minSize(min).maxSize(max).desiredCapacity(desired);
        if (request.launchTemplate() != null) {
            changed.launchTemplate(request.launchTemplate()).mixedInstancesPolicy((MixedInstancesPolicy) null);
        }
        if (request.mixedInstancesPolicy() != null) {
            changed.mixedInstancesPolicy(request.mixedInstancesPolicy()).launchTemplate((LaunchTemplateSpecification) null);
        }
        if (request.vpcZoneIdentifier() != null || request.hasAvailabilityZones()) {
            String subnets = request.vpcZoneIdentifier() != null ? request.vpcZoneIdentifier() : group.vpcZoneIdentifier();
            changed.vpcZoneIdentifier(subnets).availabilityZones(zones(region, subnets, request.availabilityZones()));
        }
        if (request.newInstancesProtectedFromScaleIn() != null) {
            changed.newInstancesProtectedFromScaleIn(request.newInstancesProtectedFromScaleIn());
        }
        if (request.defaultCooldown() != null) {
            changed.defaultCooldown(request.defaultCooldown());
        }
        checkInstanceType(GroupInstances.instanceType(changed.build()));
        groups.put(record.with(changed.build()));
        instances.reconcile(region, record.name());
        return UpdateAutoScalingGroupResponse.builder().build();
    }

    SetDesiredCapacityResponse setDesiredCapacity(RequestContext context, SetDesiredCapacityRequest request) {
        AccountRegion region = context.state();
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(request.autoScalingGroupName());
        int desired = request.desiredCapacity();
        if (desired > record.group().maxSize()) {
            throw AutoScalingGroupErrors.validation("New SetDesiredCapacity value " + desired + " is above max value "
                    + record.group().maxSize() + " for the AutoScalingGroup. Raise MaxSize with UpdateAutoScalingGroup first.");
        }
        if (desired < record.group().minSize()) {
            throw AutoScalingGroupErrors.validation("New SetDesiredCapacity value " + desired + " is below min value "
                    + record.group().minSize() + " for the AutoScalingGroup. Lower MinSize with UpdateAutoScalingGroup first.");
        }
        setDesired(region, record.name(), desired);
        return SetDesiredCapacityResponse.builder().build();
    }

    /** Sets a group's desired capacity (within its bounds, already checked) and acts on it: ECS's managed scaling calls it too. */
    public void setDesired(AccountRegion region, String name, int desired) {
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(name);
        if (record.group().desiredCapacity() != desired) {
            groups.put(record.with(record.group().toBuilder().desiredCapacity(desired).build()));
        }
        instances.reconcile(region, record.name());
    }

    DeleteAutoScalingGroupResponse deleteAutoScalingGroup(RequestContext context, DeleteAutoScalingGroupRequest request) {
        AccountRegion region = context.state();
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(request.autoScalingGroupName());
        boolean holding = !record.group().instances().isEmpty();
        if (holding && !Boolean.TRUE.equals(request.forceDelete())) {
            throw AutoScalingGroupErrors.resourceInUse("You cannot delete an AutoScalingGroup while there are instances or "
                    + "pending Spot instance request(s) still in the group. Set its desired capacity and minimum to 0 and wait "
                    + "for them to terminate, or delete it with ForceDelete, which terminates them.");
        }
        instances.terminateAll(region, record);
        groups.delete(record.name());
        return DeleteAutoScalingGroupResponse.builder().build();
    }

    DescribeAutoScalingInstancesResponse describeAutoScalingInstances(RequestContext context,
                                                                     DescribeAutoScalingInstancesRequest request) {
        List<AutoScalingInstanceDetails> found = new ArrayList<>();
        for (AutoScalingGroupRecord record : AutoScalingGroups.of(context.state()).all()) {
            for (Instance instance : record.group().instances()) {
                if (request.instanceIds().isEmpty() || request.instanceIds().contains(instance.instanceId())) {
                    found.add(AutoScalingInstanceDetails.builder().instanceId(instance.instanceId())
                            .instanceType(instance.instanceType()).autoScalingGroupName(record.name())
                            .availabilityZone(instance.availabilityZone()).lifecycleState(instance.lifecycleStateAsString())
                            .healthStatus(instance.healthStatus()).launchTemplate(instance.launchTemplate())
                            .protectedFromScaleIn(instance.protectedFromScaleIn()).build());
                }
            }
        }
        found.sort(Comparator.comparing(AutoScalingInstanceDetails::instanceId));
        Pages.Page<AutoScalingInstanceDetails> page = Pages.page(found, AutoScalingInstanceDetails::instanceId,
                request.nextToken(), request.maxRecords(), DEFAULT_RECORDS, MAX_RECORDS, AutoScalingGroupErrors.VALIDATION);
        return DescribeAutoScalingInstancesResponse.builder().autoScalingInstances(page.items()).nextToken(page.nextToken())
                .build();
    }

    SetInstanceProtectionResponse setInstanceProtection(RequestContext context, SetInstanceProtectionRequest request) {
        AccountRegion region = context.state();
        if (request.instanceIds().size() > MAX_PROTECTION_INSTANCES) {
            throw AutoScalingGroupErrors.validation("SetInstanceProtection takes up to " + MAX_PROTECTION_INSTANCES
                    + " instance ids per call, not " + request.instanceIds().size() + ".");
        }
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(request.autoScalingGroupName());
        for (String id : request.instanceIds()) {
            if (record.group().instances().stream().noneMatch(i -> i.instanceId().equals(id))) {
                throw AutoScalingGroupErrors.validation("The instance " + id + " is not part of Auto Scaling group "
                        + record.name() + ". DescribeAutoScalingInstances says which group holds an instance.");
            }
        }
        setProtection(region, record.name(), request.instanceIds(), request.protectedFromScaleIn());
        return SetInstanceProtectionResponse.builder().build();
    }

    /** Protects instances of the group from scale in, or lifts it (then the group may scale in at once). */
    public void setProtection(AccountRegion region, String name, List<String> instanceIds, boolean protectedFromScaleIn) {
        AutoScalingGroups groups = AutoScalingGroups.of(region);
        AutoScalingGroupRecord record = groups.require(name);
        List<Instance> changed = record.group().instances().stream().map(i -> instanceIds.contains(i.instanceId())
                ? i.toBuilder().protectedFromScaleIn(protectedFromScaleIn).build() : i).toList();
        if (!changed.equals(record.group().instances())) {
            groups.put(record.with(record.group().toBuilder().instances(changed).build()));
        }
        instances.reconcile(region, name);
    }

    /**
     * TerminateInstanceInAutoScalingGroup: the instance terminates (scale-in protection does not
     * stop it); with ShouldDecrementDesiredCapacity the group shrinks by one, else it launches a
     * replacement (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_TerminateInstanceInAutoScalingGroup.html).
     */
    TerminateInstanceInAutoScalingGroupResponse terminateInstanceInAutoScalingGroup(RequestContext context,
                                                                                   TerminateInstanceInAutoScalingGroupRequest request) {
        AccountRegion region = context.state();
        AutoScalingGroupRecord record = AutoScalingGroups.of(region).holding(request.instanceId())
                .filter(g -> g.group().instances().stream().anyMatch(i -> i.instanceId().equals(request.instanceId())
                        && GroupInstances.live(i)))
                .orElseThrow(() -> AutoScalingGroupErrors.validation("Instance Id not found - No managed instance found for "
                        + "instance ID: " + request.instanceId() + ". DescribeAutoScalingInstances lists the groups' instances."));
        AutoScalingGroup group = record.group();
        if (request.shouldDecrementDesiredCapacity()) {
            if (group.desiredCapacity() - 1 < group.minSize()) {
                throw AutoScalingGroupErrors.validation("Currently, desiredSize equals minSize (" + group.minSize() + "). "
                        + "Terminating instance without replacement will violate group's min size constraint. Either set "
                        + "shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            }
            AutoScalingGroups.of(region).put(record.with(group.toBuilder().desiredCapacity(group.desiredCapacity() - 1).build()));
        }
        instances.terminate(region, record.name(), request.instanceId());
        String description = "Terminating EC2 instance: " + request.instanceId();
        String cause = "At " + context.now() + " instance " + request.instanceId() + " was taken out of service in response "
                + "to a user request" + (request.shouldDecrementDesiredCapacity()
                ? ", shrinking the capacity from " + group.desiredCapacity() + " to " + (group.desiredCapacity() - 1) + "." : ".");
        return TerminateInstanceInAutoScalingGroupResponse.builder().activity(Activity.builder()
                .activityId(UUID.randomUUID().toString()).autoScalingGroupName(record.name()).autoScalingGroupARN(record.arn())
                .description(description).cause(cause).startTime(context.now())
                .statusCode(ScalingActivityStatusCode.IN_PROGRESS).progress(0).details("{}").build()).build();
    }

    private static void checkSizes(int min, int max, int desired) {
        if (min > max) {
            throw AutoScalingGroupErrors.validation("Max bound, " + max + ", must be greater than or equal to min bound, "
                    + min + ".");
        }
        if (desired < min || desired > max) {
            throw AutoScalingGroupErrors.validation("Desired capacity:" + desired + " must be between the specified min size:"
                    + min + " and max size:" + max + ".");
        }
    }

    /** The group's Availability Zones: those of its subnets, or those asked for, each checked. */
    private static List<String> zones(AccountRegion region, String vpcZoneIdentifier, List<String> availabilityZones) {
        List<String> zones = new ArrayList<>();
        if (vpcZoneIdentifier != null && !vpcZoneIdentifier.isBlank()) {
            for (String id : vpcZoneIdentifier.split(",")) {
                String zone = DefaultVpc.subnet(region.region(), id.trim()).orElseThrow(() -> AutoScalingGroupErrors.validation(
                        "The subnet ID '" + id.trim() + "' does not exist. VPCZoneIdentifier is a comma-separated list of "
                                + "subnet ids, such as " + String.join(",", DefaultVpc.SUBNET_IDS) + ".")).availabilityZone();
                if (!zones.contains(zone)) {
                    zones.add(zone);
                }
            }
            return zones;
        }
        if (availabilityZones.isEmpty()) {
            throw AutoScalingGroupErrors.validation("At least one Availability Zone or VPC Subnet is required: give "
                    + "VPCZoneIdentifier (subnet ids) or AvailabilityZones.");
        }
        List<String> known = new ArrayList<>();
        DefaultVpc.SUBNET_IDS.forEach(id -> known.add(DefaultVpc.subnet(region.region(), id).orElseThrow().availabilityZone()));
        for (String zone : availabilityZones) {
            if (!known.contains(zone)) {
                throw AutoScalingGroupErrors.validation("The availability zone '" + zone + "' is not legal in "
                        + region.region() + "; its zones are " + String.join(", ", known) + ".");
            }
            zones.add(zone);
        }
        return zones;
    }

    private static List<TagDescription> tags(String name, List<Tag> tags) {
        List<TagDescription> described = new ArrayList<>();
        for (Tag tag : tags) {
            described.add(TagDescription.builder().resourceId(name).resourceType("auto-scaling-group").key(tag.key())
                    .value(tag.value() == null ? "" : tag.value()).propagateAtLaunch(Boolean.TRUE.equals(tag.propagateAtLaunch()))
                    .build());
        }
        return described;
    }

    static void checkInstanceType(String type) {
        if (InstanceTypes.find(type).isEmpty()) {
            throw AutoScalingGroupErrors.validation("The emulator has no instance type '" + type + "'; it knows "
                    + String.join(", ", InstanceTypes.names()) + ".");
        }
    }
}
