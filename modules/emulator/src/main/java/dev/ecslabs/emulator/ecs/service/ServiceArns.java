package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names ECS gives a service and what hangs off it, in AWS's formats: the service ARN
 * {@code …:service/<cluster>/<name>}, deployment ids {@code ecs-svc/<19 digits>}, service
 * deployment ARNs {@code …:service-deployment/<cluster>/<service>/<id>} and service revision ARNs
 * {@code …:service-revision/<cluster>/<service>/<number>}.
 */
final class ServiceArns {
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private ServiceArns() {
    }

    static String service(AccountRegion region, String clusterName, String serviceName) {
        return Arns.of("ecs", region.region(), region.accountId(), "service/" + clusterName + "/" + serviceName);
    }

    static String newDeploymentId() {
        return "ecs-svc/" + digits(19);
    }

    static String newServiceDeployment(AccountRegion region, String clusterName, String serviceName) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            id.append(ID_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(ID_CHARACTERS.length())));
        }
        return Arns.of("ecs", region.region(), region.accountId(),
                "service-deployment/" + clusterName + "/" + serviceName + "/" + id);
    }

    static String newServiceRevision(AccountRegion region, String clusterName, String serviceName) {
        return Arns.of("ecs", region.region(), region.accountId(),
                "service-revision/" + clusterName + "/" + serviceName + "/" + digits(19));
    }

    /**
     * The cluster and service a service ARN of this account and region names, or the service
     * name alone for a plain name; empty for an ARN of something else or of another account.
     */
    static Optional<ServiceName> parse(AccountRegion region, String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return Optional.empty();
        }
        if (!Arns.looksLikeArn(nameOrArn)) {
            return Optional.of(new ServiceName(null, nameOrArn));
        }
        return Arns.parse(nameOrArn)
                .filter(arn -> arn.service().equals("ecs") && arn.resource().startsWith("service/"))
                .filter(arn -> arn.accountId().equals(region.accountId()) && arn.region().equals(region.region()))
                .flatMap(arn -> {
                    String[] parts = arn.resource().split("/");
                    // the old ARN format, service/<name>, names no cluster
                    return parts.length == 3 ? Optional.of(new ServiceName(parts[1], parts[2]))
                            : parts.length == 2 ? Optional.of(new ServiceName(null, parts[1])) : Optional.empty();
                });
    }

    /** A service named by a request: its cluster's name when an ARN gave one, and its name. */
    record ServiceName(String clusterName, String serviceName) {
    }

    /** The cluster and service parts of a service deployment or service revision ARN of this account and region. */
    static Optional<ServiceName> ownerOf(AccountRegion region, String arnText, String resourceType) {
        return Arns.parse(arnText)
                .filter(arn -> arn.service().equals("ecs") && arn.resource().startsWith(resourceType + "/"))
                .filter(arn -> arn.accountId().equals(region.accountId()) && arn.region().equals(region.region()))
                .map(arn -> arn.resource().split("/"))
                .filter(parts -> parts.length == 4)
                .map(parts -> new ServiceName(parts[1], parts[2]));
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        digits.append(1 + ThreadLocalRandom.current().nextInt(9));
        for (int i = 1; i < count; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }
}
