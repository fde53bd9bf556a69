package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceResponse;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceResponse;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesResponse;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilter;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceResponse;

/** Cloud Map's service actions: CreateService, GetService, ListServices, UpdateService and DeleteService. */
final class CloudMapServiceActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "CreateService", CreateServiceRequest::builder, this::createService)
                .add(AwsService.CLOUD_MAP, "GetService", GetServiceRequest::builder, this::getService)
                .add(AwsService.CLOUD_MAP, "ListServices", ListServicesRequest::builder, this::listServices)
                .add(AwsService.CLOUD_MAP, "UpdateService", UpdateServiceRequest::builder, this::updateService)
                .add(AwsService.CLOUD_MAP, "DeleteService", DeleteServiceRequest::builder, this::deleteService);
    }

    CreateServiceResponse createService(RequestContext context, CreateServiceRequest request) {
        return CreateServiceResponse.builder().service(CloudMapServices.of(context.state()).create(request).toService()).build();
    }

    GetServiceResponse getService(RequestContext context, GetServiceRequest request) {
        return GetServiceResponse.builder().service(CloudMapServices.of(context.state()).require(request.id()).toService()).build();
    }

    /** Like ListNamespaces, a page is taken first and filtered after. */
    ListServicesResponse listServices(RequestContext context, ListServicesRequest request) {
        Predicate<CloudMapServiceRecord> filter = filter(context, request.filters());
        Pages.Page<CloudMapServiceRecord> page = Pages.page(CloudMapServices.of(context.state()).all().stream()
                .sorted(Comparator.comparing(CloudMapServiceRecord::id)).toList(), CloudMapServiceRecord::id,
                request.nextToken(), request.maxResults(), 100, 100, "InvalidInput");
        return ListServicesResponse.builder()
                .services(page.items().stream().filter(filter).map(CloudMapServiceRecord::toSummary).toList())
                .nextToken(page.nextToken()).build();
    }

    UpdateServiceResponse updateService(RequestContext context, UpdateServiceRequest request) {
        OperationRecord operation = CloudMapServices.of(context.state()).update(request.id(), request.service());
        return UpdateServiceResponse.builder().operationId(operation.id()).build();
    }

    DeleteServiceResponse deleteService(RequestContext context, DeleteServiceRequest request) {
        CloudMapServices.of(context.state()).delete(request.id());
        return DeleteServiceResponse.builder().build();
    }

    /** NAMESPACE_ID takes one namespace id or ARN; RESOURCE_OWNER takes SELF or OTHER_ACCOUNTS; both with EQ only. */
    private static Predicate<CloudMapServiceRecord> filter(RequestContext context, List<ServiceFilter> filters) {
        List<Predicate<CloudMapServiceRecord>> all = new ArrayList<>();
        for (ServiceFilter filter : filters) {
            ListFilters.condition(filter.nameAsString(), filter.condition(), filter.values(), Set.of(FilterCondition.EQ));
            String value = filter.values().get(0);
            switch (filter.name()) {
                case NAMESPACE_ID -> {
                    String namespaceId = CloudMapArns.idOf(context.state(), value, "namespace").orElse("");
                    all.add(service -> service.namespaceId().equals(namespaceId));
                }
                case RESOURCE_OWNER -> all.add(NamespaceActions.resourceOwner(value));
                default -> throw CloudMapErrors.invalidInput("Unknown service filter " + filter.nameAsString() + ".");
            }
        }
        return service -> all.stream().allMatch(p -> p.test(service));
    }
}
