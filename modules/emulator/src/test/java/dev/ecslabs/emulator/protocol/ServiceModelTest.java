package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.protocol.query.QueryErrors;

import org.junit.jupiter.api.DisplayName;
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
}
