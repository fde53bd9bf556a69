package dev.ecslabs.emulator.runtime.agent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * The java agent every local-process container runs with: it gives the container the network of
 * its awsvpc task on a machine shared with other tasks. A bind to port P (on any address, the
 * task's own IP or localhost) goes to the loopback port the emulator gave the task's port P, so
 * that two replicas can both "bind 0.0.0.0:8080"; a connection to a task's private IP and port
 * (or to localhost:P of its own task, or to a Service Connect name's address) goes to that task's
 * loopback port. {@link SocketCallRewriter} puts the hook into the JDK's {@code sun.nio.ch.Net},
 * which NIO channels and classic sockets share; the hooks, {@link TaskAddresses}, are handed over
 * as {@code java.util.function.Function}s in the system properties, the one kind of object both
 * {@code java.base} and the agent see. It also ends the JVM (exit 137) when the emulator's process
 * ends, however it ends.
 *
 * <p>Its argument is the path of a properties file: {@code privateIp} (the task's address) and
 * {@code routes} (the account-region's file of {@code ip:port=loopbackPort} lines, rewritten by the
 * emulator as tasks come and go).
 */
public final class TaskNetworkAgent {
    public static final String BIND_HOOK = "ecslabs.task-network.bind";
    public static final String CONNECT_HOOK = "ecslabs.task-network.connect";

    private TaskNetworkAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) throws Exception {
        TaskAddresses addresses = TaskAddresses.load(Path.of(argument));
        System.getProperties().put(BIND_HOOK, addresses.bindHook());
        System.getProperties().put(CONNECT_HOOK, addresses.connectHook());
        // A container does not outlive its host: were the emulator killed (kill -9), its JVMs would keep their ports.
        ProcessHandle.current().parent().ifPresent(emulator -> emulator.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
        instrumentation.addTransformer(new SocketCallRewriter(), true);
        instrumentation.retransformClasses(Class.forName(SocketCallRewriter.NET.replace('/', '.')));
    }
}
