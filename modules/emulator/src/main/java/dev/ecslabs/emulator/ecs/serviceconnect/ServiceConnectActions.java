package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ListServicesByNamespaceRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesByNamespaceResponse;

/**
 * ListServicesByNamespace: the ACTIVE services of every cluster whose Service Connect
 * configuration puts them in the namespace, client-only ones too, by ARN, 10 a page unless
 * maxResults (1 to 100) says otherwise
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListServicesByNamespace.html).
 */
public final class ServiceConnectActions implements ActionGroup {
    static final int DEFAULT_RESULTS = 10;
    static final int MAX_RESULTS = 100;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "ListServicesByNamespace", ListServicesByNamespaceRequest::builder, this::listServicesByNamespace);
    }

    ListServicesByNamespaceResponse listServicesByNamespace(RequestContext context, ListServicesByNamespaceRequest request) {
        ConnectNamespace namespace = ConnectNamespace.require(context.state(), request.namespace());
        List<String> arns = NamespaceMembers.in(context.state(), namespace.arn()).stream()
                .filter(member -> member.primary() && member.active())
                .map(NamespaceMembers.Member::serviceArn).distinct().sorted().toList();
        Pages.Page<String> page = Pages.page(arns, arn -> arn, request.nextToken(), request.maxResults(), DEFAULT_RESULTS,
                MAX_RESULTS, "InvalidParameterException");
        return ListServicesByNamespaceResponse.builder().serviceArns(page.items()).nextToken(page.nextToken()).build();
    }
}
