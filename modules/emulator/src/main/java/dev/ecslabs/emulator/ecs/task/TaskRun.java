package dev.ecslabs.emulator.ecs.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * A task as the emulator keeps it: the {@link Task} ECS reports (tags included), its containers as
 * the simulation runs them, and the two instants of its life that ECS does not report. Everything
 * the lifecycle needs to work out the task's next step is here, so a task can be saved and resumed.
 *
 * @param activatingAt when it became ACTIVATING ({@code null} before)
 * @param stopSignalAt when its containers were sent SIGTERM ({@code null} before)
 */
public record TaskRun(Task task, List<ContainerRun> containers, Instant activatingAt, Instant stopSignalAt) {

    public TaskRun {
        containers = List.copyOf(containers);
    }

    public String taskArn() {
        return task.taskArn();
    }

    /** The task's id: the last part of its ARN ({@code …:task/<cluster>/<id>}). */
    public String taskId() {
        return idOf(task.taskArn());
    }

    public String clusterName() {
        return task.clusterArn().substring(task.clusterArn().indexOf(":cluster/") + ":cluster/".length());
    }

    public TaskStatus status() {
        return TaskStatus.of(task.lastStatus());
    }

    /** Whether the task's desired status is STOPPED: something asked it to stop, or it failed. */
    public boolean stopRequested() {
        return TaskStatus.STOPPED.name().equals(task.desiredStatus());
    }

    /** The container ECS reports under this name. */
    public Container container(String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Whether a RUNNING container of the task listens on {@code port}: a request to the task there is answered. */
    public boolean listensOn(int port) {
        for (ContainerRun run : containers) {
            if (TaskStatus.RUNNING.name().equals(container(run.name()).lastStatus()) && run.listeningPorts() != null
                    && run.listeningPorts().contains(port)) {
                return true;
            }
        }
        return false;
    }

    public boolean containerStopped(String name) {
        return TaskStatus.STOPPED.name().equals(container(name).lastStatus());
    }

    public boolean allContainersStopped() {
        return task.containers().stream().allMatch(c -> TaskStatus.STOPPED.name().equals(c.lastStatus()));
    }

    /**
     * This run with its desired status STOPPED, for {@code stopCode} and {@code reason}, from
     * {@code at}; unchanged when it is already stopping (the first reason stays).
     */
    TaskRun requestStop(Instant at, TaskStopCode stopCode, String reason) {
        if (stopRequested()) {
            return this;
        }
        return withTask(t -> t.desiredStatus(TaskStatus.STOPPED.name()).stopCode(stopCode).stoppedReason(reason)
                .stoppingAt(at));
    }

    TaskRun withTask(UnaryOperator<Task.Builder> change) {
        return new TaskRun(change.apply(task.toBuilder()).build(), containers, activatingAt, stopSignalAt);
    }

    /** This run with one container's report changed. */
    TaskRun withContainer(String name, UnaryOperator<Container.Builder> change) {
        List<Container> changed = new ArrayList<>();
        for (Container container : task.containers()) {
            changed.add(container.name().equals(name) ? change.apply(container.toBuilder()).build() : container);
        }
        return new TaskRun(task.toBuilder().containers(changed).build(), containers, activatingAt, stopSignalAt);
    }

    /** This run with one container's simulation state replaced. */
    TaskRun withRun(ContainerRun run) {
        List<ContainerRun> changed = new ArrayList<>();
        for (ContainerRun container : containers) {
            changed.add(container.name().equals(run.name()) ? run : container);
        }
        return new TaskRun(task, changed, activatingAt, stopSignalAt);
    }

    TaskRun activatingAt(Instant at) {
        return new TaskRun(task, containers, at, stopSignalAt);
    }

    TaskRun stopSignalAt(Instant at) {
        return new TaskRun(task, containers, activatingAt, at);
    }

    static String idOf(String taskArnOrId) {
        return taskArnOrId.substring(taskArnOrId.lastIndexOf('/') + 1);
    }
}
