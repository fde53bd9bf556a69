package dev.ecslabs.emulator.ecs.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * A service's service deployments, as ListServiceDeployments and DescribeServiceDeployments
 * show them: one for CreateService and one for each UpdateService that starts a deployment, from
 * IN_PROGRESS to SUCCESSFUL, or to STOPPED when a newer one replaces it or it fails without
 * rollback, or through ROLLBACK_IN_PROGRESS to ROLLBACK_SUCCESSFUL when the circuit breaker
 * rolls it back (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html).
 */
final class ServiceDeploymentHistory {
    private final Map<String, ServiceDeployment> byArn = new LinkedHashMap<>();

    void add(ServiceDeployment deployment) {
        byArn.put(deployment.serviceDeploymentArn(), deployment);
    }

    Optional<ServiceDeployment> find(String arn) {
        return Optional.ofNullable(arn == null ? null : byArn.get(arn));
    }

    /** Every service deployment, newest first. */
    List<ServiceDeployment> newestFirst() {
        List<ServiceDeployment> all = new ArrayList<>(byArn.values());
        Collections.reverse(all);
        return all;
    }

    void update(String arn, UnaryOperator<ServiceDeployment.Builder> change) {
        ServiceDeployment current = byArn.get(arn);
        if (current != null) {
            byArn.put(arn, change.apply(current.toBuilder()).build());
        }
    }

    /** A service deployment still rolling out (or rolling back) is STOPPED, for {@code reason}. */
    void stop(String arn, String reason, Instant at) {
        find(arn).filter(ServiceDeploymentHistory::inProgress).ifPresent(d -> update(arn, b -> b
                .status(ServiceDeploymentStatus.STOPPED).statusReason(reason).stoppedAt(at).updatedAt(at)));
    }

    static boolean inProgress(ServiceDeployment deployment) {
        return deployment.status() == ServiceDeploymentStatus.IN_PROGRESS
                || deployment.status() == ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS
                || deployment.status() == ServiceDeploymentStatus.PENDING;
    }
}
