package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListOperationsRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListOperationsResponse;
import software.amazon.awssdk.services.servicediscovery.model.OperationFilter;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * GetOperation and ListOperations (https://docs.aws.amazon.com/cloud-map/latest/api/API_ListOperations.html):
 * how a program learns that an asynchronous change has happened.
 */
final class OperationActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "GetOperation", GetOperationRequest::builder, this::getOperation)
                .add(AwsService.CLOUD_MAP, "ListOperations", ListOperationsRequest::builder, this::listOperations);
    }

    GetOperationResponse getOperation(RequestContext context, GetOperationRequest request) {
        OperationRecord operation = Operations.of(context.state()).find(request.operationId())
                .orElseThrow(() -> CloudMapErrors.operationNotFound(request.operationId()));
        return GetOperationResponse.builder().operation(operation.toOperation()).build();
    }

    /** Like ListNamespaces, a page is taken first and filtered after. */
    ListOperationsResponse listOperations(RequestContext context, ListOperationsRequest request) {
        Predicate<OperationRecord> filter = filter(request.filters());
        Pages.Page<OperationRecord> page = Pages.page(Operations.of(context.state()).all(), OperationRecord::sortKey,
                request.nextToken(), request.maxResults(), 100, 100, "InvalidInput");
        return ListOperationsResponse.builder()
                .operations(page.items().stream().filter(filter).map(OperationRecord::toSummary).toList())
                .nextToken(page.nextToken()).build();
    }

    private static Predicate<OperationRecord> filter(List<OperationFilter> filters) {
        List<Predicate<OperationRecord>> all = new ArrayList<>();
        for (OperationFilter filter : filters) {
            List<String> values = filter.values();
            String name = filter.nameAsString();
            switch (filter.name()) {
                case NAMESPACE_ID -> {
                    ListFilters.condition(name, filter.condition(), values, Set.of(FilterCondition.EQ));
                    all.add(op -> values.get(0).equals(op.target(OperationTargetType.NAMESPACE)));
                }
                case SERVICE_ID -> {
                    ListFilters.condition(name, filter.condition(), values, Set.of(FilterCondition.EQ));
                    all.add(op -> values.get(0).equals(op.target(OperationTargetType.SERVICE)));
                }
                case STATUS -> {
                    ListFilters.condition(name, filter.condition(), values, Set.of(FilterCondition.EQ, FilterCondition.IN));
                    List<OperationStatus> statuses = values.stream().map(OperationActions::status).toList();
                    all.add(op -> statuses.contains(op.status()));
                }
                case TYPE -> {
                    ListFilters.condition(name, filter.condition(), values, Set.of(FilterCondition.EQ, FilterCondition.IN));
                    List<OperationType> types = values.stream().map(OperationActions::type).toList();
                    all.add(op -> types.contains(op.type()));
                }
                case UPDATE_DATE -> all.add(updatedBetween(filter));
                default -> throw CloudMapErrors.invalidInput("Unknown operation filter " + name + ".");
            }
        }
        return op -> all.stream().allMatch(p -> p.test(op));
    }

    /** UPDATE_DATE takes BETWEEN with a start and an end date in Unix time, the start first. */
    private static Predicate<OperationRecord> updatedBetween(OperationFilter filter) {
        if (filter.condition() != FilterCondition.BETWEEN || filter.values().size() != 2) {
            throw CloudMapErrors.invalidInput("The UPDATE_DATE filter takes the BETWEEN condition with two values: a "
                    + "start and an end date in Unix time (seconds), the start first.");
        }
        Instant start = epochSeconds(filter.values().get(0));
        Instant end = epochSeconds(filter.values().get(1));
        return op -> !op.updateDate().isBefore(start) && !op.updateDate().isAfter(end);
    }

    private static Instant epochSeconds(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw CloudMapErrors.invalidInput("'" + value + "' is not a date in Unix time (seconds since 1970), such as 1516925490.087.");
        }
    }

    /** The API reference names SUCCESS also as SUCCEED in the filter's description; both are taken. */
    private static OperationStatus status(String value) {
        OperationStatus status = OperationStatus.fromValue("SUCCEED".equals(value) ? "SUCCESS" : value);
        if (status == OperationStatus.UNKNOWN_TO_SDK_VERSION) {
            throw CloudMapErrors.invalidInput("The STATUS filter takes SUBMITTED, PENDING, SUCCESS or FAIL, not '" + value + "'.");
        }
        return status;
    }

    private static OperationType type(String value) {
        OperationType type = OperationType.fromValue(value);
        if (type == OperationType.UNKNOWN_TO_SDK_VERSION) {
            throw CloudMapErrors.invalidInput("The TYPE filter takes " + OperationType.knownValues() + ", not '" + value + "'.");
        }
        return type;
    }
}
