package dev.ecslabs.emulator.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.protocol.AwsService;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresResponse;

/**
 * What the AWS Query endpoint answers to forms no SDK would send: the protocol's common errors
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/CommonErrors.html) as
 * well-formed {@code <ErrorResponse>} XML with the request id, a 4xx every time, the handler never reached.
 */
@EmulatorTest
class QueryBadInputTest {
    static Emulator emulator;
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final String ELB = "elasticloadbalancing";

    @BeforeAll
    static void standIn() {
        emulator.operations().add(AwsService.ELB_V2, "DescribeTrustStores", DescribeTrustStoresRequest::builder,
                (context, request) -> {
                    CALLS.incrementAndGet();
                    return DescribeTrustStoresResponse.builder().build();
                });
    }

    private RawQuery.Answer post(String signingName, String form) {
        return new RawQuery(emulator).post(signingName, form);
    }

    private static void refused(RawQuery.Answer answer, int status, String code, String... words) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
        assertThat(answer.text("Type")).isEqualTo("Sender");
        assertThat(answer.text("Message")).contains(words);
        assertThat(answer.text("RequestId")).isEqualTo(answer.requestId()).isNotBlank();
        assertThat(answer.contentType()).startsWith("text/xml");
        assertThat(answer.xml().getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
    }

    @Test
    @DisplayName("A well-formed form reaches its handler, and the answer is <DescribeTrustStoresResponse> in the model's namespace")
    void wellFormed() {
        int before = CALLS.get();
        RawQuery.Answer answer = post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Names.member.1=a&PageSize=5");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.xml().getDocumentElement().getLocalName()).isEqualTo("DescribeTrustStoresResponse");
        assertThat(answer.xml().getDocumentElement().getNamespaceURI())
                .isEqualTo("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");
        assertThat(answer.text("DescribeTrustStoresResult")).isNotNull();
        assertThat(answer.text("RequestId")).isEqualTo(answer.requestId());
        assertThat(CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("No Action is MissingAction; an action the model lacks is InvalidAction; no or another Version is refused")
    void actionAndVersion() {
        refused(post(ELB, "Version=2015-12-01"), 400, "MissingAction", "Action=<name>&Version=2015-12-01");
        refused(post(ELB, "Action=DescribeEverything&Version=2015-12-01"), 400, "InvalidAction", "DescribeEverything");
        refused(post(ELB, "Action=DescribeTrustStores"), 400, "MissingParameter", "Version", "2015-12-01");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2012-06-01"), 400, "InvalidParameterValue", "2012-06-01", "2015-12-01");
    }

    @Test
    @DisplayName("The service comes from the SigV4 scope: unsigned is 403 MissingAuthenticationToken, a Query API not served is InvalidAction")
    void serviceFromSignature() {
        RawQuery.Answer unsigned = post(null, "Action=DescribeTrustStores&Version=2015-12-01");
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.code()).isEqualTo("MissingAuthenticationToken");
        assertThat(unsigned.text("Message")).contains("Credential=");
        refused(post("sdb", "Action=ListDomains&Version=2009-04-15"), 400, "InvalidAction", "'sdb'", ELB);
    }

    @Test
    @DisplayName("A form that cannot be read (bad percent escape, not UTF-8, a name twice, an empty name part) is 404 MalformedQueryString")
    void malformedForms() {
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Marker=%G1"), 404, "MalformedQueryString", "percent escape");
        refused(new RawQuery(emulator).post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Marker=%C0%AF".getBytes(StandardCharsets.US_ASCII)),
                404, "MalformedQueryString", "UTF-8");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Marker=a&Marker=b"), 404, "MalformedQueryString", "twice");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Names..1=a"), 404, "MalformedQueryString", "Names..1");
    }

    @Test
    @DisplayName("Values of the wrong kind are 400 ValidationError naming the parameter: a word for a number, element 0 of a list")
    void wrongValues() {
        int before = CALLS.get();
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&PageSize=ten"), 400, "ValidationError", "'ten'", "PageSize");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&PageSize=99999999999"), 400, "ValidationError", "PageSize");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Names.member.0=a"), 400, "ValidationError",
                "Names.member.0", "numbered from 1");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&Names.1=a"), 400, "ValidationError", "Names.member.1");
        refused(post(ELB, "Action=DescribeTrustStores&Version=2015-12-01&PageSize=0"), 400, "ValidationError",
                "at 'PageSize' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    @DisplayName("A body past 1 MiB is refused with 413 before it is parsed, and too many parameters with MalformedQueryString")
    void bounded() {
        String big = "Action=DescribeTrustStores&Version=2015-12-01&Marker=" + "a".repeat(1024 * 1024);
        refused(post(ELB, big), 413, "ValidationError", "1024 KiB");
        StringBuilder many = new StringBuilder("Action=DescribeTrustStores&Version=2015-12-01");
        for (int i = 0; i < QueryForm.MAX_PARAMETERS; i++) {
            many.append("&x").append(i).append("=1");
        }
        refused(post(ELB, many.toString()), 404, "MalformedQueryString", "more than " + QueryForm.MAX_PARAMETERS);
    }
}
