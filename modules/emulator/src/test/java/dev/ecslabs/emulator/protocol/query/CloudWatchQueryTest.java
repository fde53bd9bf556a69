package dev.ecslabs.emulator.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch's AWS Query form, the third protocol its model lists besides RPC v2 CBOR and JSON 1.0:
 * older AWS CLIs and SDKs (Debian's awscli 2.9.19, for one) send {@code Action=PutMetricData&Version=2010-08-01}
 * forms signed for {@code monitoring} and read XML answers wrapped in the model's result wrapper
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/making-api-requests.html). The
 * same metrics and alarms answer the SDK for Java's CBOR client.
 */
@EmulatorTest(account = "111111111111")
class CloudWatchQueryTest {
    static Emulator emulator;
    static ManualClock clock;
    static CloudWatchClient cloudWatch;

    @Test
    @DisplayName("PutMetricData and PutMetricAlarm sent as Query forms are read by the CBOR SDK; DescribeAlarms answers in its result wrapper")
    void queryFormsShareStateWithTheCborClient() {
        RawQuery query = new RawQuery(emulator);
        Instant now = clock.now();

        RawQuery.Answer put = query.post("monitoring", "Action=PutMetricData&Version=2010-08-01&Namespace=Wire%2FQuery"
                + "&MetricData.member.1.MetricName=Hits&MetricData.member.1.Value=3&MetricData.member.1.Unit=Count"
                + "&MetricData.member.1.Dimensions.member.1.Name=Service&MetricData.member.1.Dimensions.member.1.Value=web"
                + "&MetricData.member.2.MetricName=Hits&MetricData.member.2.Values.member.1=1&MetricData.member.2.Values.member.2=2"
                + "&MetricData.member.2.Counts.member.1=3&MetricData.member.2.Counts.member.2=1&MetricData.member.2.Unit=Count"
                + "&MetricData.member.2.Dimensions.member.1.Name=Service&MetricData.member.2.Dimensions.member.1.Value=web");
        RawQuery.Answer alarm = query.post("monitoring", "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=hits-high"
                + "&Namespace=Wire%2FQuery&MetricName=Hits&Statistic=Sum&Period=60&EvaluationPeriods=1&Threshold=10"
                + "&ComparisonOperator=GreaterThanThreshold&Dimensions.member.1.Name=Service&Dimensions.member.1.Value=web");
        RawQuery.Answer described = query.post("monitoring", "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=hits-high");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.xml().getDocumentElement().getLocalName()).isEqualTo("PutMetricDataResponse");
        assertThat(put.xml().getDocumentElement().getNamespaceURI()).isEqualTo("http://monitoring.amazonaws.com/doc/2010-08-01/");
        assertThat(alarm.status()).as(alarm.body()).isEqualTo(200);
        assertThat(described.xml().getElementsByTagName("DescribeAlarmsResult").getLength()).isEqualTo(1);
        assertThat(described.text("AlarmName")).isEqualTo("hits-high");
        assertThat(described.text("StateValue")).isEqualTo("INSUFFICIENT_DATA");

        Datapoint sum = cloudWatch.getMetricStatistics(r -> r.namespace("Wire/Query").metricName("Hits")
                .dimensions(Dimension.builder().name("Service").value("web").build())
                .startTime(now.minus(Duration.ofMinutes(5))).endTime(now.plus(Duration.ofMinutes(5))).period(600)
                .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)).datapoints().get(0);
        MetricAlarm read = cloudWatch.describeAlarms(r -> r.alarmNames("hits-high")).metricAlarms().get(0);
        assertThat(sum.sum()).as("3, then the values 1 and 2 counted 3 and 1 times").isEqualTo(8.0);
        assertThat(sum.sampleCount()).isEqualTo(5.0);
        assertThat(read.threshold()).isEqualTo(10.0);
        assertThat(read.dimensions()).containsExactly(Dimension.builder().name("Service").value("web").build());
    }

    @Test
    @DisplayName("A Query call's error is an ErrorResponse with the code the model gives the Query form (ResourceNotFound), status 404")
    void queryError() {
        RawQuery.Answer answer = new RawQuery(emulator).post("monitoring",
                "Action=SetAlarmState&Version=2010-08-01&AlarmName=ghost&StateValue=OK&StateReason=test");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("text/xml");
        assertThat(answer.xml().getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
        assertThat(answer.code()).isEqualTo("ResourceNotFound");
        assertThat(answer.text("Type")).isEqualTo("Sender");
        assertThat(answer.text("Message")).contains("ghost");
    }

    @Test
    @DisplayName("A signing name that answers no Query API is refused with a list of those that do, CloudWatch's monitoring among them")
    void unknownSigningName() {
        RawQuery.Answer answer = new RawQuery(emulator).post("ecs", "Action=ListClusters&Version=2014-11-13");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("InvalidAction");
        assertThat(answer.text("Message")).contains("monitoring").contains("elasticloadbalancing").doesNotContain("ecs,");
    }
}
