package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * The scheduler's work for a service with the EXTERNAL deployment controller: each task set keeps
 * its {@code computedDesiredCount} of tasks (started as a deployment's, by {@link ServiceTaskLaunches},
 * stopped newest and least started first), is STEADY_STATE when exactly that many run and none is
 * on its way up or down, STABILIZING otherwise, and a DRAINING task set is gone once its last task
 * stopped (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskSet.html).
 */
final class TaskSetScheduling {
    private TaskSetScheduling() {
    }

    static void maintain(Fargate capacity, AccountRegion region, ServiceRecord record, Instant now) {
        ServiceTaskStates tasks = ServiceTaskStates.of(region, record);
        for (TaskSetRecord set : record.taskSets()) {
            int desired = set.computedDesiredCount(record.desiredCount());
            List<ServiceTaskStates.TaskState> live = tasks.ofDeployment(set.id()).stream()
                    .filter(ServiceTaskStates.TaskState::live).toList();
            if (live.size() > desired) {
                stop(capacity, region, record, set, live, live.size() - desired, now);
            } else if (live.size() < desired) {
                ServiceTaskLaunches.start(capacity, region, record, set.launcher(), desired - live.size(), tasks, 0, now);
            }
        }
        ServiceTaskStates after = ServiceTaskStates.of(region, record);
        boolean steady = true;
        for (TaskSetRecord set : record.taskSets()) {
            List<ServiceTaskStates.TaskState> own = after.ofDeployment(set.id());
            long live = own.stream().filter(ServiceTaskStates.TaskState::live).count();
            boolean settled = live == set.computedDesiredCount(record.desiredCount())
                    && own.stream().allMatch(t -> t.live() && t.running());
            set.stability(settled ? StabilityStatus.STEADY_STATE : StabilityStatus.STABILIZING, now);
            steady &= settled;
        }
        record.taskSets().removeIf(set -> set.isDraining() && after.ofDeployment(set.id()).isEmpty());
        if (steady && !record.steady()) {
            record.events().add(now, ServiceEvents.steadyState(record.name()));
        }
        record.steady(steady);
    }

    private static void stop(Fargate capacity, AccountRegion region, ServiceRecord record, TaskSetRecord set,
                             List<ServiceTaskStates.TaskState> live, int count, Instant now) {
        // Those not yet running go first, then the newest: the longest-running tasks keep serving.
        List<ServiceTaskStates.TaskState> order = new ArrayList<>(live);
        order.sort(Comparator.comparing((ServiceTaskStates.TaskState t) -> t.running())
                .thenComparing(t -> t.task().createdAt(), Comparator.reverseOrder()));
        String reason = "Scaling activity initiated by (deployment " + set.id() + ")";
        List<String> ids = new ArrayList<>();
        for (ServiceTaskStates.TaskState task : order.subList(0, count)) {
            capacity.stop(region, task.task().taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED, reason);
            ids.add(task.taskId());
        }
        record.events().add(now, ServiceEvents.stopped(record.name(), ids));
    }
}
