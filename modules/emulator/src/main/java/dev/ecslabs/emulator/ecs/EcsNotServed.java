package dev.ecslabs.emulator.ecs;

import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import java.util.List;

/**
 * Why the ECS actions the emulator leaves unserved are not served, and what to use instead: their
 * "not served" answer and COVERAGE.md say it.
 */
final class EcsNotServed {
    private static final String DAEMONS = "daemons of ECS Managed Instances capacity providers are not modelled; on "
            + "the EC2 launch type a service with schedulingStrategy DAEMON runs one task on each container instance.";
    private EcsNotServed() {
    }

    static void explain(OperationTable table) {
        for (String action : List.of("CreateDaemon", "DeleteDaemon", "DescribeDaemon", "DescribeDaemonDeployments",
                "DescribeDaemonRevisions", "ListDaemonDeployments", "ListDaemons", "UpdateDaemon",
                "RegisterDaemonTaskDefinition", "DeleteDaemonTaskDefinition", "DescribeDaemonTaskDefinition",
                "ListDaemonTaskDefinitions")) {
            table.notServed(AwsService.ECS, action, DAEMONS);
        }
    }
}
