package dev.ecslabs.labkit;

import java.util.Locale;
import java.util.Optional;

/**
 * The course's settings, each read from a system property or else an environment variable:
 * {@code -Dlabs.backend=endpoint} or {@code LABS_BACKEND=endpoint}; a few also from what the
 * course's tools saved in {@code .labs/settings.properties} ({@link SavedSettings}). They are listed
 * in the README.
 */
public final class LabSettings {
    private LabSettings() {
    }

    /** {@code labs.backend} / {@code LABS_BACKEND}: embedded (default), endpoint, localstack or aws. */
    public static Backend.Kind backendKind() {
        String value = get("labs.backend").orElse("embedded").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "embedded" -> Backend.Kind.EMBEDDED;
            case "endpoint" -> Backend.Kind.ENDPOINT;
            case "localstack" -> Backend.Kind.LOCALSTACK;
            case "aws" -> Backend.Kind.AWS;
            default -> throw new IllegalArgumentException("labs.backend is '" + value
                    + "'; it must be embedded, endpoint, localstack or aws.");
        };
    }

    /** {@code labs.endpoint} / {@code LABS_ENDPOINT}: the URL of an AWS-compatible endpoint. */
    public static Optional<String> endpoint() {
        return get("labs.endpoint");
    }

    /** {@code labs.region} / {@code LABS_REGION}, default us-east-1. */
    public static String region() {
        return get("labs.region").orElse("us-east-1");
    }

    /** {@code labs.accessKeyId} / {@code LABS_ACCESS_KEY_ID}: on a shared emulator a 12-digit key is your own account. */
    public static String accessKeyId() {
        return get("labs.accessKeyId").orElse("test");
    }

    /** {@code labs.secretAccessKey} / {@code LABS_SECRET_ACCESS_KEY}. */
    public static String secretAccessKey() {
        return get("labs.secretAccessKey").orElse("test");
    }

    /** {@code labs.localstackImage} / {@code LABS_LOCALSTACK_IMAGE}: ECS, ECR and Cloud Map need LocalStack's licensed image. */
    public static String localstackImage() {
        return get("labs.localstackImage").orElse("localstack/localstack-pro:4.10");
    }

    /** {@code labs.subnets} / {@code LABS_SUBNETS}: comma-separated subnet ids for awsvpc tasks on a backend other than the embedded one. */
    public static Optional<String> subnets() {
        return get("labs.subnets");
    }

    /**
     * {@code labs.dnsServer} / {@code LABS_DNS_SERVER}: {@code host:port} of a DNS server that answers
     * Cloud Map's private DNS names, for a backend whose DNS the course can't find by itself (on AWS,
     * from inside the VPC: its Route 53 Resolver, {@code 169.254.169.253:53}).
     */
    public static Optional<String> dnsServer() {
        return get("labs.dnsServer");
    }

    /**
     * {@code labs.securityGroups} / {@code LABS_SECURITY_GROUPS}: comma-separated security group ids for awsvpc tasks
     * on the aws backend; else the default VPC's {@code default} group.
     */
    public static Optional<String> securityGroups() {
        return get("labs.securityGroups");
    }

    /** {@code labs.vpc} / {@code LABS_VPC}: the VPC of {@code labs.subnets}, for Cloud Map's private DNS namespaces. */
    public static Optional<String> vpc() {
        return get("labs.vpc");
    }

    /** {@code labs.progressFile} / {@code LABS_PROGRESS_FILE}: where exercise results are kept. */
    public static Optional<String> progressFile() {
        return get("labs.progressFile");
    }

    /** {@code labs.runner} / {@code LABS_RUNNER}: who runs the tests, recorded with each result (maven, ide, cli, dashboard). */
    public static Optional<String> runner() {
        return get("labs.runner");
    }

    /**
     * {@code labs.sharedAccount} / {@code LABS_SHARED_ACCOUNT}: on the embedded backend, every test
     * class in the account of {@code labs.accessKeyId} instead of a fresh one, as runs against
     * {@code ./lab start} are. The course build runs each solution this way too.
     */
    public static boolean sharedAccount() {
        return get("labs.sharedAccount").map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * {@code labs.keepResources} / {@code LABS_KEEP_RESOURCES}: keep what a test class created
     * instead of deleting it after the class, to look at it afterwards (on the dashboard's resources
     * page, say); {@code ./lab clean} empties the account later.
     */
    public static boolean keepResources() {
        return get("labs.keepResources").map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * {@code labs.jumpingClock} / {@code LABS_JUMPING_CLOCK}, default true: the embedded emulator's
     * clock jumps to the next due lifecycle step while the test only polls, so a test waits no real
     * time for AWS's minutes (every step keeps its order and its AWS timestamps); false plays AWS's
     * timeline twenty times faster throughout, to watch it go by.
     */
    public static boolean jumpingClock() {
        return get("labs.jumpingClock").map(Boolean::parseBoolean).orElse(true);
    }

    /**
     * {@code labs.aws.confirm} / {@code LABS_AWS_CONFIRM}: the learner's yes to running the labs in
     * their AWS account, which costs money; without it {@code labs.backend=aws} runs nothing.
     */
    public static boolean awsConfirmed() {
        return get("labs.aws.confirm").map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * {@code labs.aws.testEndpoint}: for the course's own tests only, the endpoint the aws backend's
     * clients are sent to instead of AWS's (the emulator), so that the aws backend's code path (the
     * default credential and Region chains, the tags, the teardown) runs where no AWS account is.
     * A system property only, never the environment or a saved setting: a learner can't set it by accident.
     */
    static Optional<String> awsTestEndpoint() {
        return Optional.ofNullable(System.getProperty("labs.aws.testEndpoint")).filter(v -> !v.isBlank());
    }

    /**
     * {@code labs.embeddedEmulator}: which of this JVM's in-process emulators the embedded backend uses, by name;
     * every run without one shares the same. The course check gives each of its threads its own: a jumping clock
     * jumps only while no client calls it, and four labs polling one emulator would leave it few quiet moments.
     */
    public static String embeddedEmulator() {
        return get("labs.embeddedEmulator").orElse("");
    }

    /** {@code labs.dataDir} / {@code LABS_DATA_DIR}: where the embedded emulator keeps its state across JVMs. */
    public static Optional<String> dataDirectory() {
        return get("labs.dataDir");
    }

    /**
     * A setting from the current lab run's own settings ({@link RunScopedSettings}: the lab tool runs labs side by
     * side), else a system property, else the environment, else what the course's tools saved ({@link SavedSettings}).
     */
    static Optional<String> get(String property) {
        String value = RunScopedSettings.property(property);
        if (value == null || value.isBlank()) {
            String env = property.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
            value = System.getenv(env);
        }
        if (value == null || value.isBlank()) {
            return SAVED.contains(property) ? SavedSettings.get(property).filter(v -> !v.isBlank()) : Optional.empty();
        }
        return Optional.of(value);
    }

    /** The settings the course's tools may save for every runner: where a classroom's shared emulator is, and whose account. */
    static final java.util.Set<String> SAVED = java.util.Set.of("labs.backend", "labs.endpoint", "labs.accessKeyId",
            "labs.secretAccessKey");

    /** Whether the learner or a saved setting chose a backend (then runs go there, not to {@code ./lab start}'s). */
    public static boolean backendChosen() {
        return get("labs.backend").isPresent();
    }
}
