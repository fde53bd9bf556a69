package dev.ecslabs.emulator.runtime.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.nio.file.Path;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * The java agent every local-process container runs with: it gives the container the network of
 * its awsvpc task on a machine shared with other tasks. A bind to port P (on any address, the
 * task's own IP or localhost) goes to the loopback port the emulator gave the task's port P, so
 * that two replicas can both "bind 0.0.0.0:8080"; a connection to a task's private IP and port
 * (or to localhost:P of its own task) goes to that task's loopback port. It advises the JDK's one
 * place for both, {@code sun.nio.ch.Net.bind} and {@code connect}, which NIO channels and classic
 * sockets share. The advice is inlined into {@code java.base}, where only JDK types are visible:
 * it calls the mapping through a {@code java.util.function.Function} kept in the system properties.
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
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .ignore(none())
                .type(named("sun.nio.ch.Net"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(4))
                                .and(takesArgument(2, InetAddress.class))))
                        .visit(Advice.to(ConnectAdvice.class).on(named("connect").and(takesArguments(4))
                                .and(takesArgument(2, InetAddress.class)))))
                .installOn(instrumentation);
    }
}
