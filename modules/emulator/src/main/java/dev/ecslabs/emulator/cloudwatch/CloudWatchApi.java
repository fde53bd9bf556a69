package dev.ecslabs.emulator.cloudwatch;

import dev.ecslabs.emulator.cloudwatch.metrics.MetricActions;
import dev.ecslabs.emulator.cloudwatch.metrics.MetricDataActions;
import dev.ecslabs.emulator.cloudwatch.metrics.Metrics;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/** Wires CloudWatch's action groups into the operation table, and its areas into persistence. */
public final class CloudWatchApi {
    private CloudWatchApi() {
    }

    public static void register(OperationTable table) {
        new MetricActions().register(table);
        new MetricDataActions().register(table);
    }

    public static void persist(PersistentAreas areas) {
        areas.add("cloudwatch/metrics", Metrics.class, Metrics::of);
    }
}
