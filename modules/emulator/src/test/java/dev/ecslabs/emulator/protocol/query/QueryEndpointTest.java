package dev.ecslabs.emulator.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CapacityReservationStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyCapacityReservationRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyCapacityReservationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreStatus;

/**
 * The AWS Query protocol through the real SDK client of Elastic Load Balancing v2: what the SDK's
 * Query marshaller writes reaches a handler as the same request object, and what a handler answers
 * reaches the caller as the same response object, errors as the SDK's typed exceptions. The
 * handlers here are stand-ins registered by the test for trust-store and capacity actions (which
 * the emulator does not serve): they record what they were given and answer what they are told.
 */
@EmulatorTest(account = "111111111111")
class QueryEndpointTest {
    static Emulator emulator;
    static ElasticLoadBalancingV2Client elb;

    private static final AtomicReference<Object> RECEIVED = new AtomicReference<>();
    private static final AtomicReference<Object> ANSWER = new AtomicReference<>();

    @BeforeAll
    static void standInHandlers() {
        emulator.operations()
                .add(AwsService.ELB_V2, "CreateTrustStore", CreateTrustStoreRequest::builder,
                        (context, request) -> answer(request, CreateTrustStoreResponse.class))
                .add(AwsService.ELB_V2, "DescribeTrustStores", DescribeTrustStoresRequest::builder,
                        (context, request) -> answer(request, DescribeTrustStoresResponse.class))
                .add(AwsService.ELB_V2, "ModifyCapacityReservation", ModifyCapacityReservationRequest::builder,
                        (context, request) -> answer(request, ModifyCapacityReservationResponse.class))
                .add(AwsService.ELB_V2, "DeleteTrustStore", DeleteTrustStoreRequest::builder,
                        (context, request) -> {
                            RECEIVED.set(request);
                            if (ANSWER.get() instanceof RuntimeException e) {
                                throw e;
                            }
                            return DeleteTrustStoreResponse.builder().build();
                        });
    }

    private static <T> T answer(Object request, Class<T> type) {
        RECEIVED.set(request);
        return type.cast(ANSWER.get());
    }

    @BeforeEach
    void clear() {
        RECEIVED.set(null);
        ANSWER.set(null);
    }

