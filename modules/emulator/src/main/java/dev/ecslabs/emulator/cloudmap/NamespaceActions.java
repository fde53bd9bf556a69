package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.CreatePublicDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePublicDnsNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.DeleteNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeleteNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.GetNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesResponse;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilter;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.UpdateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateHttpNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePrivateDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePrivateDnsNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePublicDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePublicDnsNamespaceResponse;

/** Cloud Map's namespace actions: the three Create*Namespace, GetNamespace, ListNamespaces, DeleteNamespace and the three Update*Namespace. */
final class NamespaceActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "CreateHttpNamespace", CreateHttpNamespaceRequest::builder, this::createHttpNamespace)
                .add(AwsService.CLOUD_MAP, "CreatePrivateDnsNamespace", CreatePrivateDnsNamespaceRequest::builder, this::createPrivateDnsNamespace)
                .add(AwsService.CLOUD_MAP, "CreatePublicDnsNamespace", CreatePublicDnsNamespaceRequest::builder, this::createPublicDnsNamespace)
                .add(AwsService.CLOUD_MAP, "GetNamespace", GetNamespaceRequest::builder, this::getNamespace)
                .add(AwsService.CLOUD_MAP, "ListNamespaces", ListNamespacesRequest::builder, this::listNamespaces)
                .add(AwsService.CLOUD_MAP, "DeleteNamespace", DeleteNamespaceRequest::builder, this::deleteNamespace)
                .add(AwsService.CLOUD_MAP, "UpdateHttpNamespace", UpdateHttpNamespaceRequest::builder, this::updateHttpNamespace)
                .add(AwsService.CLOUD_MAP, "UpdatePrivateDnsNamespace", UpdatePrivateDnsNamespaceRequest::builder, this::updatePrivateDnsNamespace)
                .add(AwsService.CLOUD_MAP, "UpdatePublicDnsNamespace", UpdatePublicDnsNamespaceRequest::builder, this::updatePublicDnsNamespace);
    }

    CreateHttpNamespaceResponse createHttpNamespace(RequestContext context, CreateHttpNamespaceRequest request) {
        OperationRecord operation = Namespaces.of(context.state()).create(new Namespaces.Spec(request.name(),
                NamespaceType.HTTP, null, request.description(), request.creatorRequestId(), null, request.tags()));
        return CreateHttpNamespaceResponse.builder().operationId(operation.id()).build();
    }

    CreatePrivateDnsNamespaceResponse createPrivateDnsNamespace(RequestContext context, CreatePrivateDnsNamespaceRequest request) {
        Long soaTtl = request.properties() == null ? null : request.properties().dnsProperties().soa().ttl();
        OperationRecord operation = Namespaces.of(context.state()).create(new Namespaces.Spec(request.name(),
                NamespaceType.DNS_PRIVATE, request.vpc(), request.description(), request.creatorRequestId(), soaTtl,
                request.tags()));
        return CreatePrivateDnsNamespaceResponse.builder().operationId(operation.id()).build();
    }

    CreatePublicDnsNamespaceResponse createPublicDnsNamespace(RequestContext context, CreatePublicDnsNamespaceRequest request) {
        Long soaTtl = request.properties() == null ? null : request.properties().dnsProperties().soa().ttl();
        OperationRecord operation = Namespaces.of(context.state()).create(new Namespaces.Spec(request.name(),
                NamespaceType.DNS_PUBLIC, null, request.description(), request.creatorRequestId(), soaTtl, request.tags()));
        return CreatePublicDnsNamespaceResponse.builder().operationId(operation.id()).build();
    }

    GetNamespaceResponse getNamespace(RequestContext context, GetNamespaceRequest request) {
        Namespaces namespaces = Namespaces.of(context.state());
        NamespaceRecord namespace = namespaces.require(request.id());
        return GetNamespaceResponse.builder().namespace(namespace.toNamespace(namespaces.serviceCount(namespace))).build();
    }

    /** "Cloud Map gets MaxResults namespaces and then filters them": a page may hold fewer matches, even none. */
    ListNamespacesResponse listNamespaces(RequestContext context, ListNamespacesRequest request) {
        Namespaces namespaces = Namespaces.of(context.state());
        Predicate<NamespaceRecord> filter = filter(context, request.filters());
        Pages.Page<NamespaceRecord> page = Pages.page(namespaces.visible(), NamespaceRecord::sortKey, request.nextToken(),
                request.maxResults(), 100, 100, "InvalidInput");
        return ListNamespacesResponse.builder()
                .namespaces(page.items().stream().filter(filter).map(ns -> ns.toSummary(namespaces.serviceCount(ns))).toList())
                .nextToken(page.nextToken()).build();
    }

    DeleteNamespaceResponse deleteNamespace(RequestContext context, DeleteNamespaceRequest request) {
        return DeleteNamespaceResponse.builder().operationId(Namespaces.of(context.state()).delete(request.id()).id()).build();
    }

    UpdateHttpNamespaceResponse updateHttpNamespace(RequestContext context, UpdateHttpNamespaceRequest request) {
        OperationRecord operation = Namespaces.of(context.state()).update(request.id(), NamespaceType.HTTP,
                request.updaterRequestId(), request.namespace().description(), null);
        return UpdateHttpNamespaceResponse.builder().operationId(operation.id()).build();
    }

    UpdatePrivateDnsNamespaceResponse updatePrivateDnsNamespace(RequestContext context, UpdatePrivateDnsNamespaceRequest request) {
        var change = request.namespace();
        Long soaTtl = change.properties() == null ? null : change.properties().dnsProperties().soa().ttl();
        OperationRecord operation = Namespaces.of(context.state()).update(request.id(), NamespaceType.DNS_PRIVATE,
                request.updaterRequestId(), change.description(), soaTtl);
        return UpdatePrivateDnsNamespaceResponse.builder().operationId(operation.id()).build();
    }

    UpdatePublicDnsNamespaceResponse updatePublicDnsNamespace(RequestContext context, UpdatePublicDnsNamespaceRequest request) {
        var change = request.namespace();
        Long soaTtl = change.properties() == null ? null : change.properties().dnsProperties().soa().ttl();
        OperationRecord operation = Namespaces.of(context.state()).update(request.id(), NamespaceType.DNS_PUBLIC,
                request.updaterRequestId(), change.description(), soaTtl);
        return UpdatePublicDnsNamespaceResponse.builder().operationId(operation.id()).build();
    }

    /** TYPE, NAME and HTTP_NAME take EQ or BEGINS_WITH; RESOURCE_OWNER takes EQ with SELF or OTHER_ACCOUNTS. */
    private static Predicate<NamespaceRecord> filter(RequestContext context, List<NamespaceFilter> filters) {
        List<Predicate<NamespaceRecord>> all = new ArrayList<>();
        for (NamespaceFilter filter : filters) {
            NamespaceFilterName name = filter.name();
            List<String> values = filter.values();
            Set<FilterCondition> allowed = name == NamespaceFilterName.RESOURCE_OWNER ? Set.of(FilterCondition.EQ)
                    : Set.of(FilterCondition.EQ, FilterCondition.BEGINS_WITH);
            FilterCondition condition = ListFilters.condition(filter.nameAsString(), filter.condition(), values, allowed);
            switch (name) {
                case TYPE -> all.add(ns -> ListFilters.matches(ns.type().toString(), condition, values));
                case NAME -> all.add(ns -> ListFilters.matches(ns.name(), condition, values));
                case HTTP_NAME -> all.add(ns -> ListFilters.matches(ns.httpName(), condition, values));
                case RESOURCE_OWNER -> all.add(resourceOwner(values.get(0)));
                default -> throw CloudMapErrors.invalidInput("Unknown namespace filter " + filter.nameAsString() + ".");
            }
        }
        return ns -> all.stream().allMatch(p -> p.test(ns));
    }

    /** Namespaces shared by other accounts do not exist in the emulator: SELF is every namespace, OTHER_ACCOUNTS none. */
    static <T> Predicate<T> resourceOwner(String value) {
        return switch (value) {
            case "SELF" -> any -> true;
            case "OTHER_ACCOUNTS" -> any -> false;
            default -> throw CloudMapErrors.invalidInput("The RESOURCE_OWNER filter takes SELF or OTHER_ACCOUNTS, not '"
                    + value + "'.");
        };
    }
}
