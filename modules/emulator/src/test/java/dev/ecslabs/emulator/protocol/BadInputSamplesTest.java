package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad input that an outside probe turned into 5xx answers or minutes of CPU (issue 14), each
 * now a 4xx in AWS's shape within a bounded time. The general walk over every operation is
 * {@link EveryOperationBadInputTest}.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class BadInputSamplesTest {
    private static final Duration BOUND = Duration.ofSeconds(2);
    static Emulator emulator;
    static RawAwsJson aws;

    @BeforeAll
    static void start() {
        aws = new RawAwsJson(emulator, "141414141414");
    }

    @ParameterizedTest(name = "{0} with a {1}-character layer digest")
    @MethodSource("longDigests")
    @DisplayName("A long layer digest is refused at once: the pattern check is linear in its length")
    void longLayerDigest(String action, int length) {
        String digest = "a".repeat(length);

        RawAwsJson.Answer answer = aws.postWithin(BOUND, AwsService.ECR, action, "{\"repositoryName\":\"web\",\"uploadId\":\"u\","
                + "\"layerDigest\":\"" + digest + "\",\"layerDigests\":[\"" + digest + "\"]}");

        assertAwsShaped4xx(answer);
        assertThat(answer.type()).isEqualTo("InvalidParameterException");
        // A pattern violation, or a length one where the model bounds the member (then no expression runs at all)
        assertThat(answer.message()).containsPattern("failed to satisfy constraint: Member must (satisfy regular expression "
                + "pattern|have length less than or equal to)");
        assertThat(answer.took()).isLessThan(BOUND);
    }

    static Stream<Arguments> longDigests() {
        return Stream.of(Arguments.of("GetDownloadUrlForLayer", 40_000), Arguments.of("CompleteLayerUpload", 40_000),
                Arguments.of("GetDownloadUrlForLayer", 1 << 20), Arguments.of("BatchCheckLayerAvailability", 1 << 20));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("nullElements")
    @DisplayName("null inside a list or map is refused with the service's validation error naming the element")
    void nullElement(AwsService service, String action, String body, String path) {
        RawAwsJson.Answer answer = aws.post(service, action, body);

        assertAwsShaped4xx(answer);
        assertThat(answer.type()).isEqualTo(ServiceModel.of(service).errorFor(action, service.validationErrorCode()));
        assertThat(answer.message()).contains("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    }

    static Stream<Arguments> nullElements() {
        return Stream.of(
                Arguments.of(AwsService.ECS, "CreateCluster", "{\"tags\":[null]}", "tags.1.member"),
                Arguments.of(AwsService.ECS, "CreateCluster", "{\"settings\":[null]}", "settings.1.member"),
                Arguments.of(AwsService.ECS, "CreateCluster", "{\"capacityProviders\":[\"FARGATE\",null]}", "capacityProviders.2.member"),
                Arguments.of(AwsService.ECS, "DescribeClusters", "{\"clusters\":[null]}", "clusters.1.member"),
                Arguments.of(AwsService.ECS, "DescribeServices", "{\"services\":[null]}", "services.1.member"),
                Arguments.of(AwsService.ECS, "RegisterTaskDefinition", "{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"c\","
                        + "\"image\":\"i\",\"environment\":[null]}]}", "containerDefinitions.1.member.environment.1.member"),
                Arguments.of(AwsService.ECS, "RegisterTaskDefinition", "{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"c\","
                        + "\"image\":\"i\",\"dockerLabels\":{\"a\":null}}]}", "containerDefinitions.1.member.dockerLabels.a"),
                Arguments.of(AwsService.ECR, "CreateRepository", "{\"repositoryName\":\"web\",\"tags\":[null]}", "tags.1.member"),
                Arguments.of(AwsService.ECR, "DescribeRepositories", "{\"repositoryNames\":[null]}", "repositoryNames.1.member"),
                Arguments.of(AwsService.CLOUD_MAP, "ListNamespaces", "{\"Filters\":[null]}", "Filters.1.member"),
                Arguments.of(AwsService.CLOUD_MAP, "ListServices", "{\"Filters\":[null]}", "Filters.1.member"),
                Arguments.of(AwsService.CLOUD_MAP, "ListOperations", "{\"Filters\":[null]}", "Filters.1.member"),
                Arguments.of(AwsService.CLOUD_MAP, "RegisterInstance", "{\"ServiceId\":\"srv-1\",\"InstanceId\":\"i\","
                        + "\"Attributes\":{\"AWS_INSTANCE_IPV4\":null}}", "Attributes.AWS_INSTANCE_IPV4"));
    }

    @ParameterizedTest(name = "createdAt.before = {0}")
    @ValueSource(strings = {"1e30", "1e20", "-1e30", "9223372036854775808", "\"1e30\"", "1e400", "-1e400",
            "1e999999999", "\"1e999999999\"", "\"+99999-01-01T00:00:00Z\""})
    @DisplayName("A timestamp out of range is refused with a message that gives the range")
    void timestampOutOfRange(String before) {
        RawAwsJson.Answer answer = aws.postWithin(BOUND, AwsService.ECS, "ListServiceDeployments",
                "{\"service\":\"x\",\"createdAt\":{\"before\":" + before + "}}");

        assertAwsShaped4xx(answer);
        assertThat(answer.message()).contains("createdAt.before").contains("0001-01-01T00:00:00Z");
        assertThat(answer.took()).isLessThan(BOUND);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{} garbage}", "{}{}", "{\"clusterName\":\"a\"} 1", "{} []", "[]", "\"text\"", "12", "null"})
    @DisplayName("A body that is not one JSON object is a SerializationException, as AWS answers")
    void notOneJsonObject(String body) {
        RawAwsJson.Answer answer = aws.post(AwsService.ECS, "CreateCluster", body);

        assertAwsShaped4xx(answer);
        assertThat(answer.type()).isEqualTo("SerializationException");
        assertThat(aws.post(AwsService.ECS, "ListClusters", "{}").json().get("clusterArns")).as("nothing created").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathologicalJson")
    @DisplayName("Pathological JSON is refused in bounded time, as a SerializationException")
    void pathologicalJson(String what, String body) {
        RawAwsJson.Answer answer = aws.postWithin(BOUND, AwsService.ECS, "ListClusters", body);

        assertAwsShaped4xx(answer);
        assertThat(answer.type()).isEqualTo("SerializationException");
        assertThat(answer.took()).isLessThan(BOUND);
    }

    static Stream<Arguments> pathologicalJson() {
        return Stream.of(
                Arguments.of("arrays nested 100,000 deep", "{\"nextToken\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                Arguments.of("objects nested 100,000 deep", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)),
                Arguments.of("a number of 100,000 digits", "{\"maxResults\":" + "9".repeat(100_000) + "}"),
                Arguments.of("a fraction of 100,000 digits", "{\"maxResults\":0." + "9".repeat(100_000) + "}"));
    }

    @ParameterizedTest(name = "bytes {0}")
    @ValueSource(strings = {"C0AF", "C180", "E080AF", "F08082AF", "EDA080", "80", "E282", "F4908080", "FF"})
    @DisplayName("A body that is not well-formed UTF-8 (overlong forms, surrogates, stray or cut bytes) is a SerializationException")
    void invalidUtf8(String hex) {
        byte[] prefix = "{\"clusterName\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);

        RawAwsJson.Answer answer = aws.post(AwsService.ECS, "CreateCluster", body);

        assertAwsShaped4xx(answer);
        assertThat(answer.type()).isEqualTo("SerializationException");
        assertThat(answer.message()).contains("not valid UTF-8");
    }

    @Test
    @DisplayName("Every action of a model that the emulator lacks answers at once, with a 4xx the action itself declares")
    void unimplementedActionsAnswerDeclaredCodes() {
        Set<String> checked = new TreeSet<>();
        for (AwsService service : AwsService.speaking(AwsService.Protocol.AWS_JSON)) { // QueryBadInputTest for Query
            ServiceModel model = ServiceModel.of(service);
            Set<String> implemented = emulator.operations().implemented(service);
            for (String action : model.operationNames()) {
                if (implemented.contains(action)) {
                    continue;
                }
                // Well-formed for the model, so that only "not served" is left to say
                String body = model.inputShapeName(action).map(shape -> new BadInputCases(service).valid(shape, 0).toString())
                        .orElse("{}");
                RawAwsJson.Answer answer = aws.postWithin(BOUND, service, action, body);

                assertAwsShaped4xx(answer);
                // CloudWatch declares no error at all on some actions (DeleteAlarmMuteRule): those answer one of the model's codes
                assertThat(model.operationErrors(action).isEmpty() ? model.errorCodes() : model.operationErrors(action))
                        .as("%s %s answered %s", service, action, answer.type()).contains(answer.type());
                assertThat(answer.message()).contains("The " + service.signingName() + " action " + action
                        + " is not served by this emulator");
                assertThat(answer.took()).isLessThan(BOUND);
                checked.add(service + " " + action);
            }
        }
        assertThat(checked).isNotEmpty();
    }

    /** AWS's error shape: a 4xx with {@code __type}, a message and a request id. */
    static void assertAwsShaped4xx(RawAwsJson.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.type()).as(answer.body()).isNotBlank();
        assertThat(answer.message()).as(answer.body()).isNotBlank();
        assertThat(answer.requestId()).as("x-amzn-RequestId").isNotBlank();
    }
}
