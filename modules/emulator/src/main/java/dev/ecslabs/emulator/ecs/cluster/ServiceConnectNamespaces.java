package dev.ecslabs.emulator.ecs.cluster;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.RequestContext;

/**
 * Finds, or creates, the Cloud Map namespace that a cluster's {@code serviceConnectDefaults}
 * names, and answers its ARN. "If you enter an existing namespace name or ARN, then that namespace
 * will be used. Any namespace type is supported. ... If you enter a new name, a Cloud Map namespace
 * will be created" of the HTTP type
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterServiceConnectDefaultsRequest.html).
 */
@FunctionalInterface
public interface ServiceConnectNamespaces {

    String namespaceArn(RequestContext context, String nameOrArn);

    /** The emulator's own Cloud Map, in the caller's account and region. */
    ServiceConnectNamespaces CLOUD_MAP = (context, nameOrArn) -> {
        CloudMap cloudMap = CloudMap.of(context.state());
        if (Arns.looksLikeArn(nameOrArn)) {
            return cloudMap.namespace(nameOrArn).orElseThrow(() -> new AwsException("NamespaceNotFoundException",
                    "The Cloud Map namespace " + nameOrArn + " was not found in this account and Region.")).arn();
        }
        try {
            return cloudMap.findOrCreateHttpNamespace(nameOrArn);
        } catch (AwsException e) {
            throw EcsErrors.invalidParameter("serviceConnectDefaults.namespace '" + nameOrArn + "' cannot be used: "
                    + e.getMessage());
        }
    };
}
