package dev.ecslabs.emulator.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a runtime needs to start one container of a task: the image (digest and config),
 * the merged command line, the environment, working directory and limits of the container
 * definition with the run's overrides, and the task's network identity.
 *
 * @param argv             entry point and command as Docker merges them
 * @param workingDirectory the definition's, else the image's ({@code null} for {@code /})
 * @param cpu              CPU units (1024 = one vCPU): the container's, else the task's
 * @param memoryMiB        hard memory limit: the container's, else the task's ({@code null} when neither)
 * @param ports            the ports it listens on: its port mappings and the image's exposed ports
 * @param logDriver        where each line it writes to stdout or stderr goes besides the runtime's own
 *                         buffer: its {@code awslogs} stream, or nowhere
 */
public record ContainerLaunch(String accountId, String region, String taskId, String containerName,
                              String imageDigest, ImageConfig image, List<String> argv, Map<String, String> environment,
                              String workingDirectory, int cpu, Integer memoryMiB, List<Integer> ports,
                              String privateIp, Consumer<String> logDriver) {
    public ContainerLaunch {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        ports = List.copyOf(ports);
        logDriver = logDriver == null ? line -> { } : logDriver;
    }

    /** This launch with its output going to {@code driver}. */
    public ContainerLaunch withLogDriver(Consumer<String> driver) {
        return new ContainerLaunch(accountId, region, taskId, containerName, imageDigest, image, argv, environment,
                workingDirectory, cpu, memoryMiB, ports, privateIp, driver);
    }
}
