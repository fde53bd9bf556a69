package dev.ecslabs.emulator.cloudwatch.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.metrics.MetricQueries;
import dev.ecslabs.emulator.cloudwatch.metrics.Metrics;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Evaluates every metric alarm each minute, as CloudWatch does
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html): the last
 * {@code EvaluationPeriods} whole periods before the minute are the evaluation range; ALARM when at
 * least {@code DatapointsToAlarm} of them breach the threshold, OK otherwise, with missing periods
 * treated as {@code TreatMissingData} says: {@code missing} (the default: only the present ones
 * count, and none present is INSUFFICIENT_DATA), {@code notBreaching} (good), {@code breaching}
 * (bad), {@code ignore} (none present keeps the state)
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html). A change of state is recorded in the
 * history with AWS's reason text, and the new state's actions are invoked; Auto Scaling actions
 * are invoked again at every period the alarm stays in the state.
 */
public final class AlarmEvaluation implements EveryMinute.Step {
    static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final List<AlarmActionTarget> targets = new CopyOnWriteArrayList<>();

    /** Adds what a kind of alarm action ARN reaches. */
    public AlarmEvaluation addTarget(AlarmActionTarget target) {
        targets.add(target);
        return this;
    }

    @Override
    public boolean run(AccountRegion region, Instant minute) {
        Alarms alarms = region.existingArea(Alarms.class).orElse(null);
        if (alarms == null || alarms.isEmpty()) {
            return false;
        }
        for (MetricAlarm alarm : alarms.all()) {
            evaluate(region, alarms, alarm, minute);
        }
        return true;
    }

    /** One period's value, or null where it is missing, newest first. */
    record Range(List<Instant> starts, List<Double> values) {
    }

    private void evaluate(AccountRegion region, Alarms alarms, MetricAlarm alarm, Instant minute) {
        int period = period(alarm);
        long end = Math.floorDiv(minute.getEpochSecond(), period) * period;
        boolean newPeriod = minute.getEpochSecond() % period == 0;
        Range range = range(region, alarm, period, end);
        int breaching = 0;
        int present = 0;
        for (Double value : range.values()) {
            if (value != null) {
                present++;
                if (breaches(alarm, value)) {
                    breaching++;
                }
            }
        }
        int missing = range.values().size() - present;
        int needed = alarm.datapointsToAlarm() != null ? alarm.datapointsToAlarm() : alarm.evaluationPeriods();
        String treat = alarm.treatMissingData() == null ? "missing" : alarm.treatMissingData();
        StateValue next;
        if (present == 0 && (treat.equals("missing") || treat.equals("ignore"))) {
            next = treat.equals("ignore") ? alarm.stateValue() : StateValue.INSUFFICIENT_DATA;
        } else {
            int bad = breaching + (treat.equals("breaching") ? missing : 0);
            next = bad >= needed ? StateValue.ALARM : StateValue.OK;
        }
        if (next != alarm.stateValue()) {
            changeState(region, alarms, alarm, next, reason(alarm, next, range, breaching, needed),
                    reasonData(alarm, minute, period, range), minute);
        } else if (newPeriod && alarm.actionsEnabled() != Boolean.FALSE) {
            for (String action : actionsOf(alarm, next)) {
                targetOf(action).filter(AlarmActionTarget::repeats).ifPresent(target -> target.invoke(region, action, alarm));
            }
        }
    }

    /**
     * The newest value in the alarm's evaluation range at {@code now}, if any: what a scaling policy
     * the alarm invokes compares with its target or threshold.
     */
    public static java.util.OptionalDouble latestValue(AccountRegion region, MetricAlarm alarm, Instant now) {
        int period = period(alarm);
        Range range = range(region, alarm, period, Math.floorDiv(now.getEpochSecond(), period) * period);
        return range.values().stream().filter(v -> v != null).mapToDouble(Double::doubleValue).findFirst();
    }

    private static int period(MetricAlarm alarm) {
        if (alarm.period() != null) {
            return alarm.period();
        }
        return alarm.metrics().stream().filter(q -> q.metricStat() != null).map(q -> q.metricStat().period())
                .findFirst().orElse(60);
    }

