package dev.ecslabs.emulator.cloudwatch.alarms;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.CloudWatchErrors;
import dev.ecslabs.emulator.cloudwatch.metrics.MetricQueries;
import dev.ecslabs.emulator.cloudwatch.metrics.Statistics;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch's metric alarm actions: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric,
 * DeleteAlarms, DescribeAlarmHistory, SetAlarmState, Enable/DisableAlarmActions
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html and its
 * siblings). Composite alarms are not served: DescribeAlarms answers none.
 */
public final class AlarmActions implements ActionGroup {
    /** "The maximum value of EvaluationPeriods times Period is one day" for periods below an hour (PutMetricAlarm). */
    static final int MAX_RANGE_SECONDS = 86_400;
    private static final Set<String> TREAT_MISSING = Set.of("missing", "notBreaching", "breaching", "ignore");
    private static final Set<ComparisonOperator> THRESHOLD_OPERATORS = Set.of(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            ComparisonOperator.GREATER_THAN_THRESHOLD, ComparisonOperator.LESS_THAN_THRESHOLD,
            ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD);

    private final EveryMinute everyMinute;
    private final AlarmEvaluation evaluation;

    public AlarmActions(EveryMinute everyMinute, AlarmEvaluation evaluation) {
        this.everyMinute = everyMinute;
        this.evaluation = evaluation;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUDWATCH, "PutMetricAlarm", PutMetricAlarmRequest::builder, this::putMetricAlarm);
        table.add(AwsService.CLOUDWATCH, "DescribeAlarms", DescribeAlarmsRequest::builder, this::describeAlarms);
        table.add(AwsService.CLOUDWATCH, "DescribeAlarmsForMetric", DescribeAlarmsForMetricRequest::builder,
                this::describeAlarmsForMetric);
        table.add(AwsService.CLOUDWATCH, "DeleteAlarms", DeleteAlarmsRequest::builder, this::deleteAlarms);
        table.add(AwsService.CLOUDWATCH, "DescribeAlarmHistory", DescribeAlarmHistoryRequest::builder, this::describeAlarmHistory);
        table.add(AwsService.CLOUDWATCH, "SetAlarmState", SetAlarmStateRequest::builder, this::setAlarmState);
        table.add(AwsService.CLOUDWATCH, "EnableAlarmActions", EnableAlarmActionsRequest::builder, this::enableAlarmActions);
        table.add(AwsService.CLOUDWATCH, "DisableAlarmActions", DisableAlarmActionsRequest::builder, this::disableAlarmActions);
    }

    PutMetricAlarmResponse putMetricAlarm(RequestContext context, PutMetricAlarmRequest request) {
        put(context.state(), request);
        return PutMetricAlarmResponse.builder().build();
    }

    /**
     * Creates or updates an alarm as PutMetricAlarm does: an update overwrites the configuration and
     * keeps the state; a new alarm starts INSUFFICIENT_DATA. Application Auto Scaling creates its
     * target-tracking alarms through here too.
     */
    public MetricAlarm put(AccountRegion region, PutMetricAlarmRequest request) {
        check(request);
        Alarms alarms = Alarms.of(region);
        Instant now = region.now();
        MetricAlarm existing = alarms.find(request.alarmName()).orElse(null);
        MetricAlarm.Builder alarm = MetricAlarm.builder().alarmName(request.alarmName()).alarmArn(alarms.arn(request.alarmName()))
                .alarmDescription(request.alarmDescription()).alarmConfigurationUpdatedTimestamp(now)
                .actionsEnabled(request.actionsEnabled() == null || request.actionsEnabled())
                .okActions(request.okActions()).alarmActions(request.alarmActions())
                .insufficientDataActions(request.insufficientDataActions())
                .metricName(request.metricName()).namespace(request.namespace()).statistic(request.statisticAsString())
                .dimensions(request.dimensions()).period(request.period()).unit(request.unitAsString())
                .evaluationPeriods(request.evaluationPeriods()).datapointsToAlarm(request.datapointsToAlarm())
                .threshold(request.threshold()).comparisonOperator(request.comparisonOperatorAsString())
                .treatMissingData(request.treatMissingData() == null ? "missing" : request.treatMissingData())
                .metrics(request.metrics());
        if (existing == null) {
            alarm.stateValue(StateValue.INSUFFICIENT_DATA).stateReason("Unchecked: Initial alarm creation")
                    .stateUpdatedTimestamp(now).stateTransitionedTimestamp(now);
        } else {
            alarm.stateValue(existing.stateValue()).stateReason(existing.stateReason()).stateReasonData(existing.stateReasonData())
                    .stateUpdatedTimestamp(existing.stateUpdatedTimestamp())
                    .stateTransitionedTimestamp(existing.stateTransitionedTimestamp());
        }
        MetricAlarm saved = alarm.build();
        alarms.put(saved);
        alarms.record(AlarmHistoryItem.builder().alarmName(saved.alarmName()).alarmType(AlarmType.METRIC_ALARM).timestamp(now)
                .historyItemType(HistoryItemType.CONFIGURATION_UPDATE)
                .historySummary("Alarm \"" + saved.alarmName() + "\" " + (existing == null ? "created" : "updated"))
                .historyData("{\"version\":\"1.0\",\"type\":\"" + (existing == null ? "Create" : "Update") + "\"}").build());
        everyMinute.wake();
        return saved;
    }

    private static void check(PutMetricAlarmRequest request) {
        boolean single = request.metricName() != null || request.namespace() != null;
        if (single == request.hasMetrics()) {
            throw CloudWatchErrors.combination("An alarm watches either one metric (MetricName, Namespace, Statistic, Period) "
                    + "or metric math (Metrics): give exactly one of them.");
        }
        if (request.extendedStatistic() != null) {
            throw CloudWatchErrors.invalidValue("ExtendedStatistic", request.extendedStatistic(), "The ECS Labs emulator keeps "
                    + "per-minute statistic sets and computes no percentiles: use Statistic.");
        }
        int period;
        if (single) {
            if (request.metricName() == null || request.namespace() == null || request.statistic() == null) {
                throw CloudWatchErrors.missing(request.metricName() == null ? "MetricName" : request.namespace() == null
                        ? "Namespace" : "Statistic", "An alarm on one metric names its MetricName, Namespace and Statistic.");
            }
            if (!Statistics.NAMES.contains(request.statisticAsString())) {
                throw CloudWatchErrors.invalidValue("Statistic", request.statisticAsString(), "Use SampleCount, Average, Sum, Minimum or Maximum.");
            }
            period = checkPeriod(request.period());
        } else {
            MetricQueries.check(request.metrics(), "Metrics");
            long returned = request.metrics().stream().filter(q -> !Boolean.FALSE.equals(q.returnData())).count();
            if (returned != 1) {
                throw CloudWatchErrors.invalidValue("Metrics", returned + " queries returning data", "Exactly one query of an "
                        + "alarm's Metrics returns data (ReturnData true): the one the alarm compares with its threshold.");
            }
            period = request.metrics().stream().filter(q -> q.metricStat() != null).map(q -> q.metricStat().period())
                    .findFirst().orElseThrow(() -> CloudWatchErrors.invalidValue("Metrics", "no MetricStat",
                            "An alarm's metric math needs at least one metric (MetricStat) to evaluate."));
        }
        if (request.comparisonOperator() == null || !THRESHOLD_OPERATORS.contains(request.comparisonOperator())) {
            throw CloudWatchErrors.invalidValue("ComparisonOperator", request.comparisonOperatorAsString(), "The emulator evaluates "
                    + "GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold and LessThanOrEqualToThreshold "
                    + "(anomaly detection bands are not served).");
        }
        if (request.threshold() == null) {
            throw CloudWatchErrors.missing("Threshold", "A static threshold alarm compares with its Threshold.");
        }
        if (request.evaluationPeriods() == null || request.evaluationPeriods() < 1) {
            throw CloudWatchErrors.missing("EvaluationPeriods", "Give how many periods the alarm evaluates, 1 or more.");
        }
        if (request.datapointsToAlarm() != null && (request.datapointsToAlarm() < 1
                || request.datapointsToAlarm() > request.evaluationPeriods())) {
            throw CloudWatchErrors.invalidValue("DatapointsToAlarm", request.datapointsToAlarm(), "It is from 1 to EvaluationPeriods ("
                    + request.evaluationPeriods() + ").");
        }
        if ((long) period * request.evaluationPeriods() > MAX_RANGE_SECONDS) {
            throw CloudWatchErrors.invalidValue("EvaluationPeriods", request.evaluationPeriods(), "EvaluationPeriods times Period ("
                    + period + " s) must not exceed one day (86,400 s).");
        }
        if (request.treatMissingData() != null && !TREAT_MISSING.contains(request.treatMissingData())) {
            throw CloudWatchErrors.invalidValue("TreatMissingData", request.treatMissingData(), "It is one of breaching, "
                    + "notBreaching, ignore and missing.");
        }
        List<String> actions = new ArrayList<>(request.alarmActions());
        actions.addAll(request.okActions());
        actions.addAll(request.insufficientDataActions());
        for (String action : actions) {
            if (!Arns.looksLikeArn(action)) {
                throw CloudWatchErrors.invalidValue("AlarmActions", action, "An alarm action is an ARN, such as a scaling "
                        + "policy's PolicyARN that PutScalingPolicy answered.");
            }
        }
    }

    private static int checkPeriod(Integer period) {
        if (period == null) {
            throw CloudWatchErrors.missing("Period", "Give the length of each period in seconds: 10, 20, 30 or a multiple of 60.");
        }
        if (period != 10 && period != 20 && period != 30 && (period < 60 || period % 60 != 0)) {
            throw CloudWatchErrors.invalidValue("Period", period, "An alarm's period is 10, 20, 30 or a multiple of 60 seconds.");
        }
        return period;
    }

    DescribeAlarmsResponse describeAlarms(RequestContext context, DescribeAlarmsRequest request) {
        if (request.hasAlarmNames() && request.alarmNamePrefix() != null) {
            throw CloudWatchErrors.combination("AlarmNames and AlarmNamePrefix are mutually exclusive.");
        }
        boolean metricAlarms = !request.hasAlarmTypes() || request.alarmTypes().contains(AlarmType.METRIC_ALARM);
        List<MetricAlarm> matching = new ArrayList<>();
        if (metricAlarms && request.childrenOfAlarmName() == null && request.parentsOfAlarmName() == null) {
            for (MetricAlarm alarm : Alarms.of(context.state()).all()) {
                if ((!request.hasAlarmNames() || request.alarmNames().contains(alarm.alarmName()))
                        && (request.alarmNamePrefix() == null || alarm.alarmName().startsWith(request.alarmNamePrefix()))
                        && (request.stateValue() == null || request.stateValue() == alarm.stateValue())
                        && (request.actionPrefix() == null || alarm.alarmActions().stream().anyMatch(a -> a.startsWith(request.actionPrefix())))) {
                    matching.add(alarm);
                }
            }
        }
        Pages.Page<MetricAlarm> page = Pages.page(matching, MetricAlarm::alarmName, request.nextToken(), request.maxRecords(),
                50, 100, "InvalidNextToken");
        return DescribeAlarmsResponse.builder().metricAlarms(page.items()).compositeAlarms(List.of())
                .nextToken(page.nextToken()).build();
    }

    DescribeAlarmsForMetricResponse describeAlarmsForMetric(RequestContext context, DescribeAlarmsForMetricRequest request) {
        List<MetricAlarm> matching = Alarms.of(context.state()).all().stream()
                .filter(a -> request.metricName().equals(a.metricName()) && request.namespace().equals(a.namespace()))
                .filter(a -> request.statistic() == null || request.statistic() == a.statistic())
                .filter(a -> request.period() == null || request.period().equals(a.period()))
                .filter(a -> !request.hasDimensions() || sameDimensions(request.dimensions(), a.dimensions())).toList();
        return DescribeAlarmsForMetricResponse.builder().metricAlarms(matching).build();
    }

    private static boolean sameDimensions(List<software.amazon.awssdk.services.cloudwatch.model.Dimension> a,
                                          List<software.amazon.awssdk.services.cloudwatch.model.Dimension> b) {
        return a.size() == b.size() && a.containsAll(b);
    }

    /** "If you specify an incorrect alarm name or make any other error in the operation, no alarms are deleted." */
    DeleteAlarmsResponse deleteAlarms(RequestContext context, DeleteAlarmsRequest request) {
        delete(context.state(), request.alarmNames());
        return DeleteAlarmsResponse.builder().build();
    }

    /** Deletes the alarms, all or none; Application Auto Scaling deletes its target-tracking alarms through here. */
    public void delete(AccountRegion region, List<String> names) {
        Alarms alarms = Alarms.of(region);
        for (String name : names) {
            if (alarms.find(name).isEmpty()) {
                throw CloudWatchErrors.notFound("Alarm " + name + " does not exist in " + region.region()
                        + "; no alarms were deleted. DescribeAlarms lists the alarms there are.");
            }
        }
        Instant now = region.now();
        for (String name : names) {
            alarms.delete(name);
            alarms.record(AlarmHistoryItem.builder().alarmName(name).alarmType(AlarmType.METRIC_ALARM).timestamp(now)
                    .historyItemType(HistoryItemType.CONFIGURATION_UPDATE).historySummary("Alarm \"" + name + "\" deleted")
                    .historyData("{\"version\":\"1.0\",\"type\":\"Delete\"}").build());
        }
    }

    DescribeAlarmHistoryResponse describeAlarmHistory(RequestContext context, DescribeAlarmHistoryRequest request) {
        List<AlarmHistoryItem> matching = new ArrayList<>();
        for (AlarmHistoryItem item : Alarms.of(context.state()).history()) {
            if ((request.alarmName() == null || request.alarmName().equals(item.alarmName()))
                    && (request.historyItemType() == null || request.historyItemType() == item.historyItemType())
                    && (request.startDate() == null || !item.timestamp().isBefore(request.startDate()))
                    && (request.endDate() == null || !item.timestamp().isAfter(request.endDate()))) {
                matching.add(item);
            }
        }
        if (request.scanBy() == ScanBy.TIMESTAMP_ASCENDING) {
            java.util.Collections.reverse(matching);
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < matching.size(); i++) {
            keys.add(String.format("%08d", i));
        }
        List<Integer> indexes = java.util.stream.IntStream.range(0, matching.size()).boxed().toList();
        Pages.Page<Integer> page = Pages.page(indexes, i -> keys.get(i), request.nextToken(), request.maxRecords(), 100, 100,
                "InvalidNextToken");
        return DescribeAlarmHistoryResponse.builder().alarmHistoryItems(page.items().stream().map(matching::get).toList())
                .nextToken(page.nextToken()).build();
    }

    /** "The alarm returns to its actual state (often within seconds)": the next evaluation decides again. */
    SetAlarmStateResponse setAlarmState(RequestContext context, SetAlarmStateRequest request) {
        Alarms alarms = Alarms.of(context.state());
        MetricAlarm alarm = alarms.find(request.alarmName()).orElseThrow(() -> CloudWatchErrors.notFound("Alarm "
                + request.alarmName() + " does not exist; DescribeAlarms lists the alarms there are."));
        if (request.stateReasonData() != null) {
            try {
                dev.ecslabs.emulator.protocol.AwsJsonCodec.MAPPER.readTree(request.stateReasonData());
            } catch (java.io.IOException e) {
                throw new dev.ecslabs.emulator.protocol.AwsException("InvalidFormatFault",
                        "StateReasonData is not valid JSON: " + e.getMessage());
            }
        }
        if (request.stateValue() != alarm.stateValue()) {
            evaluation.changeState(context.state(), alarms, alarm, request.stateValue(), request.stateReason(),
                    request.stateReasonData(), context.now());
        }
        return SetAlarmStateResponse.builder().build();
    }

    EnableAlarmActionsResponse enableAlarmActions(RequestContext context, EnableAlarmActionsRequest request) {
        setActionsEnabled(context.state(), request.alarmNames(), true);
        return EnableAlarmActionsResponse.builder().build();
    }

    DisableAlarmActionsResponse disableAlarmActions(RequestContext context, DisableAlarmActionsRequest request) {
        setActionsEnabled(context.state(), request.alarmNames(), false);
        return DisableAlarmActionsResponse.builder().build();
    }

    private static void setActionsEnabled(AccountRegion region, List<String> names, boolean enabled) {
        Alarms alarms = Alarms.of(region);
        for (String name : names) {
            alarms.find(name).ifPresent(alarm -> alarms.put(alarm.toBuilder().actionsEnabled(enabled).build()));
        }
    }
}
