package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;

/**
 * The Cloud Map namespace Service Connect uses, named by name or ARN; "The type of namespace
 * doesn't affect Service Connect", and one still being created (a cluster's new default) counts
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectConfiguration.html).
 */
public record ConnectNamespace(String arn, String id, String name) {

    static Optional<ConnectNamespace> find(AccountRegion region, String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return Optional.empty();
        }
        return CloudMap.of(region).namespace(nameOrArn).map(ConnectNamespace::of);
    }

    /** The namespace, or ECS's NamespaceNotFoundException saying how to get one. */
    static ConnectNamespace require(AccountRegion region, String nameOrArn) {
        return find(region, nameOrArn).orElseThrow(() -> new AwsException("NamespaceNotFoundException",
                "The Cloud Map namespace '" + nameOrArn + "' was not found in this account and Region. Create it in Cloud "
                        + "Map (an HTTP namespace is all Service Connect needs), or give the cluster a default namespace "
                        + "(serviceConnectDefaults), which ECS creates for you."));
    }

    private static ConnectNamespace of(Namespace namespace) {
        return new ConnectNamespace(namespace.arn(), namespace.id(), namespace.name());
    }
}
