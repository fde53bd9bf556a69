package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.autoscaling.groups.AutoScalingGroupRecord;
import dev.ecslabs.emulator.autoscaling.groups.AutoScalingGroups;
import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;
import software.amazon.awssdk.services.ecs.model.CapacityProviderUpdateStatus;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderResponse;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderResponse;
import software.amazon.awssdk.services.ecs.model.ManagedDraining;
import software.amazon.awssdk.services.ecs.model.ManagedScaling;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderResponse;

/**
 * CreateCapacityProvider, UpdateCapacityProvider and DeleteCapacityProvider for capacity providers
 * of an EC2 Auto Scaling group, with AWS's rules
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html): the name
 * can't start with aws, ecs or fargate; the group must exist and back no other provider; managed
 * termination protection needs managed scaling and a group whose new instances are protected from
 * scale in; a provider still associated with a cluster can't be deleted. Managed scaling's
 * defaults are the API reference's: target capacity 100 %, steps of 1 to 10000 instances,
 * 300 s of warm-up.
 */
public final class AutoScalingProviderActions implements ActionGroup {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private final EveryMinute everyMinute;

    public AutoScalingProviderActions(EveryMinute everyMinute) {
        this.everyMinute = everyMinute;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "CreateCapacityProvider", CreateCapacityProviderRequest::builder, this::createCapacityProvider)
                .add(AwsService.ECS, "UpdateCapacityProvider", UpdateCapacityProviderRequest::builder, this::updateCapacityProvider)
                .add(AwsService.ECS, "DeleteCapacityProvider", DeleteCapacityProviderRequest::builder, this::deleteCapacityProvider);
    }

    CreateCapacityProviderResponse createCapacityProvider(RequestContext context, CreateCapacityProviderRequest request) {
        AccountRegion region = context.state();
        String name = request.name();
        if (!NAME.matcher(name).matches()) {
            throw EcsErrors.invalidParameter("Invalid capacity provider name '" + name + "': up to 255 letters (uppercase "
                    + "and lowercase), numbers, underscores and hyphens are allowed.");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ecs") || lower.startsWith("fargate")) {
            throw EcsErrors.invalidParameter("The capacity provider name '" + name + "' can't be prefixed with \"aws\", "
                    + "\"ecs\", or \"fargate\": those are reserved. Pick another name.");
        }
        if (request.autoScalingGroupProvider() == null) {
            throw EcsErrors.invalidParameter("autoScalingGroupProvider is required: this emulator serves capacity providers "
                    + "of EC2 Auto Scaling groups (ECS Managed Instances providers are not modelled).");
        }
        AutoScalingCapacityProviders providers = AutoScalingCapacityProviders.of(region);
        if (providers.active(name).isPresent()) {
            throw EcsErrors.client("The specified capacity provider already exists. To change the configuration of an "
                    + "existing capacity provider, update the capacity provider (UpdateCapacityProvider).");
        }
        AutoScalingGroupProvider asg = request.autoScalingGroupProvider();
        AutoScalingGroupRecord group = AutoScalingGroups.of(region).find(asg.autoScalingGroupArn()).orElseThrow(() ->
                EcsErrors.client("The specified Auto Scaling group '" + asg.autoScalingGroupArn() + "' does not exist in "
                        + "this account and region. Create it with EC2 Auto Scaling's CreateAutoScalingGroup, then name it "
                        + "by ARN or name."));
        providers.usingGroup(group.arn(), group.name()).ifPresent(other -> {
            throw EcsErrors.client("The specified Auto Scaling group is already used by the capacity provider "
                    + other.name() + ". An Auto Scaling group can back one capacity provider only.");
        });
        AutoScalingGroupProvider settled = settle(asg.toBuilder().autoScalingGroupArn(group.arn()).build(), group);
        CapacityProvider provider = CapacityProvider.builder()
                .capacityProviderArn(CapacityProviderActions.arn(context, name))
                .name(name)
                .status(CapacityProviderStatus.ACTIVE)
                .type(CapacityProviderType.EC2_AUTOSCALING)
                .autoScalingGroupProvider(settled)
                .updateStatus(CapacityProviderUpdateStatus.CREATE_COMPLETE)
                .tags(EcsTags.checked(request.tags()))
                .build();
        providers.put(provider);
        everyMinute.wake();
        return CreateCapacityProviderResponse.builder().capacityProvider(provider).build();
    }

    UpdateCapacityProviderResponse updateCapacityProvider(RequestContext context, UpdateCapacityProviderRequest request) {
        AccountRegion region = context.state();
        AutoScalingCapacityProviders providers = AutoScalingCapacityProviders.of(region);
        CapacityProvider provider = require(providers, request.name());
        if (request.autoScalingGroupProvider() == null) {
            throw EcsErrors.invalidParameter("autoScalingGroupProvider is required to update the capacity provider "
                    + provider.name() + ": give its managedScaling, managedTerminationProtection or managedDraining.");
        }
        AutoScalingGroupProvider.Builder changed = provider.autoScalingGroupProvider().toBuilder();
        if (request.autoScalingGroupProvider().managedScaling() != null) {
            changed.managedScaling(request.autoScalingGroupProvider().managedScaling());
        }
        if (request.autoScalingGroupProvider().managedTerminationProtection() != null) {
            changed.managedTerminationProtection(request.autoScalingGroupProvider().managedTerminationProtection());
        }
        if (request.autoScalingGroupProvider().managedDraining() != null) {
            changed.managedDraining(request.autoScalingGroupProvider().managedDraining());
        }
        AutoScalingGroupRecord group = AutoScalingGroups.of(region).find(provider.autoScalingGroupProvider().autoScalingGroupArn())
                .orElseThrow(() -> EcsErrors.client("The Auto Scaling group of the capacity provider " + provider.name()
                        + " no longer exists; delete the capacity provider and create one for an existing group."));
        CapacityProvider updated = provider.toBuilder().autoScalingGroupProvider(settle(changed.build(), group))
                .updateStatus(CapacityProviderUpdateStatus.UPDATE_COMPLETE).build();
        providers.put(updated);
        everyMinute.wake();
        return UpdateCapacityProviderResponse.builder().capacityProvider(updated).build();
    }

    DeleteCapacityProviderResponse deleteCapacityProvider(RequestContext context, DeleteCapacityProviderRequest request) {
        AccountRegion region = context.state();
        String name = request.capacityProvider();
        if (CapacityProviderActions.FARGATE_PROVIDERS.contains(name)) {
            throw EcsErrors.invalidParameter("The FARGATE and FARGATE_SPOT capacity providers are reserved and can't be "
                    + "deleted. Disassociate them from a cluster with PutClusterCapacityProviders instead.");
        }
        AutoScalingCapacityProviders providers = AutoScalingCapacityProviders.of(region);
        CapacityProvider provider = require(providers, name.startsWith("arn:") ? name.substring(name.lastIndexOf('/') + 1) : name);
        AutoScalingCapacityProviders.clusterOf(region, provider.name()).ifPresent(cluster -> {
            throw EcsErrors.client("The capacity provider " + provider.name() + " is associated with the cluster "
                    + cluster.clusterName() + ". Only capacity providers that aren't associated with a cluster can be "
                    + "deleted: remove it with PutClusterCapacityProviders (or delete the cluster) first.");
        });
        CapacityProvider deleted = provider.toBuilder().status(CapacityProviderStatus.INACTIVE)
                .updateStatus(CapacityProviderUpdateStatus.DELETE_COMPLETE).build();
        providers.put(deleted);
        return DeleteCapacityProviderResponse.builder().capacityProvider(deleted).build();
    }

    private static CapacityProvider require(AutoScalingCapacityProviders providers, String name) {
        return providers.active(name).orElseThrow(() -> EcsErrors.invalidParameter("The specified capacity provider '"
                + name + "' does not exist. DescribeCapacityProviders lists the capacity providers of this account."));
    }

    /** The provider's settings with AWS's defaults filled in and checked against its group. */
    private static AutoScalingGroupProvider settle(AutoScalingGroupProvider asg, AutoScalingGroupRecord group) {
        ManagedScaling given = asg.managedScaling();
        ManagedScaling scaling = ManagedScaling.builder()
                .status(given == null || given.status() == null ? ManagedScalingStatus.DISABLED : given.status())
                .targetCapacity(given == null || given.targetCapacity() == null ? 100 : given.targetCapacity())
                .minimumScalingStepSize(given == null || given.minimumScalingStepSize() == null ? 1 : given.minimumScalingStepSize())
                .maximumScalingStepSize(given == null || given.maximumScalingStepSize() == null ? 10_000 : given.maximumScalingStepSize())
                .instanceWarmupPeriod(given == null || given.instanceWarmupPeriod() == null ? 300 : given.instanceWarmupPeriod())
                .build();
        if (scaling.minimumScalingStepSize() > scaling.maximumScalingStepSize()) {
            throw EcsErrors.invalidParameter("managedScaling.minimumScalingStepSize (" + scaling.minimumScalingStepSize()
                    + ") can't be greater than maximumScalingStepSize (" + scaling.maximumScalingStepSize() + ").");
        }
        ManagedTerminationProtection protection = asg.managedTerminationProtection() == null
                ? ManagedTerminationProtection.DISABLED : asg.managedTerminationProtection();
        if (protection == ManagedTerminationProtection.ENABLED) {
            if (scaling.status() != ManagedScalingStatus.ENABLED) {
                throw EcsErrors.client("The managed termination protection setting for the capacity provider is invalid. "
                        + "Managed termination protection needs managed scaling: set managedScaling.status to ENABLED.");
            }
            if (!Boolean.TRUE.equals(group.group().newInstancesProtectedFromScaleIn())) {
                throw EcsErrors.client("The managed termination protection setting for the capacity provider is invalid. "
                        + "To enable managed termination protection for a capacity provider, the Auto Scaling group must have "
                        + "instance protection from scale in enabled (NewInstancesProtectedFromScaleIn on " + group.name() + ").");
            }
        }
        return asg.toBuilder().managedScaling(scaling).managedTerminationProtection(protection)
                .managedDraining(asg.managedDraining() == null ? ManagedDraining.ENABLED : asg.managedDraining()).build();
    }
}
