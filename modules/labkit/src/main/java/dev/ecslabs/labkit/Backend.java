package dev.ecslabs.labkit;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.CreationRecorder;
import dev.ecslabs.labkit.cleanup.Poll;
import dev.ecslabs.labkit.cleanup.ResourceCleaner;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import dev.ecslabs.labkit.cleanup.RunTags;
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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Where a test class's AWS calls go: the endpoint, region and credentials of the chosen backend,
 * and the SDK clients built for them exactly as a learner would build their own.
 */
public final class Backend {

    /** The kinds of backend, chosen with {@code labs.backend}. */
    public enum Kind { EMBEDDED, ENDPOINT, LOCALSTACK, AWS }

    private final Kind kind;
    private final URI endpoint;
    private final Region region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Emulator emulator;
    private final boolean sharedAccount;
    private volatile Boolean courseEmulator;
    /** On the aws backend: the tags every create call gets (see {@link RunTags}); else null. */
    private final RunTags runTags;
    private volatile String awsAccountId;
    /** On the aws backend: the account's default VPC, once EC2 was asked ({@link #defaultNetwork()}). */
    private volatile DefaultNetwork defaultNetwork;
    /** What the clients of this backend created, to delete after the test class. */
    private final CreationRecorder recorder = new CreationRecorder(new ResourceSet());

    private static final Duration FAST_POLL = Duration.ofMillis(200);
    /** On the embedded emulator's jumping clock each wait is about one poll, so a shorter one answers sooner. */
    private static final Duration JUMPING_POLL = Duration.ofMillis(100);
    /** How often a waiter asks at most: with FAST_POLL a minute; with JUMPING_POLL half a minute, hours of AWS time. */
    private static final int MAX_POLLS = 300;

    Backend(Kind kind, URI endpoint, Region region, String accessKeyId, String secretAccessKey, Emulator emulator,
            boolean sharedAccount) {
        this(kind, endpoint, region, accessKeyId, secretAccessKey, emulator, sharedAccount, null);
    }

    /**
     * The aws backend: AWS's endpoints (no {@code endpoint}, except the course's own tests'
     * {@code labs.aws.testEndpoint}), the SDK's default credential chain, and every create call tagged.
     */
    static Backend aws(URI testEndpoint, Region region, RunTags runTags) {
        return new Backend(Kind.AWS, testEndpoint, region, null, null, null, true, runTags);
    }

    /**
     * The aws backend outside a test class, as {@code ./lab cleanup --backend aws} needs it: the
     * credentials and Region the AWS CLI would use; what its clients create is tagged for {@code lab}.
     */
    public static Backend aws(String lab) {
        return Backends.aws(lab);
    }

    /** What running the labs in an AWS account costs and creates, and how to say yes: the sentence the aws backend refuses with. */
    public static String awsCosts() {
        return Backends.AWS_COSTS;
    }

