package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.iam.TaskCredentials;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.runtime.ContainerLaunch;
import dev.ecslabs.emulator.runtime.ContainerRuntime;
import dev.ecslabs.emulator.runtime.ImageConfig;
import dev.ecslabs.emulator.runtime.LocalProcessRuntime;
import dev.ecslabs.emulator.runtime.RunningContainer;
import dev.ecslabs.emulator.runtime.SimulatedRuntime;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Which runtime each container of a task got, and the real containers that run: it chooses the
 * first runtime that can run the container (the local-process one, when real processes are on,
 * then the simulated one, which runs anything), starts it when the lifecycle starts it, sends the real ones
 * SIGTERM when their task stops and SIGKILL when the lifecycle kills them, and tells
 * {@link Fargate} when one exits on its own. Real containers live in this emulator's memory only.
 */
final class ContainerProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProcesses.class);
    /** A health check of a real container waits at most this long for an answer (the lifecycle's lock is held meanwhile). */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** The runtime a container got, why it did not get the one before it, and what it was started with. */
    record Placement(ContainerRuntime runtime, String reason, ContainerLaunch launch) {
        boolean real() {
            return runtime != SimulatedRuntime.INSTANCE;
        }
    }

    /** A container port of a real container and where it answers on this machine. */
    record LocalPort(String containerName, int containerPort, int localPort) {
    }

    /** Tells the task's lifecycle that a real container exited with {@code exitCode}. */
    interface ExitListener {
        void exited(AccountRegion region, String taskId, String containerName, int exitCode);
    }

    /** Where a real container finds the task metadata endpoint: AWS's own address, which the task network maps to this emulator. */
    static final String METADATA_ENDPOINT = "http://169.254.170.2/v4/";

    /** The container a task metadata endpoint token was given to. */
    record MetadataCaller(String accountId, String region, String taskId, String containerName) {
    }

    private final List<ContainerRuntime> runtimes;
    private final Map<String, Placement> placements = new ConcurrentHashMap<>();
    private final Map<String, MetadataCaller> metadataCallers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RunningContainer> running = new ConcurrentHashMap<>();
    /** Where an awslogs-region other than the task's is found: the same account's state in that Region. */
    private final StateStore store;
    private volatile ExitListener exitListener = (region, taskId, container, code) -> { };

    /** {@code local} is {@code null} when real processes are off: every container is simulated. */
    ContainerProcesses(StateStore store, ContainerRuntime local) {
        this.store = store;
        this.runtimes = local == null ? List.of(SimulatedRuntime.INSTANCE) : List.of(local, SimulatedRuntime.INSTANCE);
    }

    void onExit(ExitListener listener) {
        exitListener = listener;
    }

    /** Chooses the container's runtime once its image is pulled, and answers it. */
    ContainerRuntime place(AccountRegion region, TaskRun run, ContainerRun container, String digest, ImageConfig image,
                           List<String> argv, List<Integer> ports) {
        String key = key(region, run.taskId(), container.name());
        if (runtimes.size() == 1) {
            placements.put(key, new Placement(SimulatedRuntime.INSTANCE, "real processes are off", null));
            return SimulatedRuntime.INSTANCE;
        }
        ContainerLaunch launch = launch(region, run, container, digest, image, argv, ports);
        ContainerRuntime chosen = null;
        Optional<String> whyNot = Optional.empty();
        for (ContainerRuntime runtime : runtimes) {
            Optional<String> refused = runtime.whyNot(launch);
            if (refused.isEmpty()) {
                chosen = runtime;
                break;
            }
            whyNot = whyNot.isPresent() ? whyNot : refused;
        }
        placements.put(key, new Placement(chosen, whyNot.orElse(null), launch));
        // Said for every JVM image (a learner wonders why theirs is simulated); the others only at debug level.
        boolean worthSaying = LocalProcessRuntime.runsJava(argv);
        if (worthSaying || LOG.isDebugEnabled()) {
            String message = "Container {} of task {} runs on the {} runtime{}";
            Object[] values = {container.name(), run.taskArn(), chosen.name(), whyNot.map(why -> ": " + why).orElse("")};
            if (worthSaying) {
                LOG.info(message, values);
            } else {
                LOG.debug(message, values);
            }
        }
        return chosen;
    }

    /**
     * Starts a container on its runtime (a container ECS adds without an image, the Service Connect
     * proxy, was never placed: it is the platform's, simulated), its output going to its awslogs
     * stream when it has one; answers the reason it could not start, empty when it did.
     */
    Optional<String> start(AccountRegion region, TaskRun run, ContainerRun container, Instant at) {
        Optional<AwsLogsDriver.Stream> logs;
        try {
            logs = AwsLogsDriver.open(store, region, run, container.name());
        } catch (AwsLogsDriver.LogDriverFailure e) {
            return Optional.of(e.getMessage());
        }
        String key = key(region, run.taskId(), container.name());
        Placement placement = placements.get(key);
        if (placement == null || !placement.real()) {
            if (container.behaviour() != null) {
                logs.ifPresent(stream -> stream.play(container.behaviour(), at, due -> Tasks.of(region).find(run.taskId())
                        .map(now -> now.stopSignalAt() != null && now.stopSignalAt().isBefore(due)).orElse(true)));
            }
            return Optional.empty();
        }
        ContainerLaunch launch = logs.map(stream -> placement.launch().withLogDriver(stream::write)).orElse(placement.launch());
        try {
            running.put(key, placement.runtime().start(launch,
                    exitCode -> exitListener.exited(region, run.taskId(), container.name(), exitCode)));
            return Optional.empty();
        } catch (ContainerRuntime.ContainerStartException e) {
            LOG.warn("Container {} of task {} could not start: {}", container.name(), run.taskArn(), e.getMessage());
            return Optional.of("CannotStartContainerError: ResourceInitializationError: " + e.getMessage());
        }
    }

    /** Keeps the real containers in step with a task's new state: SIGTERM on stopping, SIGKILL when the lifecycle killed one. */
    void changed(AccountRegion region, TaskRun before, TaskRun after) {
        if (before != null && before.stopSignalAt() == null && after.stopSignalAt() != null) {
            for (ContainerRun container : after.containers()) {
                RunningContainer process = running.get(key(region, after.taskId(), container.name()));
                if (process != null) {
                    process.stop(TaskTimings.stopTimeout(container.stopTimeout()));
                }
            }
        }
        for (ContainerRun container : after.containers()) {
            if (after.containerStopped(container.name())) {
                RunningContainer process = running.remove(key(region, after.taskId(), container.name()));
                if (process != null) {
                    process.kill();
                }
            }
        }
        if (after.status() == TaskStatus.STOPPED) {
            after.containers().forEach(container -> placements.remove(key(region, after.taskId(), container.name())));
            metadataCallers.values().removeIf(caller -> caller.taskId().equals(after.taskId())
                    && caller.accountId().equals(region.accountId()) && caller.region().equals(region.region()));
        }
    }

    /** The runtime each container of the task got, in the task's order. */
    Map<String, Placement> placements(AccountRegion region, TaskRun run) {
        Map<String, Placement> found = new LinkedHashMap<>();
        for (ContainerRun container : run.containers()) {
            Placement placement = placements.get(key(region, run.taskId(), container.name()));
            if (placement != null) {
                found.put(container.name(), placement);
            }
        }
        return found;
    }

    /** The ports of the task's running real containers, with their local port. */
    List<LocalPort> localPorts(AccountRegion region, TaskRun run) {
        List<LocalPort> ports = new ArrayList<>();
        for (ContainerRun container : run.containers()) {
            RunningContainer process = running.get(key(region, run.taskId(), container.name()));
            if (process != null) {
                process.localPorts().forEach((containerPort, localPort) ->
                        ports.add(new LocalPort(container.name(), containerPort, localPort)));
            }
        }
        return ports;
    }

    /** The operating-system processes of the task's real containers; none for a simulated task. */
    List<ProcessHandle> processes(AccountRegion region, TaskRun run) {
        List<ProcessHandle> handles = new ArrayList<>();
        for (ContainerRun container : run.containers()) {
            RunningContainer process = running.get(key(region, run.taskId(), container.name()));
            if (process != null && process.isAlive()) {
                process.process().ifPresent(handles::add);
            }
        }
        return handles;
    }

    /** The last lines a real container wrote; empty for a simulated one. */
    List<String> output(AccountRegion region, String taskId, String containerName) {
        RunningContainer process = running.get(key(region, taskId, containerName));
        return process == null ? List.of() : process.lastOutputLines();
    }

    /**
     * Whether the task answers HTTP on {@code port} at {@code path}, when a real container of it has
     * that port: a real request, answered below 400 as {@code curl -f} wants it; empty when no real
     * container has the port (the simulation answers then).
     */
    Optional<Boolean> answersHttp(AccountRegion region, TaskRun run, int port, String path) {
        for (LocalPort local : localPorts(region, run)) {
            if (local.containerPort() == port) {
                return Optional.of(get(local.localPort(), path));
            }
        }
        return Optional.empty();
    }

    private static boolean get(int localPort, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + localPort + path).toURL()
                    .openConnection();
            connection.setConnectTimeout((int) PROBE_TIMEOUT.toMillis());
            connection.setReadTimeout((int) PROBE_TIMEOUT.toMillis());
            int status = connection.getResponseCode();
            connection.disconnect();
            return status < 400;
        } catch (IOException | IllegalArgumentException notAnswered) {
            return false;
        }
    }

    /** Kills every real container: the emulator is closing. */
    void killAll() {
        exitListener = (region, taskId, container, code) -> { }; // the lifecycle closes with the emulator: no more steps
        running.values().forEach(RunningContainer::kill);
        running.clear();
    }

    private ContainerLaunch launch(AccountRegion region, TaskRun run, ContainerRun container, String digest, ImageConfig image,
                                   List<String> argv, List<Integer> ports) {
        Task task = run.task();
        Optional<ContainerDefinition> definition = TaskDefinitions.of(region).find(task.taskDefinitionArn())
                .flatMap(d -> d.containerDefinitions().stream().filter(c -> c.name().equals(container.name())).findFirst());
        Optional<ContainerOverride> override = task.overrides() == null ? Optional.empty()
                : task.overrides().containerOverrides().stream().filter(o -> container.name().equals(o.name())).findFirst();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : image.environment()) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        definition.ifPresent(d -> d.environment().forEach(pair -> put(environment, pair)));
        override.ifPresent(o -> o.environment().forEach(pair -> put(environment, pair)));
        String taskRole = task.overrides() != null && task.overrides().taskRoleArn() != null ? task.overrides().taskRoleArn()
                : TaskDefinitions.of(region).find(task.taskDefinitionArn()).map(TaskDefinition::taskRoleArn).orElse(null);
        // What ECS sets in every task's containers (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-environment-variables.html),
        // so that the SDK's default Region chain inside the app finds the task's Region; and the endpoint the SDK's
        // AWS_ENDPOINT_URL setting sends every client to: this emulator, standing in for the Region's public endpoints
        // (on AWS it is absent). The definition's own environment wins, as for any variable it sets.
        environment.putIfAbsent("AWS_REGION", region.region());
        environment.putIfAbsent("AWS_DEFAULT_REGION", region.region());
        environment.putIfAbsent("AWS_EXECUTION_ENV", task.launchType() == LaunchType.EC2 ? "AWS_ECS_EC2" : "AWS_ECS_FARGATE");
        // The emulator's own URL: it restores a restart's state only once it listens, so even a container started
        // again then knows it. Only an emulator built and never started could place one without (and says so).
        URI emulator = region.context().url();
        if (emulator == null) {
            LOG.warn("Container {} of task {} was placed before the emulator listens: it gets no AWS_ENDPOINT_URL{}",
                    container.name(), run.taskId(), taskRole == null ? "" : " and no task role credentials");
        } else {
            environment.putIfAbsent("AWS_ENDPOINT_URL", "http://127.0.0.1:" + emulator.getPort());
            if (taskRole != null) {
                // the task role, as ECS hands it to the SDK's default credential chain (iam/TaskCredentials)
                environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + emulator.getPort()
                        + TaskCredentials.PATH.replace("{task}", run.taskId()));
                environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", TaskCredentials.grant(region.accountId(), taskRole, run.taskId()));
            }
        }
        // The endpoint's path is a secret of this container: the endpoint knows its caller by it, as AWS's knows a
        // container by its address (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html).
        String token = newToken();
        metadataCallers.put(token, new MetadataCaller(region.accountId(), region.region(), run.taskId(), container.name()));
        environment.put("ECS_CONTAINER_METADATA_URI_V4", METADATA_ENDPOINT + token);
        environment.putIfAbsent("HOSTNAME", "ip-" + TaskNetworking.privateIpv4Address(task).orElse("").replace('.', '-'));
        String workingDirectory = definition.map(ContainerDefinition::workingDirectory).orElse(null);
        int cpu = definition.map(ContainerDefinition::cpu).filter(c -> c > 0).orElse(parse(task.cpu(), 1024));
        Integer memory = override.map(ContainerOverride::memory)
                .or(() -> definition.map(ContainerDefinition::memory)).orElse(parse(task.memory(), null));
        Set<Integer> allPorts = new LinkedHashSet<>(container.declaredPorts());
        allPorts.addAll(ports);
        return new ContainerLaunch(region.accountId(), region.region(), run.taskId(), container.name(), digest, image, argv,
                environment, workingDirectory != null ? workingDirectory : image.workingDirectory(), cpu, memory,
                List.copyOf(allPorts), TaskNetworking.privateIpv4Address(task).orElse("127.0.0.1"), null);
    }

    /** The container a task metadata endpoint token names, while its task is not STOPPED. */
    Optional<MetadataCaller> metadataCaller(String token) {
        return Optional.ofNullable(metadataCallers.get(token));
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes) + "-" + Integer.toUnsignedString(random.nextInt());
    }

    private static void put(Map<String, String> environment, KeyValuePair pair) {
        if (pair.name() != null) {
            environment.put(pair.name(), pair.value() == null ? "" : pair.value());
        }
    }

    private static Integer parse(String value, Integer fallback) {
        try {
            return value == null ? fallback : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String key(AccountRegion region, String taskId, String containerName) {
        return region.accountId() + "/" + region.region() + "/" + taskId + "/" + containerName;
    }
}
