package dev.ecslabs.emulator.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * EC2's dialect of AWS Query with forms no SDK would send: each refusal is EC2's error shape
 * ({@code <Response><Errors><Error><Code>}, {@code <RequestID>}), a 4xx, with a sentence that says
 * what would be right (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */
@EmulatorTest
class Ec2QueryBadInputTest {
    static Emulator emulator;

    private RawQuery.Answer post(String form) {
        return new RawQuery(emulator).post(Ec2QueryEndpoint.SIGNING_NAME, form);
    }

    private static void refused(RawQuery.Answer answer, int status, String code, String... words) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.xml().getDocumentElement().getLocalName()).isEqualTo("Response");
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
        assertThat(answer.text("Message")).contains(words);
        assertThat(answer.text("RequestID")).isEqualTo(answer.requestId()).isNotBlank();
    }

    @Test
    @DisplayName("A well-formed form is answered <DescribeVpcsResponse> in EC2's namespace, the request id and vpcSet inside")
    void answer() {
        RawQuery.Answer answer = post("Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-*");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.xml().getDocumentElement().getLocalName()).isEqualTo("DescribeVpcsResponse");
        assertThat(answer.xml().getDocumentElement().getNamespaceURI()).isEqualTo("http://ec2.amazonaws.com/doc/2016-11-15/");
        assertThat(answer.text("requestId")).isEqualTo(answer.requestId());
        assertThat(answer.text("vpcId")).isEqualTo("vpc-0ec5c0ffee0000001");
    }

    @Test
    @DisplayName("No Action is MissingAction, no Version MissingParameter, another Version InvalidParameterValue")
    void actionAndVersion() {
        refused(post("Version=2016-11-15"), 400, "MissingAction", "Action=<name>&Version=2016-11-15");
        refused(post("Action=DescribeVpcs"), 400, "MissingParameter", "Version", "2016-11-15");
        refused(post("Action=DescribeVpcs&Version=2014-10-01"), 400, "InvalidParameterValue", "2014-10-01", "2016-11-15");
    }

    @Test
    @DisplayName("A list item not numbered from 1, or a filter without a Name, is InvalidParameterValue that shows the right form")
    void listsAndFilters() {
        refused(post("Action=DescribeSubnets&Version=2016-11-15&SubnetId.first=subnet-0ec5c0ffee000000a"), 400,
                "InvalidParameterValue", "SubnetId.first", "SubnetId.1");
        refused(post("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Value.1=true"), 400,
                "InvalidParameterValue", "Filter.1.Name=vpc-id");
    }

    @Test
    @DisplayName("A form that cannot be read is MalformedQueryString, in EC2's error shape")
    void malformed() {
        refused(post("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=%zz"), 404, "MalformedQueryString", "percent escape");
    }
}
