package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRevisionRequest;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRevisionResponse;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;

/**
 * DiscoverInstances and DiscoverInstancesRevision, Cloud Map's data plane. The SDK sends them to
 * the {@code data-} host prefix; they arrive on the emulator's one port whatever the Host header
 * says (see the emulator's README for what a client needs).
 */
final class DiscoveryActions implements ActionGroup {
    static final int DEFAULT_MAX_RESULTS = 100;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "DiscoverInstances", DiscoverInstancesRequest::builder, this::discoverInstances)
                .add(AwsService.CLOUD_MAP, "DiscoverInstancesRevision", DiscoverInstancesRevisionRequest::builder, this::discoverInstancesRevision);
    }

    DiscoverInstancesResponse discoverInstances(RequestContext context, DiscoverInstancesRequest request) {
        NamespaceRecord namespace = namespace(context, request.namespaceName(), request.ownerAccount());
        CloudMapServiceRecord service = service(context, namespace, request.serviceName());
        int max = request.maxResults() == null ? DEFAULT_MAX_RESULTS : request.maxResults();
        List<HttpInstanceSummary> instances = Discovery.discover(service, request.queryParameters(),
                        request.optionalParameters(), request.healthStatus(), max).stream()
                .map(instance -> HttpInstanceSummary.builder().instanceId(instance.id()).namespaceName(namespace.httpName())
                        .serviceName(service.name()).healthStatus(instance.health()).attributes(instance.attributes()).build())
                .toList();
        return DiscoverInstancesResponse.builder().instances(instances).instancesRevision(service.revision()).build();
    }

    DiscoverInstancesRevisionResponse discoverInstancesRevision(RequestContext context,
                                                                DiscoverInstancesRevisionRequest request) {
        NamespaceRecord namespace = namespace(context, request.namespaceName(), request.ownerAccount());
        CloudMapServiceRecord service = service(context, namespace, request.serviceName());
        return DiscoverInstancesRevisionResponse.builder().instancesRevision(service.revision()).build();
    }

    private static NamespaceRecord namespace(RequestContext context, String httpName, String ownerAccount) {
        if (ownerAccount != null && !ownerAccount.equals(context.accountId())) {
            throw new AwsException("NamespaceNotFound", "Account " + ownerAccount
                    + " has shared no namespace with account " + context.accountId() + " in this emulator.");
        }
        return Namespaces.of(context.state()).byHttpName(httpName).orElseThrow(() ->
                new AwsException("NamespaceNotFound", "No namespace has the HttpName '"
                        + httpName + "'. DiscoverInstances takes the namespace's HttpName (Properties.HttpProperties."
                        + "HttpName, usually its name), and finds it only once its creation has succeeded."));
    }

    private static CloudMapServiceRecord service(RequestContext context, NamespaceRecord namespace, String serviceName) {
        return CloudMapServices.of(context.state()).byName(namespace, serviceName).orElseThrow(() ->
                new AwsException("ServiceNotFound", "Namespace " + namespace.httpName()
                        + " has no service named '" + serviceName + "'."));
    }
}