    private Backend(Kind kind, URI endpoint, Region region, String accessKeyId, String secretAccessKey, Emulator emulator,
                    boolean sharedAccount, RunTags runTags) {
        this.runTags = runTags;
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

    /** The endpoint the clients are sent to; null on the aws backend, where each service has its own (see {@link #endpointOverride()}). */
    public URI endpoint() {
        return endpoint;
    }

    public Region region() {
        return region;
    }

    /** The endpoint the clients are sent to: none on the aws backend (AWS's own for the Region). */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    public AwsCredentialsProvider credentials() {
        if (kind == Kind.AWS) {
            // environment, system properties, ~/.aws profiles, SSO, container and instance roles: as the AWS CLI finds them
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** The tags the aws backend puts on everything it creates ({@code ecs-labs:lab}, {@code ecs-labs:run}); empty elsewhere. */
    public java.util.Map<String, String> runTags() {
        return runTags == null ? java.util.Map.of() : runTags.tags();
    }

    /**
     * The account the calls land in: on the embedded emulator a fresh one for every test class; on a
     * shared backend (an endpoint, LocalStack, {@code labs.sharedAccount}) one that holds other runs'
     * resources too.
     */
    public String accountId() {
        if (kind == Kind.AWS) {
            String known = awsAccountId;
            if (known == null) {
                // a bare client: the others' interceptors ask for the account themselves
                StsClientBuilder builder = StsClient.builder().region(region).credentialsProvider(credentials())
                        .httpClientBuilder(UrlConnectionHttpClient.builder());
                if (endpoint != null) {
                    builder.endpointOverride(endpoint);
                }
                try (StsClient sts = builder.build()) {
                    known = sts.getCallerIdentity().account();
                }
                awsAccountId = known;
            }
            return known;
        }
        return accessKeyId.matches("\\d{12}") ? accessKeyId : "000000000000";
    }

    /** The in-process emulator, on the embedded backend only (tests may drive its clock and admin switches). */
    public Optional<Emulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    /**
     * The VPC of {@link #defaultSubnets()}, which a private DNS namespace is created in:
     * {@code labs.vpc} when given; on the aws backend the account's default VPC, found through EC2
     * ({@link DefaultNetwork}); else the emulator's default VPC.
     */
    public String defaultVpc() {
        return LabSettings.vpc().orElseGet(() -> kind == Kind.AWS ? defaultNetwork().vpcId() : DefaultVpc.VPC_ID);
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
     * with {@code labs.subnets} (comma-separated); on the aws backend the default VPC's default
     * subnets, one per Availability Zone, found through EC2 ({@link DefaultNetwork}); else the
     * emulator's default VPC's three subnets.
     */
    public List<String> defaultSubnets() {
        return LabSettings.subnets().map(Backend::commaSeparated)
                .orElseGet(() -> kind == Kind.AWS ? defaultNetwork().subnetIds() : DefaultVpc.SUBNET_IDS);
    }

    /**
     * The security groups for the {@code awsvpcConfiguration} of tasks: {@code labs.securityGroups}
     * (comma-separated) when given; on the aws backend the default VPC's {@code default} group, found
     * through EC2; else the emulator's default group. (A task given none gets the VPC's default group anyway.)
     */
    public List<String> defaultSecurityGroups() {
        return LabSettings.securityGroups().map(Backend::commaSeparated).orElseGet(() -> {
            String group = kind == Kind.AWS ? defaultNetwork().securityGroupId() : DefaultVpc.SECURITY_GROUP_ID;
            return group == null ? List.of() : List.of(group);
        });
    }

    private static List<String> commaSeparated(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The aws backend's default VPC, asked of EC2 once per backend (the labs ask for subnets in every test). */
    private DefaultNetwork defaultNetwork() {
        DefaultNetwork known = defaultNetwork;
        if (known == null) {
            try (Ec2Client ec2 = ec2()) {
                known = DefaultNetwork.discover(ec2, region);
            }
            defaultNetwork = known;
        }
        return known;
    }

    /** EC2, for the account's network (the default VPC, its subnets and security groups). */
    public Ec2Client ec2() {
        return client(Ec2Client.builder());
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
        return client(EcsClient.builder());
    }

    public EcrClient ecr() {
        return client(EcrClient.builder());
    }

    /**
     * Cloud Map's DiscoverInstances goes to a {@code data-} host prefix; with an endpoint override
     * that prefix must be turned off, which is this client's one special line.
     */
    public ServiceDiscoveryClient cloudMap() {
        ServiceDiscoveryClientBuilder builder = ServiceDiscoveryClient.builder();
        configure(builder);
        if (endpoint != null) {
            builder.overrideConfiguration(recording().toBuilder()
                    .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build());
        }
        return builder.build();
    }

    /**
     * IAM is global: one set of roles and policies per account, whatever the Region; the course's
     * emulator keeps them whichever Region the client names, and AWS's SDKs sign IAM for us-east-1.
     */
    public IamClient iam() {
        return client(IamClient.builder());
    }

    /** CloudWatch Logs: the log groups and streams the awslogs driver writes a task's output to. */
    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.builder());
    }

    private <B extends AwsClientBuilder<B, ?>> void configure(B builder) {
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        builder.region(region).credentialsProvider(credentials()).overrideConfiguration(recording());
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
    }

    /**
     * Any SDK client of this backend, built from its {@code builder()} as {@link #ecs()} is: its endpoint
     * (none on AWS), Region, credentials, the URL-connection HTTP client, what its calls create noted:
     * {@code backend.client(ApplicationAutoScalingClient.builder())}.
     */
    public <C extends SdkClient, B extends AwsClientBuilder<B, C>> C client(B builder) {
        configure(builder);
        return builder.build();
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
        ClientOverrideConfiguration.Builder configuration = ClientOverrideConfiguration.builder();
        if (runTags != null) {
            configuration.addExecutionInterceptor(runTags); // first: the recorder then sees the tagged request
        }
        return configuration.addExecutionInterceptor(recorder).addExecutionInterceptor(callNotes()).build();
    }

    /** What the clients of this backend have created so far (and not deleted by {@link #deleteWhatWasCreated}). */
    public ResourceSet created() {
        return recorder.created();
    }

    /**
     * Deletes what the clients of this backend created, in dependency order (services and tasks,
     * clusters, task definitions, load balancers and target groups, repositories, Cloud Map, IAM roles,
     * log groups), whatever the test deleted itself already; labkit calls it after each test class. It
     * never throws: the report says what could not be deleted.
     */
    public CleanupReport deleteWhatWasCreated() {
        ResourceSet created = recorder.created();
        if (created.isEmpty()) {
            return new CleanupReport(new ResourceSet(), List.of());
        }
        try (EcsClient ecs = ecs(); EcrClient ecr = ecr(); ServiceDiscoveryClient cloudMap = cloudMap();
             ElasticLoadBalancingV2Client elb = elb(); IamClient iam = iam(); CloudWatchLogsClient logs = logs()) {
            return new ResourceCleaner(ecs, ecr, cloudMap, elb, iam, logs, this::pollUntil).delete(created);
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
        if (kind == Kind.LOCALSTACK || kind == Kind.AWS) {
            return false; // AWS's pace even when a test swaps in the emulator's endpoint: the same code path
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
        if (kind == Kind.AWS) {
            return "aws backend (" + region + (endpoint == null ? "" : ", test endpoint " + endpoint) + ")";
        }
        return kind.name().toLowerCase() + " backend at " + endpoint + " (account " + accountId() + ", " + region + ")";
    }
}
