package dev.ecslabs.emulator.cloudwatch;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmActions;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmEvaluation;
import dev.ecslabs.emulator.cloudwatch.alarms.Alarms;
import dev.ecslabs.emulator.cloudwatch.metrics.MetricActions;
import dev.ecslabs.emulator.cloudwatch.metrics.MetricDataActions;
import dev.ecslabs.emulator.cloudwatch.metrics.Metrics;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/** Wires CloudWatch's action groups into the operation table, and its areas into persistence. */
public final class CloudWatchApi {
    private CloudWatchApi() {
    }

    /**
     * Registers CloudWatch's actions; what they create that needs CloudWatch's minute wakes {@code everyMinute}.
     * Answers the alarm actions, through which Application Auto Scaling puts and deletes its alarms.
     */
    public static AlarmActions register(OperationTable table, EveryMinute everyMinute, AlarmEvaluation evaluation) {
        new MetricActions(everyMinute).register(table);
        new MetricDataActions(everyMinute).register(table);
        AlarmActions alarms = new AlarmActions(everyMinute, evaluation);
        alarms.register(table);
        return alarms;
    }

    /** CloudWatch's areas, and the minute woken again after a restore. */
    public static void persist(PersistentAreas areas, EveryMinute everyMinute) {
        areas.add("cloudwatch/metrics", Metrics.class, Metrics::of)
                .add("cloudwatch/alarms", Alarms.class, Alarms::of)
                .resumeWith((region, problems) -> everyMinute.wake());
    }
}
