package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.UnsupportedFeatureException;

/** The AWS JSON 1.1 wire: routing by X-Amz-Target, AWS's error shape, and 4xx for every caller mistake. */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class AwsJsonEndpointTest {
    static Emulator emulator;
    static EcsClient ecs;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("A call answers 200 with JSON and an x-amzn-RequestId header")
    void answersWithRequestId() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(json(response).has("clusterArns")).isTrue();
    }

    @Test
    @DisplayName("A member the action's model does not have is ignored and the call answered, as a service older than the SDK does "
            + "(adding an optional member is backward-compatible: https://smithy.io/2.0/guides/evolving-models.html)")
    void ignoresUnknownMembers() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.DescribeClusters",
                "{\"clusters\": [\"not-there\"], \"aMemberFromANewerSdk\": {\"x\": [1, null]}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("failures").path(0).path("reason").asText()).as("the members it knows still count")
                .isEqualTo("MISSING");
    }

    @Test
    @DisplayName("Malformed JSON is a 400 SerializationException, the JSON protocol's own code, that names the problem, and changes nothing")
    void malformedJson() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.CreateCluster", "{\"clusterName\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("SerializationException");
        assertThat(json(response).get("message").asText()).startsWith("The request body is not valid JSON");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(ecs.listClusters().clusterArns()).isEmpty();
    }

    @Test
    @DisplayName("A field of the wrong type is a 400 that names the field and the type it needs")
    void wrongType() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.ListClusters", "{\"maxResults\": \"ten\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText())
                .isEqualTo("Value at 'maxResults' must be a whole number, but it is the string \"ten\"");
    }

    @Test
    @DisplayName("A missing X-Amz-Target is a 400 UnknownOperationException that shows how a target looks")
    void missingTarget() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(emulator.url())
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(json(response).get("message").asText()).contains("AmazonEC2ContainerServiceV20141113.ListClusters");
    }

    @Test
    @DisplayName("An unknown target prefix or action is a 400 UnknownOperationException")
    void unknownTargets() throws Exception {
        HttpResponse<String> prefix = post("DynamoDB_20120810.ListTables", "{}");
        HttpResponse<String> action = post("AmazonEC2ContainerServiceV20141113.LaunchRocket", "{}");

        assertThat(prefix.statusCode()).isEqualTo(400);
        assertThat(json(prefix).get("message").asText()).contains("AmazonEC2ContainerRegistry_V20150921");
        assertThat(action.statusCode()).isEqualTo(400);
        assertThat(json(action).get("message").asText()).contains("no action named 'LaunchRocket'");
    }

    @Test
    @DisplayName("A wrong Content-Type is a 400 that names the right one")
    void wrongContentType() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(emulator.url())
                .header("Content-Type", "text/plain")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("application/x-amz-json-1.1");
    }

    @Test
    @DisplayName("A body over the size limit is a 413 in AWS's error shape")
    void bodyTooLarge() throws Exception {
        String huge = "{\"clusterName\":\"" + "x".repeat(AwsJsonEndpoint.MAX_BODY_BYTES) + "\"}";

        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.CreateCluster", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("__type").asText()).isEqualTo("ClientException");
    }

    @Test
    @DisplayName("An action of the model the emulator lacks fails at once with a typed error naming it, without SDK retries")
    void notImplementedFailsFast() {
        int before = AwsClients.attempts(emulator);

        assertThatThrownBy(() -> ecs.listDaemons(b -> b.clusterArn("default")))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("The ecs action ListDaemons is not served by this emulator")
                .hasMessageContaining("CreateCluster");
        assertThat(AwsClients.attempts(emulator) - before).isEqualTo(1);
    }

    @Test
    @DisplayName("A missing required member is refused with the service's validation error, in AWS's words")
    void requiredMember() {
        assertThatThrownBy(() -> ecs.updateClusterSettings(b -> b.cluster("default")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1 validation error detected: Value null at 'settings' failed to satisfy "
                        + "constraint: Member must not be null");
    }

    @Test
    @DisplayName("An enum member outside its values is refused, listing the allowed ones")
    void enumMember() {
        assertThatThrownBy(() -> ecs.describeClusters(b -> b.includeWithStrings("EVERYTHING")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member must satisfy enum value set: [ATTACHMENTS, CONFIGURATIONS, SETTINGS, STATISTICS, TAGS]");
    }

    @Test
    @DisplayName("GET /_emulator/health names the services served and the version")
    void health() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(emulator.url().resolve("/_emulator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode health = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(health.get("status").asText()).isEqualTo("running");
        assertThat(health.get("version").asText()).isNotBlank().doesNotContain("${");
        assertThat(health.get("services").findValuesAsText("name")).containsExactly("ecs", "ecr", "servicediscovery",
                "elasticloadbalancing", "iam", "sts", "autoscaling", "logs",
                "monitoring", "application-autoscaling");
        assertThat(health.has("dns")).as("this emulator runs no DNS server").isFalse();
    }

    private static HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return AwsJsonCodec.MAPPER.readTree(response.body());
    }
}
