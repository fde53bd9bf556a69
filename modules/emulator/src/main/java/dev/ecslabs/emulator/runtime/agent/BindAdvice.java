package dev.ecslabs.emulator.runtime.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code sun.nio.ch.Net.bind(family, fd, address, port)}: JDK types only. */
final class BindAdvice {
    private BindAdvice() {
    }

    @Advice.OnMethodEnter
    @SuppressWarnings("unchecked")
    static void enter(@Advice.Argument(value = 2, readOnly = false) InetAddress address,
                      @Advice.Argument(value = 3, readOnly = false) int port) {
        Object hook = System.getProperties().get("ecslabs.task-network.bind");
        if (hook instanceof Function) {
            Object mapped = ((Function<Object, Object>) hook).apply(new InetSocketAddress(address, port));
            if (mapped instanceof InetSocketAddress) {
                address = ((InetSocketAddress) mapped).getAddress();
                port = ((InetSocketAddress) mapped).getPort();
            }
        }
    }
}
