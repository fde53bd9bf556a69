package dev.ecslabs.emulator.runtime;

import dev.ecslabs.emulator.runtime.agent.AgentJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a container whose image runs a JVM as a real process of this machine, with the JDK the
 * emulator runs on: the image (its layers from the course's own registry) is unpacked once per
 * digest, paths inside it resolve there ({@link JavaCommandLine}), the container gets its
 * environment, working directory, CPU ({@code -XX:ActiveProcessorCount}) and memory
 * ({@code -XX:MaxRAM}: the JVM sizes its heap from it as from a container's limit) and its task's
 * network ({@link LocalNetwork}, through the {@code TaskNetworkAgent}). Stopping it is SIGTERM, then
 * SIGKILL after the stop timeout, as ECS stops a container.
 */
public final class LocalProcessRuntime implements ContainerRuntime {
    public static final String NAME = "local-process";
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessRuntime.class);

    private final Path directory;
    private final UnpackedImages images;
    private final LocalNetwork network;
    private final Path java;
    private Path agentJar;

    /** Keeps unpacked images, the agent and the network's files under {@code directory}; layers come from {@code images}. */
    public LocalProcessRuntime(Path directory, UnpackedImages images) {
        this.directory = directory;
        this.images = images;
        this.network = new LocalNetwork(directory.resolve("network"));
        this.java = javaOfThisJvm();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether the command runs a JVM ({@code java …}): the images this runtime is for. */
    public static boolean runsJava(List<String> argv) {
        return JavaCommandLine.runsJava(argv);
    }

    @Override
    public Optional<String> whyNot(ContainerLaunch launch) {
        if (!JavaCommandLine.runsJava(launch.argv())) {
            return Optional.of(launch.argv().isEmpty() ? "the image runs no command"
                    : "the image runs " + launch.argv().get(0) + ", not java");
        }
        if (launch.image().layers().isEmpty()) {
            return Optional.of("the image's layers are not in this emulator's registry");
        }
        Optional<String> mainFile = JavaCommandLine.mainFile(launch.argv());
        if (mainFile.isEmpty()) {
            return Optional.of("its java command names no -jar, -cp or @argument file");
        }
        try {
            Path image = images.unpack(launch.imageDigest(), launch.image().layers());
            if (!Files.exists(Path.of(JavaCommandLine.inImage(image, mainFile.get())))) {
                return Optional.of("the image has no " + mainFile.get());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("its layers can't be unpacked: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The process runs until it exits; the lifecycle hears of that exit when it happens. */
    @Override
    public ContainerBehaviour behaviour(List<String> argv) {
        return ContainerBehaviour.RUNS_UNTIL_STOPPED;
    }

    /** The process answers SIGTERM as it will; if it has not exited at the stop timeout, it is killed. */
    @Override
    public StopSignals.StopResponse onStop(List<String> argv) {
        return StopSignals.StopResponse.IGNORES;
    }

    @Override
    public RunningContainer start(ContainerLaunch launch, IntConsumer onExit) throws ContainerStartException {
        Map<Integer, Integer> ports = network.open(launch.accountId(), launch.region(), launch.privateIp(), launch.ports());
        try {
            Path image = images.unpack(launch.imageDigest(), launch.image().layers());
            Path scratch = Files.createDirectories(directory.resolve("containers")
                    .resolve(launch.taskId() + "-" + launch.containerName().replaceAll("[^A-Za-z0-9_.-]", "_")));
            List<String> command = JavaCommandLine.of(launch.argv(), java, runtimeOptions(launch, scratch), image, scratch);
            Path workingDirectory = Path.of(JavaCommandLine.inImage(image,
                    launch.workingDirectory() == null ? "/" : launch.workingDirectory()));
            Files.createDirectories(workingDirectory);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
            Map<String, String> environment = builder.environment();
            String systemRoot = environment.get("SystemRoot"); // Windows' JVM can't start without it
            environment.clear();
            if (systemRoot != null) {
                environment.put("SystemRoot", systemRoot);
            }
            environment.putAll(launch.environment());
            Process process = builder.start();
            LocalProcess container = new LocalProcess(process, ports, new ContainerOutput(launch.logDriver()));
            String name = "container " + launch.containerName() + " of task " + launch.taskId();
            container.output.collect(process.getInputStream(), name + " stdout");
            container.output.collect(process.getErrorStream(), name + " stderr");
            LOG.info("Started {} as process {}: {}", name, process.pid(), String.join(" ", command));
            process.onExit().thenAccept(exited -> {
                LOG.info("The process of {} exited with {}", name, exited.exitValue());
                network.close(launch.accountId(), launch.region(), launch.privateIp(), launch.ports());
                onExit.accept(exited.exitValue());
            });
            return container;
        } catch (IOException | RuntimeException e) {
            network.close(launch.accountId(), launch.region(), launch.privateIp(), launch.ports());
            throw new ContainerStartException("failed to create new container runtime task: failed to create shim task: "
                    + "OCI runtime create failed: runc create failed: unable to start container process: "
                    + e.getMessage() + ": unknown", e);
        }
    }

    /** Before the image's own options: the task network's agent and names, and the container's CPU and memory. */
    private List<String> runtimeOptions(ContainerLaunch launch, Path scratch) throws IOException {
        Path settings = scratch.resolve("task-network.properties");
        Files.writeString(settings, "privateIp=" + launch.privateIp() + "\nroutes="
                + network.routesFile(launch.accountId(), launch.region()).toString().replace("\\", "\\\\") + "\n");
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + agentJar() + "=" + settings);
        options.add("-Djdk.net.hosts.file=" + network.hostsFile(launch.accountId(), launch.region()));
        options.add("-XX:ActiveProcessorCount=" + Math.max(1, (launch.cpu() + 1023) / 1024));
        if (launch.memoryMiB() != null) {
            options.add("-XX:MaxRAM=" + launch.memoryMiB() + "m");
        }
        options.add("-Xshare:auto");
        // Netty (gRPC's server and client, plain or shaded) would use its native epoll or kqueue transport, whose sockets
        // the agent cannot map: the JDK's NIO transport goes through the bind and connect the agent rewrites.
        options.add("-Dio.netty.transport.noNative=true");
        options.add("-Dio.grpc.netty.shaded.io.netty.transport.noNative=true");
        return options;
    }

    /** Whether a real container ever ran in the account-region (its names are worth keeping up to date). */
    public boolean runsContainers(String accountId, String region) {
        return network.inUse(accountId, region);
    }

    /**
     * The names tasks of the account-region reach each other by: Service Connect's client aliases
     * ({@code dnsName:port}) with the {@code ip:port} of the tasks that take their connections now,
     * those of them routed per request ({@code appProtocol} http, http2, grpc) with their protocol and
     * per-request timeout, and the A records of Cloud Map's DNS namespaces ({@code service.namespace} → IPs).
     */
    public void names(String accountId, String region, Map<String, List<String>> endpointsByAlias,
                      Map<String, PerRequestRouting> httpAliases, Map<String, List<String>> addressRecords) {
        network.names(accountId, region, endpointsByAlias, httpAliases, addressRecords);
    }

    /**
     * Where this machine reaches the Service Connect proxy of an alias routed per request
     * ({@code appProtocol} http, http2, grpc): {@code http://127.0.0.1:<port>}, as a client task's app reaches it by the alias.
     */
    public Optional<String> httpAliasUrl(String accountId, String region, String alias) {
        return network.httpAliasPort(accountId, region, alias).map(port -> "http://127.0.0.1:" + port);
    }

    /**
     * The emulator answers the task metadata endpoint on {@code port} of this machine's loopback:
     * the containers' connections to AWS's 169.254.170.2:80 go there.
     */
    public void serveTaskMetadataOn(int port) {
        network.taskMetadataOn(port);
    }

    /** After the containers were killed: no more network files, and the directory (unpacked images included) deleted. */
    public void close() {
        network.close();
        UnpackedImages.deleteDirectory(directory);
    }

    private synchronized Path agentJar() throws IOException {
        if (agentJar == null) {
            agentJar = AgentJar.write(directory.resolve("agent"));
        }
        return agentJar;
    }

    private static Path javaOfThisJvm() {
        Optional<String> command = ProcessHandle.current().info().command();
        if (command.isPresent() && Path.of(command.get()).getFileName().toString().startsWith("java")) {
            return Path.of(command.get());
        }
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    /** A container's JVM: stopped by SIGTERM ({@link Process#destroy()}), then SIGKILL ({@link Process#destroyForcibly()}). */
    private static final class LocalProcess implements RunningContainer {
        private final Process process;
        private final Map<Integer, Integer> ports;
        private final ContainerOutput output;

        LocalProcess(Process process, Map<Integer, Integer> ports, ContainerOutput output) {
            this.process = process;
            this.ports = Map.copyOf(ports);
            this.output = output;
        }

        @Override
        public Map<Integer, Integer> localPorts() {
            return ports;
        }

        @Override
        public List<String> lastOutputLines() {
            return output.lines();
        }

        @Override
        public void stop(Duration stopTimeout) {
            process.destroy();
            CompletableFuture.delayedExecutor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(this::kill);
        }

        @Override
        public void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public Optional<ProcessHandle> process() {
            return Optional.of(process.toHandle());
        }
    }

}
