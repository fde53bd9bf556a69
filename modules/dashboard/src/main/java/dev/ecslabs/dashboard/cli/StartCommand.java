package dev.ecslabs.dashboard.cli;

import dev.ecslabs.emulator.Emulator;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab start}: the course's emulator on port 4566, until Ctrl-C. */
@Command(name = "start", description = "Start the course's AWS emulator (ECS, ECR, Cloud Map) and keep it running until Ctrl-C.")
public final class StartCommand implements Callable<Integer> {

    @Option(names = "--port", description = "The emulator's port (default: ${DEFAULT-VALUE}).")
    int port = Emulator.DEFAULT_PORT;

    @Option(names = "--host", description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host = Emulator.DEFAULT_HOST;

    @Spec
    CommandSpec spec;

    /** Counted down once the course is up. */
    final CountDownLatch started = new CountDownLatch(1);

    /** Counted down to stop a started course (tests use it; Ctrl-C stops the JVM instead). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Emulator emulator;
        try {
            emulator = Emulator.builder().host(host).port(port).start();
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                err.println("Port " + port + " is already in use: is the course already running in another terminal? "
                        + "Stop that one, or start on another port with ./lab start --port 4567.");
                return 1;
            }
            throw e;
        }
        Thread shutdown = new Thread(emulator::close, "lab-start-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("ECS Labs is running.");
        out.println("  AWS endpoint (ECS, ECR, Cloud Map): " + emulator.url());
        out.println("  Try: aws --endpoint-url " + emulator.url() + " ecs list-clusters");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        started.countDown();
        try {
            stop.await();
        } finally {
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping; the hook runs anyway
            }
        }
        return 0;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
