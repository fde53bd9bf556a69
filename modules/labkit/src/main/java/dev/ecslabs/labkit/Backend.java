package dev.ecslabs.labkit;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.CreationRecorder;
import dev.ecslabs.labkit.cleanup.Poll;
import dev.ecslabs.labkit.cleanup.ResourceCleaner;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Where a test class's AWS calls go: the endpoint, region and credentials of the chosen backend,
 * and the SDK clients built for them exactly as a learner would build their own.
 */
public final class Backend {

    /** The kinds of backend, chosen with {@code labs.backend}. */
    public enum Kind { EMBEDDED, ENDPOINT, LOCALSTACK }

    private final Kind kind;
    private final URI endpoint;
    private final Region region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Emulator emulator;
    private final boolean sharedAccount;
    private volatile Boolean courseEmulator;
    /** What the clients of this backend created, to delete after the test class. */
    private final CreationRecorder recorder = new CreationRecorder(new ResourceSet());

    private static final Duration FAST_POLL = Duration.ofMillis(200);
    /** On the embedded emulator's jumping clock each wait is about one poll, so a shorter one answers sooner. */
    private static final Duration JUMPING_POLL = Duration.ofMillis(100);
    /** How often a waiter asks at most: with FAST_POLL a minute; with JUMPING_POLL half a minute, hours of AWS time. */
    private static final int MAX_POLLS = 300;

    Backend(Kind kind, URI endpoint, Region region, String accessKeyId, String secretAccessKey, Emulator emulator,
            boolean sharedAccount) {
        this.sharedAccount = sharedAccount;
        this.kind = kind;
        this.endpoint = endpoint;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.emulator = emulator;
    }

