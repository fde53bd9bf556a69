package dev.ecslabs.labkit;

import dev.ecslabs.emulator.Emulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import dev.ecslabs.labkit.cleanup.RunTags;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Starts the chosen backend once per JVM and hands each test class its own view of it: on the
 * embedded emulator a fresh account (a new 12-digit access key), so test classes never see each
 * other's resources.
 */
final class Backends {
    private static final AtomicLong NEXT_ACCOUNT = new AtomicLong(100_000_000_000L);
    /** The in-process emulators, by {@link LabSettings#embeddedEmulator() name}; nearly always one. */
    private static final Map<String, Emulator> EMBEDDED = new HashMap<>();
    private static boolean closedAtExit;
    private static LocalStack.Running localstack;
    /** One id for every test class this JVM runs on the aws backend: the {@code ecs-labs:run} tag. */
    private static final String RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
            .format(Instant.now()) + "-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    /** Why labs.backend=aws runs nothing until the learner says yes, and what a yes means. */
    static final String AWS_COSTS = "labs.backend=aws runs the labs in your AWS account, with the credentials and Region "
            + "the AWS CLI would use, and that costs money: each lab creates ECS clusters, task definitions and services, "
            + "Fargate tasks (billed per second while they run: about $0.012 an hour for 0.25 vCPU and 0.5 GB in us-east-1), "
            + "ECR repositories, Cloud Map namespaces (a private DNS one is a Route 53 hosted zone, $0.50 a month), IAM "
            + "roles and CloudWatch Logs groups; lab 07 a load balancer (about $0.0225 an hour). Everything is tagged "
            + "ecs-labs:lab and ecs-labs:run and deleted when each test class ends; ./lab cleanup --backend aws deletes "
            + "what a failed run left. To go ahead, confirm with -Dlabs.aws.confirm=true (or LABS_AWS_CONFIRM=true). Tasks run in "
            + "the Region's default VPC, found through EC2 (or the VPC and subnets you name with -Dlabs.vpc=vpc-… "
            + "-Dlabs.subnets=subnet-…,subnet-…).";

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
        if (kind == Backend.Kind.AWS && !LabSettings.awsConfirmed()) {
            return Optional.of(AWS_COSTS);
        }
        if (kind == Backend.Kind.ENDPOINT && LabSettings.endpoint().isEmpty()) {
            return Optional.of("labs.backend=endpoint, but labs.endpoint is not set: give the URL with "
                    + "-Dlabs.endpoint=http://localhost:4566 (or LABS_ENDPOINT).");
        }
        return Optional.empty();
    }

    /** The aws backend for lab {@code lab}, whatever labs.backend says (the lab tool's cleanup asks for it by name). */
    static Backend aws(String lab) {
        return Backend.aws(LabSettings.awsTestEndpoint().map(URI::create).orElse(null), awsRegion(), new RunTags(lab, RUN_ID));
    }

    /** labs.region when given, else the SDK's own Region chain (AWS_REGION, ~/.aws/config), as the AWS CLI finds it. */
    private static Region awsRegion() {
        Optional<String> chosen = LabSettings.get("labs.region");
        if (chosen.isPresent()) {
            return Region.of(chosen.get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException none) {
            throw new IllegalStateException("labs.backend=aws needs a Region: set AWS_REGION, a region in ~/.aws/config, "
                    + "or -Dlabs.region=eu-west-1.", none);
        }
    }

    /**
     * Stops the embedded emulators that run; the next test class starts a new one with the settings
     * then in force. {@link SolutionRuns} restarts the emulator on one data directory this way.
     */
    static synchronized void closeEmbedded() {
        EMBEDDED.values().forEach(Emulator::close);
        EMBEDDED.clear();
    }

    /** A backend view for one test class. */
    static synchronized Backend forTestClass() {
        return forTestClass("none");
    }

    /** A backend view for one test class of lab {@code lab} (the aws backend tags what it creates with it). */
    static synchronized Backend forTestClass(String lab) {
        Region region = Region.of(LabSettings.region());
        return switch (LabSettings.backendKind()) {
            case AWS -> aws(lab);
            case EMBEDDED -> {
                Emulator embedded = EMBEDDED.get(LabSettings.embeddedEmulator());
                if (embedded == null) {
                    // With its DNS server, so that Cloud Map's DNS names resolve as inside a VPC (Backend.dnsServer()).
                    // The jumping clock: a test waiting on AWS's timeline (tasks starting, deployments, Cloud Map)
                    // gets there without waiting it out in real time; LabSettings.jumpingClock() says why and how to turn it off.
                    Emulator.Builder builder = Emulator.builder().port(0).dnsPort(0).jumping(LabSettings.jumpingClock());
                    LabSettings.dataDirectory().ifPresent(dir -> builder.dataDirectory(Path.of(dir)));
                    embedded = builder.start();
                    EMBEDDED.put(LabSettings.embeddedEmulator(), embedded);
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
