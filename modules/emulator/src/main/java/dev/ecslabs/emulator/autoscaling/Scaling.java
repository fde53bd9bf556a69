package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;

/**
 * Where Application Auto Scaling meets ECS: it reads a service's desired count and sets it, as its
 * service-linked role calls UpdateService, and records each change as a scaling activity in AWS's
 * words ("Setting desired count to 3.", "Successfully set desired count to 3. Change successfully
 * fulfilled by ecs.").
 */
public final class Scaling {
    private final ServiceScheduler services;

    public Scaling(ServiceScheduler services) {
        this.services = services;
    }

    /** The service's desired count now; empty when the service is not ACTIVE any more. */
    OptionalInt capacity(AccountRegion region, ScalableTarget target) {
        EcsServiceResource service = EcsServiceResource.parse(target.resourceId());
        return services.activeService(region, service.clusterName(), service.serviceName())
                .map(s -> OptionalInt.of(s.desiredCount())).orElse(OptionalInt.empty());
    }

    /** Whether the ECS service exists and is ACTIVE. */
    boolean exists(AccountRegion region, String resourceId) {
        EcsServiceResource service = EcsServiceResource.parse(resourceId);
        return services.activeService(region, service.clusterName(), service.serviceName()).isPresent();
    }

    /** Sets the service's desired count and records the activity with its cause. */
    void setCapacity(AccountRegion region, ScalableTarget target, int desired, String cause) {
        EcsServiceResource service = EcsServiceResource.parse(target.resourceId());
        Instant now = region.now();
        boolean done = services.setDesiredCount(region, service.clusterName(), service.serviceName(), desired);
        record(region, target, "Setting desired count to " + desired + ".", cause, done
                ? "Successfully set desired count to " + desired + ". Change successfully fulfilled by ecs."
                : "Failed to set desired count to " + desired + ". Reason: the ECS service " + service.serviceName()
                        + " is not ACTIVE in the cluster " + service.clusterName() + " (ServiceNotFoundException).",
                done ? ScalingActivityStatusCode.SUCCESSFUL : ScalingActivityStatusCode.FAILED, now);
    }

    /** Records a finished activity. */
    static void record(AccountRegion region, ScalableTarget target, String description, String cause, String statusMessage,
                       ScalingActivityStatusCode status, Instant now) {
        ScalingActivities.of(region).add(ScalingActivity.builder().activityId(UUID.randomUUID().toString())
                .serviceNamespace(target.serviceNamespace()).resourceId(target.resourceId())
                .scalableDimension(target.scalableDimension()).description(description).cause(cause)
                .startTime(now).endTime(now).statusCode(status).statusMessage(statusMessage).build());
    }
}
