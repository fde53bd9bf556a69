package dev.ecslabs.emulator;

import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;

/** {@code java -jar ecs-labs-emulator.jar [--host H] [--port N] [--speed X] [--data-dir D]}: the emulator on its own. */
public final class EmulatorMain {
    private EmulatorMain() {
    }

    public static void main(String[] args) {
        skipJettysMBeanQuery();
        Emulator.Builder builder = Emulator.builder();
        boolean dns = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
                    case "--host" -> builder.host(value(args, ++i, "--host"));
                    case "--speed" -> builder.speed(Double.parseDouble(value(args, ++i, "--speed")));
                    case "--data-dir" -> builder.dataDirectory(Path.of(value(args, ++i, "--data-dir")));
                    case "--force-journal" -> builder.forceJournal(true);
                    case "--no-real-processes" -> builder.realProcesses(false);
                    case "--dns-port" -> {
                        builder.dnsPort(Integer.parseInt(value(args, ++i, "--dns-port")));
                        dns = true;
                    }
                    case "--training-run" -> {
                        TrainingRun.run();
                        System.exit(0);
                    }
                    case "--help", "-h" -> {
                        usage(System.out);
                        return;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
        }
        Emulator emulator;
        try {
            emulator = builder.start();
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                System.err.println("Another program already uses that port. Stop it, or start the emulator on "
                        + "another one with --port.");
                System.exit(1);
            }
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        System.out.println("ECS Labs emulator " + Emulator.version() + " serves ECS, ECR and Cloud Map on " + emulator.url());
        System.out.println("Try: aws --endpoint-url " + emulator.url() + " ecs list-clusters");
        emulator.persistence().ifPresent(persistence -> System.out.println(persistence.report()));
        if (dns) {
            System.out.println("DNS for Cloud Map's DNS namespaces on UDP and TCP port " + emulator.dnsPort()
                    + ". Try: dig @" + emulator.url().getHost() + " -p " + emulator.dnsPort() + " backend.lab.local");
        }
    }

    /**
     * Jetty sizes the padding of its thread pool's queues to a cache line: unless told, it asks the
     * platform MBean server whether object references are compressed, which starts JMX and its
     * beans, about a tenth of the jar's start. 16 references of 4 bytes fill a 64-byte line, as
     * they are with compressed references (every heap under 32 GB); a wrong guess costs a little
     * padding, never correctness.
     */
    public static void skipJettysMBeanQuery() {
        System.getProperties().putIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar ecs-labs-emulator.jar [--host 127.0.0.1] [--port 4566] [--speed 20] [--dns-port 5353]"
                + " [--data-dir DIR [--force-journal]] [--no-real-processes]");
        out.println("  --host   the address to listen on (default 127.0.0.1: this machine only)");
        out.println("  --port   the port for the ECS, ECR and Cloud Map APIs and the registry (default 4566)");
        out.println("  --speed  how many times faster than AWS lifecycles run (default 20)");
        out.println("  --dns-port  also answer DNS (UDP and TCP) for Cloud Map's DNS namespaces on this port");
        out.println("  --no-real-processes  simulate every container, also those of JVM images in this emulator's registry");
        out.println("  --data-dir  keep the state in this directory, and find it there again after a restart");
        out.println("  --force-journal  force every journal write to the disk before answering (survives a power cut;"
                + " without it, a crash of the emulator)");
        out.println("  --training-run  start, answer a call of each service, stop: with java -XX:ArchiveClassesAtExit=FILE,"
                + " makes a class-data-sharing archive for faster starts (java -XX:SharedArchiveFile=FILE -jar ...)");
    }
}
