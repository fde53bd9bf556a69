package dev.ecslabs.emulator.cloudmap;

import java.time.Duration;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;

/**
 * How long Cloud Map's asynchronous operations take, in emulated time. AWS publishes no figures
 * for them, so these follow what it does publish: a DNS namespace is a Route 53 hosted zone, and
 * Route 53 changes "generally propagate to all Route 53 name servers within 60 seconds"
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-editing.html);
 * an HTTP namespace or an API-only instance touches no DNS and completes in seconds. A custom
 * health status is applied "approximately 30 seconds" after UpdateInstanceCustomHealthStatus
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_HealthCheckCustomConfig.html), and a
 * Route 53 health checker checks every 30 seconds.
 */
final class OperationTimings {
    /** SUBMITTED until Cloud Map starts the work. */
    static final Duration PENDING_AFTER = Duration.ofSeconds(1);
    static final Duration HTTP_NAMESPACE = Duration.ofSeconds(5);
    static final Duration DNS_NAMESPACE = Duration.ofSeconds(40);
    static final Duration UPDATE_DNS_NAMESPACE = Duration.ofSeconds(30);
    static final Duration UPDATE_SERVICE = Duration.ofSeconds(10);
    static final Duration HTTP_INSTANCE = Duration.ofSeconds(3);
    static final Duration DNS_INSTANCE = Duration.ofSeconds(20);
    static final Duration CUSTOM_HEALTH_DELAY = Duration.ofSeconds(30);
    static final Duration ROUTE53_CHECK_INTERVAL = Duration.ofSeconds(30);

    private OperationTimings() {
    }

    static Duration createOrDeleteNamespace(NamespaceType type) {
        return type == NamespaceType.HTTP ? HTTP_NAMESPACE : DNS_NAMESPACE;
    }

    static Duration updateNamespace(NamespaceType type) {
        return type == NamespaceType.HTTP ? HTTP_NAMESPACE : UPDATE_DNS_NAMESPACE;
    }

    static Duration instanceChange(boolean createsDnsRecords) {
        return createsDnsRecords ? DNS_INSTANCE : HTTP_INSTANCE;
    }
}
