package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.state.AccountRegion;
import software.amazon.awssdk.services.ecs.model.Container;

/**
 * Targets that are ECS tasks: the running task with that private IP, and in it the container that
 * listens on the port, a real process on its local port (what {@code /_emulator/tasks/<id>/ports}
 * shows) or a simulated container answering as its image would.
 */
final class EcsTaskTargets implements TargetLocator {
    private final Fargate fargate;

    EcsTaskTargets(Fargate fargate) {
        this.fargate = fargate;
    }

    @Override
    public TargetEndpoint locate(AccountRegion region, String ip, int port) {
        for (TaskRun run : Tasks.of(region).all()) {
            if (!ip.equals(TaskNetworking.privateIpv4Address(run.task()).orElse(null)) || !"RUNNING".equals(run.task().lastStatus())) {
                continue;
            }
            for (Fargate.LocalContainerPort local : fargate.localPorts(region, run.taskArn())) {
                if (local.containerPort() == port) {
                    return new TargetEndpoint.Local(local.localPort());
                }
            }
            if (run.listensOn(port)) {
                String image = run.task().containers().stream().map(Container::image).filter(i -> i != null).findFirst().orElse("");
                return new TargetEndpoint.Simulated(image);
            }
        }
        return new TargetEndpoint.Nothing();
    }
}
