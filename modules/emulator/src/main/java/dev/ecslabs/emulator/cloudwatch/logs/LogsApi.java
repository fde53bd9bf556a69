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
        // Checked on the SDK jar: CloudWatchLogsClient has no startLiveTail; only CloudWatchLogsAsyncClient has it, with a
        // StartLiveTailResponseHandler for the event stream it answers. The course's clients are synchronous.
        table.notServed(AwsService.LOGS, "StartLiveTail", "its answer is an event stream, which the SDK for Java reads only on "
                + "its asynchronous client (CloudWatchLogsAsyncClient.startLiveTail with a StartLiveTailResponseHandler); the "
                + "synchronous client has no such method. Follow a stream with GetLogEvents and its nextForwardToken instead.");
    }

    /** Log groups and streams (with their events) survive a restart; retention sweeps are scheduled again. */
    public static void persist(PersistentAreas areas) {
        areas.add("logs/groups", LogGroups.class, LogGroups::of)
                .add("logs/streams", LogStreams.class, LogStreams::of)
                .resumeWith((region, problems) -> LogRetention.resume(region));
    }
}
