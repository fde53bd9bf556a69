package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;

/**
 * DescribeScalingActivities (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingActivities.html):
 * newest first, with AWS's descriptions and causes. Activities the emulator decided not to do are not
 * recorded, so IncludeNotScaledActivities adds nothing.
 */
final class ScalingActivityActions implements ActionGroup {
    @Override
    public void register(OperationTable table) {
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DescribeScalingActivities", DescribeScalingActivitiesRequest::builder,
                this::describeScalingActivities);
    }

    DescribeScalingActivitiesResponse describeScalingActivities(RequestContext context, DescribeScalingActivitiesRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        List<ScalingActivity> all = ScalingActivities.of(context.state()).newestFirst().stream()
                .filter(a -> request.resourceId() == null || a.resourceId().equals(request.resourceId()))
                .filter(a -> request.scalableDimension() == null || a.scalableDimension() == request.scalableDimension())
                .toList();
        List<String> keys = java.util.stream.IntStream.range(0, all.size()).mapToObj(i -> String.format("%08d", i)).toList();
        List<Integer> indexes = java.util.stream.IntStream.range(0, all.size()).boxed().toList();
        Pages.Page<Integer> page = Pages.page(indexes, keys::get, request.nextToken(), request.maxResults(), 50, 50,
                "InvalidNextTokenException");
        return DescribeScalingActivitiesResponse.builder().scalingActivities(page.items().stream().map(all::get).toList())
                .nextToken(page.nextToken()).build();
    }
}
