package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceAttributesRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceAttributesResponse;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceAttributesRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceAttributesResponse;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAttributes;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceAttributesRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceAttributesResponse;

/**
 * Service-level attributes: GetServiceAttributes, UpdateServiceAttributes (adds or overwrites,
 * "a total of 30 attributes") and DeleteServiceAttributes
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_UpdateServiceAttributes.html).
 */
final class ServiceAttributeActions implements ActionGroup {
    static final int MAX_ATTRIBUTES = 30;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "GetServiceAttributes", GetServiceAttributesRequest::builder, this::getServiceAttributes)
                .add(AwsService.CLOUD_MAP, "UpdateServiceAttributes", UpdateServiceAttributesRequest::builder, this::updateServiceAttributes)
                .add(AwsService.CLOUD_MAP, "DeleteServiceAttributes", DeleteServiceAttributesRequest::builder, this::deleteServiceAttributes);
    }

    GetServiceAttributesResponse getServiceAttributes(RequestContext context, GetServiceAttributesRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        return GetServiceAttributesResponse.builder().serviceAttributes(ServiceAttributes.builder()
                .serviceArn(service.arn()).resourceOwner(context.accountId()).attributes(service.attributes()).build()).build();
    }

    UpdateServiceAttributesResponse updateServiceAttributes(RequestContext context, UpdateServiceAttributesRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        Map<String, String> merged = new LinkedHashMap<>(service.attributes());
        merged.putAll(request.attributes());
        if (merged.size() > MAX_ATTRIBUTES) {
            throw new AwsException("ServiceAttributesLimitExceededException", "A service can have at most "
                    + MAX_ATTRIBUTES + " attributes; this update would give it " + merged.size() + ".");
        }
        service.attributes().clear();
        service.attributes().putAll(merged);
        return UpdateServiceAttributesResponse.builder().build();
    }

    DeleteServiceAttributesResponse deleteServiceAttributes(RequestContext context, DeleteServiceAttributesRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        request.attributes().forEach(service.attributes()::remove);
        return DeleteServiceAttributesResponse.builder().build();
    }
}
