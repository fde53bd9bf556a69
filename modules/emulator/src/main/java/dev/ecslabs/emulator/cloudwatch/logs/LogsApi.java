package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/** Wires CloudWatch Logs' action groups into the operation table, and its areas into persistence. */
public final class LogsApi {
    private LogsApi() {
    }

    public static void register(OperationTable table) {
        new LogGroupActions().register(table);
        new LogStreamActions().register(table);
        new LogEventActions().register(table);
        table.notServed(AwsService.LOGS, "StartLiveTail", "the SDK for Java serves it only on its asynchronous client, "
                + "as an event stream over HTTP/2 (CloudWatchLogsAsyncClient.startLiveTail), which the emulator's HTTP/1.1 "
                + "endpoint does not speak; follow a stream with GetLogEvents' nextForwardToken instead");
    }

    /** Log groups and streams (with their events) survive a restart; retention sweeps are scheduled again. */
    public static void persist(PersistentAreas areas) {
        areas.add("logs/groups", LogGroups.class, LogGroups::of)
                .add("logs/streams", LogStreams.class, LogStreams::of)
                .resumeWith((region, problems) -> LogRetention.resume(region));
    }
}
