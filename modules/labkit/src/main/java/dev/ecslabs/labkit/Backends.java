package dev.ecslabs.labkit;

import dev.ecslabs.emulator.Emulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.regions.Region;

/**
 * Starts the chosen backend once per JVM and hands each test class its own view of it: on the
 * embedded emulator a fresh account (a new 12-digit access key), so test classes never see each
 * other's resources.
 */
final class Backends {
    private static final AtomicLong NEXT_ACCOUNT = new AtomicLong(100_000_000_000L);
    private static Emulator embedded;
    private static boolean closedAtExit;
    private static LocalStack.Running localstack;

    private Backends() {
    }

    /** Why the chosen backend can't be used here, if it can't: the tests are skipped with that sentence. */
    static Optional<String> unavailable() {
        Backend.Kind kind = LabSettings.backendKind();
        if (kind == Backend.Kind.LOCALSTACK) {
            Optional<LocalStack> localStack = LocalStack.find();
            if (localStack.isEmpty()) {
                return Optional.of(LocalStack.missing("labs.backend=localstack"));
            }
            if (System.getenv("LOCALSTACK_AUTH_TOKEN") == null) {
                return Optional.of("labs.backend=localstack, but LOCALSTACK_AUTH_TOKEN is not set: LocalStack serves ECS, "
                        + "ECR and Cloud Map only with a licence token. Set it, or use the embedded backend.");
            }
            Optional<String> why = localStack.get().unavailable();
            if (why.isPresent()) {
                return Optional.of("labs.backend=localstack, but " + why.get() + " Start Docker, or use the embedded backend.");
            }
        }
        if (kind == Backend.Kind.ENDPOINT && LabSettings.endpoint().isEmpty()) {
            return Optional.of("labs.backend=endpoint, but labs.endpoint is not set: give the URL with "
                    + "-Dlabs.endpoint=http://localhost:4566 (or LABS_ENDPOINT).");
        }
        return Optional.empty();
    }

    /**
     * Stops the embedded emulator if one runs; the next test class starts a new one with the settings
     * then in force. {@link SolutionRuns} restarts the emulator on one data directory this way.
     */
    static synchronized void closeEmbedded() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    /** A backend view for one test class. */
    static synchronized Backend forTestClass() {
        Region region = Region.of(LabSettings.region());
        return switch (LabSettings.backendKind()) {
            case EMBEDDED -> {
                if (embedded == null) {
                    // With its DNS server, so that Cloud Map's DNS names resolve as inside a VPC (Backend.dnsServer()).
                    // The jumping clock: a test waiting on AWS's timeline (tasks starting, deployments, Cloud Map)
                    // gets there without waiting it out in real time; LabSettings.jumpingClock() says why and how to turn it off.
                    Emulator.Builder builder = Emulator.builder().port(0).dnsPort(0).jumping(LabSettings.jumpingClock());
                    LabSettings.dataDirectory().ifPresent(dir -> builder.dataDirectory(Path.of(dir)));
                    embedded = builder.start();
                    if (!closedAtExit) {
                        Runtime.getRuntime().addShutdownHook(new Thread(Backends::closeEmbedded, "labkit-emulator-shutdown"));
                        closedAtExit = true;
                    }
                }
                boolean shared = LabSettings.sharedAccount();
                String account = shared ? LabSettings.accessKeyId() : String.valueOf(NEXT_ACCOUNT.incrementAndGet());
                yield new Backend(Backend.Kind.EMBEDDED, embedded.url(), region, account, "labkit", embedded, shared);
            }
            case ENDPOINT -> new Backend(Backend.Kind.ENDPOINT, URI.create(LabSettings.endpoint().orElseThrow()), region,
                    LabSettings.accessKeyId(), LabSettings.secretAccessKey(), null, true);
            case LOCALSTACK -> {
                if (localstack == null) {
                    localstack = LocalStack.find().orElseThrow(() -> new IllegalStateException(
                                    LocalStack.missing("labs.backend=localstack")))
                            .start(LabSettings.localstackImage(), System.getenv("LOCALSTACK_AUTH_TOKEN"));
                    Runtime.getRuntime().addShutdownHook(new Thread(localstack::close, "labkit-localstack-shutdown"));
                }
                yield new Backend(Backend.Kind.LOCALSTACK, localstack.endpoint(), Region.of(localstack.region()),
                        localstack.accessKeyId(), localstack.secretAccessKey(), null, true);
            }
        };
    }
}