    public Kind kind() {
        return kind;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /**
     * The account the calls land in: on the embedded emulator a fresh one for every test class; on a
     * shared backend (an endpoint, LocalStack, {@code labs.sharedAccount}) one that holds other runs'
     * resources too.
     */
    public String accountId() {
        return accessKeyId.matches("\\d{12}") ? accessKeyId : "000000000000";
    }

    /** The in-process emulator, on the embedded backend only (tests may drive its clock and admin switches). */
    public Optional<Emulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    /**
     * The VPC of {@link #defaultSubnets()}, which a private DNS namespace is created in:
     * {@code labs.vpc} when given (on AWS, the default VPC's id), else the emulator's default VPC.
     */
    public String defaultVpc() {
        return LabSettings.vpc().orElse(DefaultVpc.VPC_ID);
    }

    /**
     * Where to ask DNS for Cloud Map's private DNS names, as programs inside the VPC do: the server
     * {@code labs.dnsServer} names (host:port) when it is set; else the course emulator's own DNS
     * server (the embedded one's, or the one {@code ./lab start} runs, whose port the emulator's
     * health route tells); else none. On AWS a private namespace resolves only inside its VPC, so
     * from a laptop there is none to ask.
     */
    public Optional<InetSocketAddress> dnsServer() {
        Optional<String> configured = LabSettings.dnsServer();
        if (configured.isPresent()) {
            return Optional.of(hostAndPort(configured.get()));
        }
        if (emulator != null) {
            return emulator.servesDns() ? Optional.of(new InetSocketAddress(endpoint.getHost(), emulator.dnsPort()))
                    : Optional.empty();
        }
        if (!isCourseEmulator()) {
            return Optional.empty();
        }
        OptionalInt port = EmulatorProbe.dnsPort(endpoint);
        return port.isPresent() ? Optional.of(new InetSocketAddress(endpoint.getHost(), port.getAsInt())) : Optional.empty();
    }

    private static InetSocketAddress hostAndPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 1 || !value.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("labs.dnsServer is '" + value + "'; give it as host:port, "
                    + "for example 169.254.169.253:53.");
        }
        return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    }

    /**
     * The subnets for the {@code awsvpcConfiguration} of Fargate tasks and services: those given
     * with {@code labs.subnets} (comma-separated; on AWS the default VPC's, from
     * {@code aws ec2 describe-subnets --filters Name=default-for-az,Values=true}), else the
     * emulator's default VPC's three subnets.
     */
    public List<String> defaultSubnets() {
        return LabSettings.subnets()
                .map(subnets -> Arrays.stream(subnets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(DefaultVpc.SUBNET_IDS);
    }

    /**
     * A resource name no other test run uses: {@code base} itself in a fresh account, {@code base}
     * with a short random suffix on a shared backend.
     */
    public String uniqueName(String base) {
        if (!sharedAccount) {
            return base;
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return base + "-" + suffix;
    }

    public EcsClient ecs() {
        return EcsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(recording()).build();
    }

    public EcrClient ecr() {
        return EcrClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(recording()).build();
    }

    /**
     * Cloud Map's DiscoverInstances goes to a {@code data-} host prefix; with an endpoint override
     * that prefix must be turned off, which is this client's one special line.
     */
    public ServiceDiscoveryClient cloudMap() {
        return ServiceDiscoveryClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(recording().toBuilder()
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build())
                .build();
    }

    /** Elastic Load Balancing (v2: Application and Network Load Balancers), lab 07's client. */
    public ElasticLoadBalancingV2Client elb() {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(recording()).build();
    }

    /**
     * Every client this backend builds notes what its calls create, for {@link #deleteWhatWasCreated},
     * and explains calls that found nothing (see {@link CallNotes}).
     */
    private ClientOverrideConfiguration recording() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(recorder)
                .addExecutionInterceptor(callNotes()).build();
    }

    /** What the clients of this backend have created so far (and not deleted by {@link #deleteWhatWasCreated}). */
    public ResourceSet created() {
        return recorder.created();
    }

    /**
     * Deletes what the clients of this backend created, in dependency order (services and tasks,
     * clusters, task definitions, load balancers and target groups, repositories, Cloud Map),
     * whatever the test deleted itself already; labkit calls it after each test class. It never
     * throws: the report says what could not be deleted.
     */
    public CleanupReport deleteWhatWasCreated() {
        ResourceSet created = recorder.created();
        if (created.isEmpty()) {
            return new CleanupReport(new ResourceSet(), List.of());
        }
        try (EcsClient ecs = ecs(); EcrClient ecr = ecr(); ServiceDiscoveryClient cloudMap = cloudMap();
             ElasticLoadBalancingV2Client elb = elb()) {
            return new ResourceCleaner(ecs, ecr, cloudMap, elb, this::pollUntil).delete(created);
        }
    }

    /** Sentences for calls that found nothing, which a failure they lead to then carries (see {@link CallNotes}). */
    private CallNotes callNotes() {
        return new CallNotes(accountId(), region);
    }

    /**
     * ECS waiters that poll every 200 ms on the course's emulator (embedded, or the one
     * {@code ./lab start} serves), and at the SDK's own pace (6 s for tasks, 15 s for services) on
     * LocalStack or AWS.
     */
    public EcsWaiter ecsWaiter(EcsClient ecs) {
        EcsWaiter.Builder waiter = EcsWaiter.builder().client(ecs);
        courseEmulatorWaiting().ifPresent(waiter::overrideConfiguration);
        return waiter.build();
    }

    /** ECR waiters (scans, lifecycle previews), polling as {@link #ecsWaiter} does. */
    public EcrWaiter ecrWaiter(EcrClient ecr) {
        EcrWaiter.Builder waiter = EcrWaiter.builder().client(ecr);
        courseEmulatorWaiting().ifPresent(waiter::overrideConfiguration);
        return waiter.build();
    }

    /** Elastic Load Balancing waiters (load balancer available, targets in service), polling as {@link #ecsWaiter} does. */
    public ElasticLoadBalancingV2Waiter elbWaiter(ElasticLoadBalancingV2Client elb) {
        ElasticLoadBalancingV2Waiter.Builder waiter = ElasticLoadBalancingV2Waiter.builder().client(elb);
        courseEmulatorWaiting().ifPresent(waiter::overrideConfiguration);
        return waiter.build();
    }

    /**
     * How often a waiter of a test's own should poll: every 200 ms on the course's emulator (100 ms on
     * the embedded one's jumping clock), else {@code sdkDefault}.
     */
    public Duration pollInterval(Duration sdkDefault) {
        if (emulator != null && emulator.clock() instanceof JumpingClock) {
            return JUMPING_POLL;
        }
        return isCourseEmulator() ? FAST_POLL : sdkDefault;
    }

    /**
     * Asks until {@code accepted} takes the answer, every {@link #pollInterval} (5 s on AWS) and at
     * most {@value #MAX_POLLS} times (a minute on the course's emulator), and answers the last answer
     * either way, so that the test's own assertion says what was wrong with it. An exception
     * {@code ask} throws ends the wait at once. It is the SDK's own waiter ({@link Poll#every}).
     */
    public <T> T pollUntil(Supplier<T> ask, Predicate<T> accepted) {
        return Poll.every(pollInterval(Duration.ofSeconds(5)), MAX_POLLS).until(ask, accepted);
    }

    private Optional<WaiterOverrideConfiguration> courseEmulatorWaiting() {
        if (!isCourseEmulator()) {
            return Optional.empty();
        }
        return Optional.of(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(pollInterval(FAST_POLL)))
                .maxAttempts(MAX_POLLS)
                .build());
    }

    /** Whether the endpoint is the course's own emulator: it answers {@code GET /_emulator/health}. */
    public boolean isCourseEmulator() {
        if (kind == Kind.EMBEDDED) {
            return true;
        }
        if (kind == Kind.LOCALSTACK) {
            return false;
        }
        Boolean known = courseEmulator;
        if (known == null) {
            known = EmulatorProbe.answersHealth(endpoint);
            courseEmulator = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " backend at " + endpoint + " (account " + accountId() + ", " + region + ")";
    }
}
