package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;

/**
 * The health of instances. Without a health check it is UNKNOWN. A custom health check starts at
 * AWS_INIT_HEALTH_STATUS (HEALTHY when not given) and takes the status of
 * UpdateInstanceCustomHealthStatus about 30 seconds later; a repeated request does not hurry it
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_HealthCheckCustomConfig.html). The emulator
 * cannot reach a Route 53 health check's endpoint, so such a check starts UNKNOWN and passes after
 * FailureThreshold checks 30 seconds apart (Route 53's default threshold is 3).
 */
final class InstanceHealth {
    static final int ROUTE53_DEFAULT_FAILURE_THRESHOLD = 3;

    private InstanceHealth() {
    }

    /** Sets a newly registered (or re-registered) instance's health, as a new health check would start. */
    static void start(AccountRegion region, CloudMapServiceRecord service, InstanceRecord instance, Map<String, String> attributes) {
        if (service.hasCustomHealthCheck()) {
            String initial = attributes.getOrDefault(InstanceRecord.INIT_HEALTH_STATUS, "HEALTHY");
            instance.health(HealthStatus.fromValue(initial));
        } else if (service.healthCheckConfig() != null) {
            instance.health(HealthStatus.UNKNOWN);
            HealthCheckConfig check = service.healthCheckConfig();
            int threshold = check.failureThreshold() == null ? ROUTE53_DEFAULT_FAILURE_THRESHOLD : check.failureThreshold();
            Duration firstVerdict = OperationTimings.ROUTE53_CHECK_INTERVAL.multipliedBy(threshold);
            changeAt(region, instance, HealthStatus.HEALTHY, region.now().plus(firstVerdict));
        } else {
            instance.health(HealthStatus.UNKNOWN);
        }
    }

    static void updateCustom(AccountRegion region, CloudMapServiceRecord service, String instanceId, CustomHealthStatus status) {
        if (!service.hasCustomHealthCheck()) {
            throw CloudMapErrors.customHealthNotFound(service.id());
        }
        InstanceRecord instance = service.instance(instanceId)
                .orElseThrow(() -> CloudMapErrors.instanceNotFound(instanceId, service.id()));
        HealthStatus target = HealthStatus.fromValue(status.toString());
        if (target == instance.pendingHealth()) {
            return; // "Sending a second ... request with the same value before 30 seconds has passed doesn't accelerate the change."
        }
        if (target == instance.health()) {
            instance.cancelPendingHealth(); // the status goes back before the change took effect
            return;
        }
        changeAt(region, instance, target, region.now().plus(OperationTimings.CUSTOM_HEALTH_DELAY));
    }

    /** Schedules again, after a restart, a health change that was on its way, at the time it was due. */
    static void resume(AccountRegion region, InstanceRecord instance) {
        if (instance.pendingHealth() != null) {
            changeAt(region, instance, instance.pendingHealth(), instance.pendingHealthAt());
        }
    }

    private static void changeAt(AccountRegion region, InstanceRecord instance, HealthStatus target, Instant at) {
        instance.pendingHealth(target, at, region.schedule(Duration.between(region.now(), at), () -> instance.health(target)));
    }
}