    private static Range range(AccountRegion region, MetricAlarm alarm, int period, long end) {
        Instant endAt = Instant.ofEpochSecond(end);
        Instant startAt = Instant.ofEpochSecond(end - (long) period * alarm.evaluationPeriods());
        Metrics metrics = Metrics.of(region);
        TreeMap<Long, Double> series;
        if (alarm.hasMetrics()) {
            Map<String, TreeMap<Long, Double>> all = MetricQueries.evaluate(metrics, alarm.metrics(), startAt, endAt);
            String id = alarm.metrics().stream().filter(q -> !Boolean.FALSE.equals(q.returnData())).map(MetricDataQuery::id)
                    .reduce((first, second) -> second).orElseThrow();
            series = all.get(id);
        } else {
            MetricStat stat = MetricStat.builder().period(period).stat(alarm.statisticAsString()).unit(alarm.unit())
                    .metric(m -> m.namespace(alarm.namespace()).metricName(alarm.metricName()).dimensions(alarm.dimensions()))
                    .build();
            series = MetricQueries.statistic(metrics, stat, startAt, endAt);
        }
        List<Instant> starts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int k = 1; k <= alarm.evaluationPeriods(); k++) {
            long start = end - (long) period * k;
            starts.add(Instant.ofEpochSecond(start));
            values.add(series.get(start));
        }
        return new Range(starts, values);
    }

    static boolean breaches(MetricAlarm alarm, double value) {
        double threshold = alarm.threshold();
        return switch (alarm.comparisonOperator()) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            default -> false;
        };
    }

    private static String words(MetricAlarm alarm) {
        return switch (alarm.comparisonOperator()) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "greater than or equal to";
            case GREATER_THAN_THRESHOLD -> "greater than";
            case LESS_THAN_THRESHOLD -> "less than";
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "less than or equal to";
            default -> alarm.comparisonOperatorAsString();
        };
    }

    /** AWS's words: "Threshold Crossed: 3 out of the last 3 datapoints [52.0 (01/01/26 10:04:00), …] were greater than the threshold (50.0) (minimum 3 datapoints for OK -> ALARM transition)." */
    private static String reason(MetricAlarm alarm, StateValue next, Range range, int breaching, int needed) {
        int present = (int) range.values().stream().filter(v -> v != null).count();
        if (next == StateValue.INSUFFICIENT_DATA) {
            return "Insufficient Data: " + range.values().size() + " datapoint" + (range.values().size() == 1 ? " was" : "s were")
                    + " unknown.";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < range.values().size(); i++) {
            Double value = range.values().get(i);
            if (value != null && (next == StateValue.ALARM) == breaches(alarm, value)) {
                shown.add(value + " (" + REASON_TIME.format(range.starts().get(i)) + ")");
            }
        }
        int count = next == StateValue.ALARM ? breaching : present - breaching;
        String from = alarm.stateValueAsString();
        int minimum = next == StateValue.ALARM ? needed : 1;
        return "Threshold Crossed: " + count + " out of the last " + range.values().size() + " datapoints " + shown
                + (count == 1 ? " was " : " were ") + (next == StateValue.ALARM ? "" : "not ") + words(alarm) + " the threshold ("
                + alarm.threshold() + ") (minimum " + minimum + " datapoint" + (minimum == 1 ? "" : "s") + " for " + from
                + " -> " + next + " transition).";
    }

    private static String reasonData(MetricAlarm alarm, Instant minute, int period, Range range) {
        ObjectNode data = AwsJsonCodec.MAPPER.createObjectNode().put("version", "1.0")
                .put("queryDate", DATA_TIME.format(minute))
                .put("startDate", DATA_TIME.format(range.starts().get(range.starts().size() - 1)))
                .put("period", period).put("threshold", alarm.threshold());
        if (alarm.statistic() != null) {
            data.put("statistic", alarm.statisticAsString());
        }
        ArrayNode recent = data.putArray("recentDatapoints");
        ArrayNode evaluated = data.putArray("evaluatedDatapoints");
        for (int i = 0; i < range.values().size(); i++) {
            Double value = range.values().get(i);
            if (value != null) {
                recent.add(value);
                evaluated.addObject().put("timestamp", DATA_TIME.format(range.starts().get(i))).put("value", value);
            }
        }
        return data.toString();
    }

    /**
     * Moves an alarm to {@code next}: its state fields, a StateUpdate history item ("Alarm updated from
     * OK to ALARM"), then the new state's actions, each with an Action history item.
     */
    public void changeState(AccountRegion region, Alarms alarms, MetricAlarm alarm, StateValue next, String reason,
                            String reasonData, Instant now) {
        MetricAlarm changed = alarm.toBuilder().stateValue(next).stateReason(reason).stateReasonData(reasonData)
                .stateUpdatedTimestamp(now).stateTransitionedTimestamp(now).build();
        alarms.put(changed);
        ObjectNode history = AwsJsonCodec.MAPPER.createObjectNode().put("version", "1.0");
        history.putObject("oldState").put("stateValue", alarm.stateValueAsString()).put("stateReason", alarm.stateReason());
        history.putObject("newState").put("stateValue", next.toString()).put("stateReason", reason);
        alarms.record(AlarmHistoryItem.builder().alarmName(alarm.alarmName()).alarmType(AlarmType.METRIC_ALARM).timestamp(now)
                .historyItemType(HistoryItemType.STATE_UPDATE)
                .historySummary("Alarm updated from " + alarm.stateValueAsString() + " to " + next)
                .historyData(history.toString()).build());
        if (changed.actionsEnabled() == Boolean.FALSE) {
            return;
        }
        for (String action : actionsOf(changed, next)) {
            String summary = targetOf(action).map(target -> {
                target.invoke(region, action, changed);
                return "Successfully executed action " + action;
            }).orElse("Failed to execute action " + action + ": the ECS Labs emulator delivers only Application Auto Scaling "
                    + "actions (arn:aws:autoscaling:…:scalingPolicy:…)");
            alarms.record(AlarmHistoryItem.builder().alarmName(alarm.alarmName()).alarmType(AlarmType.METRIC_ALARM)
                    .timestamp(now).historyItemType(HistoryItemType.ACTION).historySummary(summary)
                    .historyData(AwsJsonCodec.MAPPER.createObjectNode().put("actionState", "Succeeded")
                            .put("notificationResource", action).toString()).build());
        }
    }

    private static List<String> actionsOf(MetricAlarm alarm, StateValue state) {
        return switch (state) {
            case ALARM -> alarm.alarmActions();
            case OK -> alarm.okActions();
            case INSUFFICIENT_DATA -> alarm.insufficientDataActions();
            default -> List.of();
        };
    }

    private java.util.Optional<AlarmActionTarget> targetOf(String action) {
        return targets.stream().filter(target -> target.handles(action)).findFirst();
    }
}
