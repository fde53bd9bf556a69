package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.DeregisterInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeregisterInstanceResponse;
import software.amazon.awssdk.services.servicediscovery.model.GetInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetInstanceResponse;
import software.amazon.awssdk.services.servicediscovery.model.GetInstancesHealthStatusRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetInstancesHealthStatusResponse;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusResponse;

/**
 * Cloud Map's instance actions: RegisterInstance, DeregisterInstance, GetInstance, ListInstances,
 * GetInstancesHealthStatus and UpdateInstanceCustomHealthStatus.
 */
final class InstanceActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUD_MAP, "RegisterInstance", RegisterInstanceRequest::builder, this::registerInstance)
                .add(AwsService.CLOUD_MAP, "DeregisterInstance", DeregisterInstanceRequest::builder, this::deregisterInstance)
                .add(AwsService.CLOUD_MAP, "GetInstance", GetInstanceRequest::builder, this::getInstance)
                .add(AwsService.CLOUD_MAP, "ListInstances", ListInstancesRequest::builder, this::listInstances)
                .add(AwsService.CLOUD_MAP, "GetInstancesHealthStatus", GetInstancesHealthStatusRequest::builder, this::getInstancesHealthStatus)
                .add(AwsService.CLOUD_MAP, "UpdateInstanceCustomHealthStatus", UpdateInstanceCustomHealthStatusRequest::builder, this::updateInstanceCustomHealthStatus);
    }

    RegisterInstanceResponse registerInstance(RequestContext context, RegisterInstanceRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        OperationRecord operation = Instances.of(context.state()).register(service, request.instanceId(),
                request.creatorRequestId(), request.attributes());
        return RegisterInstanceResponse.builder().operationId(operation.id()).build();
    }

    DeregisterInstanceResponse deregisterInstance(RequestContext context, DeregisterInstanceRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        OperationRecord operation = Instances.of(context.state()).deregister(service, request.instanceId());
        return DeregisterInstanceResponse.builder().operationId(operation.id()).build();
    }

    GetInstanceResponse getInstance(RequestContext context, GetInstanceRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        InstanceRecord instance = service.instance(request.instanceId())
                .orElseThrow(() -> CloudMapErrors.instanceNotFound(request.instanceId(), service.id()));
        return GetInstanceResponse.builder().resourceOwner(context.accountId()).instance(instance.toInstance()).build();
    }

    ListInstancesResponse listInstances(RequestContext context, ListInstancesRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        Pages.Page<InstanceRecord> page = Pages.page(service.instanceList(), InstanceRecord::id, request.nextToken(),
                request.maxResults(), 100, 100, "InvalidInput");
        return ListInstancesResponse.builder().resourceOwner(context.accountId())
                .instances(page.items().stream().map(InstanceRecord::toSummary).toList())
                .nextToken(page.nextToken()).build();
    }

    /** "There's a brief delay between when you register an instance and when the health status for the instance is available." */
    GetInstancesHealthStatusResponse getInstancesHealthStatus(RequestContext context, GetInstancesHealthStatusRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        List<InstanceRecord> instances = service.instanceList();
        if (!request.instances().isEmpty()) {
            instances = request.instances().stream().distinct().sorted()
                    .map(id -> service.instance(id).orElseThrow(() -> CloudMapErrors.instanceNotFound(id, service.id())))
                    .toList();
        }
        Pages.Page<InstanceRecord> page = Pages.page(instances, InstanceRecord::id, request.nextToken(),
                request.maxResults(), 100, 100, "InvalidInput");
        Map<String, HealthStatus> status = new LinkedHashMap<>();
        page.items().forEach(instance -> status.put(instance.id(), instance.health()));
        return GetInstancesHealthStatusResponse.builder().status(status).nextToken(page.nextToken()).build();
    }

    UpdateInstanceCustomHealthStatusResponse updateInstanceCustomHealthStatus(RequestContext context,
                                                                              UpdateInstanceCustomHealthStatusRequest request) {
        CloudMapServiceRecord service = CloudMapServices.of(context.state()).require(request.serviceId());
        InstanceHealth.updateCustom(context.state(), service, request.instanceId(), request.status());
        return UpdateInstanceCustomHealthStatusResponse.builder().build();
    }
}