    @Test
    @DisplayName("Strings, a list of structures and the answer's list of structures with whole numbers cross the wire unchanged")
    void structuresAndListsRoundTrip() {
        TrustStore store = TrustStore.builder().name("mtls").trustStoreArn("arn:aws:elasticloadbalancing:us-east-1:111111111111:truststore/mtls/1a2b")
                .status(TrustStoreStatus.ACTIVE).numberOfCaCertificates(3).totalRevokedEntries(12_345_678_901L).build();
        ANSWER.set(CreateTrustStoreResponse.builder().trustStores(store).build());
        CreateTrustStoreRequest sent = CreateTrustStoreRequest.builder().name("mtls")
                .caCertificatesBundleS3Bucket("bucket & <co>").caCertificatesBundleS3Key("ca/bündel.pem")
                .tags(Tag.builder().key("team").value("web=1+2 @a:b/c").build(), Tag.builder().key("empty").build()).build();

        CreateTrustStoreResponse answered = elb.createTrustStore(sent);

        assertThat(RECEIVED.get()).isEqualTo(sent);
        assertThat(answered.trustStores()).containsExactly(store);
        assertThat(answered.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    @DisplayName("An empty list is sent as Names= and reaches the handler as an empty list, an unsent one as absent")
    void emptyAndAbsentLists() {
        ANSWER.set(DescribeTrustStoresResponse.builder().trustStores(List.of()).nextMarker("m2").build());

        DescribeTrustStoresResponse answered = elb.describeTrustStores(r -> r.names(List.of()).pageSize(5).marker("m1"));

        DescribeTrustStoresRequest received = (DescribeTrustStoresRequest) RECEIVED.get();
        assertThat(received.hasNames()).isTrue();
        assertThat(received.names()).isEmpty();
        assertThat(received.hasTrustStoreArns()).isFalse();
        assertThat(received.pageSize()).isEqualTo(5);
        assertThat(received.marker()).isEqualTo("m1");
        assertThat(answered.nextMarker()).isEqualTo("m2");
    }

    @Test
    @DisplayName("Booleans, nested structures, timestamps and doubles cross the wire unchanged")
    void scalarsRoundTrip() {
        Instant modified = Instant.parse("2026-12-03T09:25:17.250Z");
        ModifyCapacityReservationResponse answer = ModifyCapacityReservationResponse.builder()
                .lastModifiedTime(modified).decreaseRequestsRemaining(2)
                .minimumLoadBalancerCapacity(c -> c.capacityUnits(100))
                .capacityReservationState(s -> s.availabilityZone("us-east-1a").effectiveCapacityUnits(99.5)
                        .state(st -> st.code(CapacityReservationStateEnum.PROVISIONED).reason("ok")))
                .build();
        ANSWER.set(answer);
        ModifyCapacityReservationRequest sent = ModifyCapacityReservationRequest.builder()
                .loadBalancerArn("arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1")
                .minimumLoadBalancerCapacity(c -> c.capacityUnits(100)).resetCapacityReservation(false).build();

        ModifyCapacityReservationResponse answered = elb.modifyCapacityReservation(sent);

        assertThat(RECEIVED.get()).isEqualTo(sent);
        assertThat(answered.lastModifiedTime()).isEqualTo(modified);
        assertThat(answered.capacityReservationState()).isEqualTo(answer.capacityReservationState());
        assertThat(answered.minimumLoadBalancerCapacity()).isEqualTo(answer.minimumLoadBalancerCapacity());
        assertThat(answered.decreaseRequestsRemaining()).isEqualTo(2);
    }

    @Test
    @DisplayName("A handler's error shape is sent under the model's wire code (TrustStoreNotFound) and thrown as the SDK's typed exception")
    void typedErrors() {
        ANSWER.set(new AwsException("TrustStoreNotFoundException", "No trust store mtls in this account."));

        assertThatThrownBy(() -> elb.deleteTrustStore(r -> r.trustStoreArn("arn:aws:elasticloadbalancing:us-east-1:111111111111:truststore/mtls/1")))
                .isInstanceOfSatisfying(TrustStoreNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TrustStoreNotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No trust store mtls in this account.");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    @DisplayName("Input that breaks the model (a name past 32 characters, a missing required member) is a 400 ValidationError, "
            + "and the handler never runs")
    void modelValidation() {
        assertThatThrownBy(() -> elb.createTrustStore(r -> r.name("n".repeat(33)).caCertificatesBundleS3Bucket("b")
                .caCertificatesBundleS3Key("k")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value '")
                            .contains("at 'Name' failed to satisfy constraint: Member must have length less than or equal to 32");
                });
        assertThatThrownBy(() -> elb.createTrustStore(r -> r.name("mtls")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("2 validation errors detected: ")
                        .contains("Value null at 'CaCertificatesBundleS3Bucket' failed to satisfy constraint: Member must not be null"));
        assertThat(RECEIVED.get()).isNull();
    }

    @Test
    @DisplayName("An action of the model the emulator does not serve is a 400 InvalidAction that says so, after the model's checks")
    void unservedAction() {
        assertThatThrownBy(() -> elb.getResourcePolicy(r -> r.resourceArn("arn:aws:elasticloadbalancing:us-east-1:111111111111:truststore/x/1")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("GetResourcePolicy is not served by this emulator")
                            .contains("CreateTrustStore");
                });
    }

    @Test
    @DisplayName("A handler that fails is the emulator's fault: 500 InternalFailure with a Receiver type, never a caller's 4xx")
    void emulatorFaults() {
        ANSWER.set(new IllegalStateException("boom"));
        RawQuery.Answer answer = new RawQuery(emulator).post("elasticloadbalancing",
                "Action=DeleteTrustStore&Version=2015-12-01&TrustStoreArn=arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A1%3Atruststore%2Fx%2F1");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.code()).isEqualTo("InternalFailure");
        assertThat(answer.text("Type")).isEqualTo("Receiver");
        assertThat(answer.text("Message")).contains("bug in the emulator").contains("boom");
    }
}
