package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.protocol.query.QueryErrors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceModelTest {

    @ParameterizedTest
    @EnumSource(AwsService.class)
    @DisplayName("each vendored model is the service's, and declares the error codes the emulator answers with")
    void modelsAreVendored(AwsService service) {
        ServiceModel model = ServiceModel.of(service);

        assertThat(model.operationNames()).isNotEmpty();
        if (service.protocol() == AwsService.Protocol.QUERY) {
            // Query APIs answer these with the protocol's common errors, which no model lists
            assertThat(QueryErrors.COMMON).contains(service.validationErrorCode(), service.malformedRequestErrorCode(),
                    service.notImplementedErrorCode());
        } else {
            assertThat(model.errorCodes()).contains(service.validationErrorCode(), service.malformedRequestErrorCode(),
                    service.notImplementedErrorCode());
        }
    }

    @Test
    @DisplayName("the services that answer AWS Query are the Query ones and CloudWatch, whose model lists query among its protocols")
    void queryServices() {
        assertThat(ServiceModel.of(AwsService.CLOUDWATCH).speaks("query")).isTrue();
        assertThat(ServiceModel.of(AwsService.CLOUDWATCH).speaks("smithy-rpc-v2-cbor")).isTrue();
        assertThat(ServiceModel.of(AwsService.ECS).speaks("query")).isFalse();
        assertThat(ServiceModel.of(AwsService.ELB_V2).speaks("query")).isTrue();
        assertThat(AwsService.querySigningNames())
                .containsExactlyInAnyOrder("elasticloadbalancing", "iam", "sts", "autoscaling", "monitoring");
        assertThat(AwsService.querySigningName("monitoring")).hasValue(AwsService.CLOUDWATCH);
        assertThat(AwsService.querySigningName("ecs")).isEmpty();
    }
}
