package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch's wire forms besides the SDK for Java's: the JSON 1.0 form its model also lists (the
 * AWS CLI v2 and other SDKs send it), and what the Smithy RPC v2 CBOR endpoint answers to a call no
 * SDK would make (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html).
 */
@EmulatorTest(account = "111111111111")
class CloudWatchWireTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static Emulator emulator;

    private static HttpRequest.Builder signed(String path) {
        return HttpRequest.newBuilder(URI.create(emulator.url() + path))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=111111111111/20260101/us-east-1/monitoring/aws4_request, "
                        + "SignedHeaders=host, Signature=0");
    }

    private static HttpResponse<byte[]> json10(String action, String body) throws IOException, InterruptedException {
        return HTTP.send(signed("/").header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "GraniteServiceVersion20100801." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @DisplayName("The JSON 1.0 form (X-Amz-Target GraniteServiceVersion20100801.*) reaches the same metrics, answered in JSON 1.0")
    void json10Form() throws Exception {
        HttpResponse<byte[]> put = json10("PutMetricData",
                "{\"Namespace\":\"Wire/Json\",\"MetricData\":[{\"MetricName\":\"Hits\",\"Value\":3}]}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-amz-json-1.0");

        HttpResponse<byte[]> list = json10("ListMetrics", "{\"Namespace\":\"Wire/Json\"}");
        JsonNode metrics = AwsJsonCodec.MAPPER.readTree(list.body()).path("Metrics");
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).path("MetricName").asText()).isEqualTo("Hits");
    }

    @Test
    @DisplayName("A JSON error names the shape in __type and the Query code in x-amzn-query-error, as an awsQueryCompatible service does")
    void queryCompatibleError() throws Exception {
        HttpResponse<byte[]> answer = json10("PutMetricData", "{\"Namespace\":\"AWS/Mine\",\"MetricData\":[{\"MetricName\":\"x\",\"Value\":1}]}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(AwsJsonCodec.MAPPER.readTree(answer.body()).path("__type").asText()).isEqualTo("InvalidParameterValueException");
        assertThat(answer.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        assertThat(answer.headers().firstValue("Content-Type")).as("an error, as a success, in the JSON version of the call")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-amz-json-1.0"));
    }

    @Test
    @DisplayName("RPC v2 CBOR: a call without the smithy-protocol header, or with a body that is not CBOR, gets a 400 in CBOR")
    void cborRefusals() throws Exception {
        String path = "/service/GraniteServiceVersion20100801/operation/ListMetrics";
        HttpResponse<byte[]> noHeader = HTTP.send(signed(path).header("Content-Type", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CborCodec.writeMap(Map.of()))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(CborCodec.readTree(noHeader.body()).path("message").asText()).contains("smithy-protocol: rpc-v2-cbor");

        HttpResponse<byte[]> notCbor = HTTP.send(signed(path).header("Content-Type", "application/cbor")
                .header("smithy-protocol", "rpc-v2-cbor").POST(HttpRequest.BodyPublishers.ofString("{\"not\":\"cbor\"}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(notCbor.statusCode()).isEqualTo(400);
        assertThat(notCbor.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(CborCodec.readTree(notCbor.body()).path("__type").asText()).endsWith("SerializationException");

        HttpResponse<byte[]> ok = HTTP.send(signed(path).header("Content-Type", "application/cbor")
                .header("smithy-protocol", "rpc-v2-cbor").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).as("an empty body is an empty input").isEqualTo(200);
        assertThat(CborCodec.readTree(ok.body()).isObject()).isTrue();
    }
}
