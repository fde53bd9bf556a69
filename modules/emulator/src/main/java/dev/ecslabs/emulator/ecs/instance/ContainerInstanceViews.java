package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A container instance as DescribeContainerInstances shows it now: its registered resources less
 * what the tasks placed on it hold (until they are STOPPED), and how many of them run or are
 * pending. Read from the tasks every time, so it is never out of step with them.
 */
public final class ContainerInstanceViews {
    private ContainerInstanceViews() {
    }

    /** The tasks placed on the instance that still hold their reservation (not STOPPED). */
    public static List<Task> tasksOn(AccountRegion region, ContainerInstance instance) {
        List<Task> on = new ArrayList<>();
        for (TaskRun run : Tasks.of(region).all()) {
            Task task = run.task();
            if (instance.containerInstanceArn().equals(task.containerInstanceArn()) && !"STOPPED".equals(task.lastStatus())) {
                on.add(task);
            }
        }
        return on;
    }

    /** What the instance's tasks hold together. */
    public static TaskReservation reserved(AccountRegion region, ContainerInstance instance) {
        return TaskReservation.sum(tasksOn(region, instance).stream().map(TaskReservation::of).toList());
    }

    public static ContainerInstance view(AccountRegion region, ContainerInstance instance) {
        List<Task> tasks = tasksOn(region, instance);
        TaskReservation reserved = TaskReservation.sum(tasks.stream().map(TaskReservation::of).toList());
        int running = (int) tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus())).count();
        int pending = (int) tasks.stream().filter(t -> !"RUNNING".equals(t.lastStatus())
                && "RUNNING".equals(t.desiredStatus())).count();
        return instance.toBuilder()
                .remainingResources(remaining(instance.registeredResources(), reserved))
                .runningTasksCount(running)
                .pendingTasksCount(pending)
                .agentConnected(!ContainerInstances.INACTIVE.equals(instance.status()))
                .build();
    }

    static List<Resource> remaining(List<Resource> registered, TaskReservation reserved) {
        List<Resource> remaining = new ArrayList<>();
        for (Resource resource : registered) {
            switch (resource.name()) {
                case "CPU" -> remaining.add(resource.toBuilder().integerValue(resource.integerValue() - reserved.cpu()).build());
                case "MEMORY" -> remaining.add(resource.toBuilder().integerValue(resource.integerValue() - reserved.memory()).build());
                case "PORTS" -> remaining.add(resource.toBuilder().stringSetValue(union(resource.stringSetValue(), reserved.tcpPorts())).build());
                case "PORTS_UDP" -> remaining.add(resource.toBuilder().stringSetValue(union(resource.stringSetValue(), reserved.udpPorts())).build());
                default -> remaining.add(resource);
            }
        }
        return remaining;
    }

    /** PORTS in remainingResources lists the ports taken (the agent's reserved ones and the tasks'), as ECS shows it. */
    private static List<String> union(List<String> reserved, Set<Integer> taken) {
        Set<Integer> all = new TreeSet<>();
        reserved.forEach(port -> all.add(Integer.parseInt(port)));
        all.addAll(taken);
        return all.stream().map(String::valueOf).toList();
    }

    /** An integer resource of the instance's registered (or remaining) resources; 0 when it has none. */
    public static int integer(List<Resource> resources, String name) {
        return resources.stream().filter(r -> name.equals(r.name())).findFirst()
                .map(r -> r.integerValue() == null ? 0 : r.integerValue()).orElse(0);
    }

    public static Set<Integer> ports(List<Resource> resources, String name) {
        Set<Integer> ports = new TreeSet<>();
        resources.stream().filter(r -> name.equals(r.name())).findFirst()
                .ifPresent(r -> r.stringSetValue().forEach(p -> ports.add(Integer.parseInt(p))));
        return ports;
    }
}
