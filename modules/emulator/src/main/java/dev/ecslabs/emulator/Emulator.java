package dev.ecslabs.emulator;

import dev.ecslabs.emulator.autoscaling.ApplicationAutoScalingApi;
import dev.ecslabs.emulator.autoscaling.groups.Ec2AutoScalingApi;
import dev.ecslabs.emulator.ecs.capacity.AutoScalingCapacity;
import dev.ecslabs.emulator.blob.BlobStorage;
import dev.ecslabs.emulator.blob.UploadSpool;
import dev.ecslabs.emulator.clock.ClientActivity;
import dev.ecslabs.emulator.clock.ClientActivityFilter;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.clock.ScaledClock;
import dev.ecslabs.emulator.cloudmap.CloudMapApi;
import dev.ecslabs.emulator.cloudmap.CloudMapDnsServer;
import dev.ecslabs.emulator.cloudwatch.logs.LogsApi;
import dev.ecslabs.emulator.cloudwatch.CloudWatchApi;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmActions;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmEvaluation;
import dev.ecslabs.emulator.ecr.EcrApi;
import dev.ecslabs.emulator.ecr.EcrPrivateRegistry;
import dev.ecslabs.emulator.ecr.LayerUploads;
import dev.ecslabs.emulator.ecr.registry.RegistryRoutes;
import dev.ecslabs.emulator.ecs.EcsApi;
import dev.ecslabs.emulator.iam.IamApi;
import dev.ecslabs.emulator.iam.TaskCredentials;
import dev.ecslabs.emulator.ecs.metrics.LoadRoute;
import dev.ecslabs.emulator.ecs.metrics.ServiceLoad;
import dev.ecslabs.emulator.ecs.metrics.ServiceUtilization;
import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.ecs.serviceconnect.ClientAliasesRoute;
import dev.ecslabs.emulator.ecs.serviceconnect.LocalAliasRoutes;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.FargateSpotRoute;
import dev.ecslabs.emulator.elb.ElbApi;
import dev.ecslabs.emulator.elb.LoadBalancerMinute;
import dev.ecslabs.emulator.elb.LoadBalancerUrlRoute;
import dev.ecslabs.emulator.ecs.instance.ContainerInstancesRoute;
import dev.ecslabs.emulator.protocol.AwsJsonEndpoint;
import dev.ecslabs.emulator.protocol.query.Ec2QueryEndpoint;
import dev.ecslabs.emulator.protocol.query.QueryEndpoint;
import dev.ecslabs.emulator.ec2.DefaultNetworkActions;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RpcV2CborEndpoint;
import dev.ecslabs.emulator.ecs.task.TaskMetadataRoute;
import dev.ecslabs.emulator.ecs.task.TaskPortsRoute;
import dev.ecslabs.emulator.runtime.ContainerImages;
import dev.ecslabs.emulator.runtime.LocalProcessRuntime;
import dev.ecslabs.emulator.runtime.UnpackedImages;
import dev.ecslabs.emulator.state.EmulatorContext;
import dev.ecslabs.emulator.state.InMemoryStateStore;
import dev.ecslabs.emulator.state.PersistentAreas;
import dev.ecslabs.emulator.state.StatePersistence;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The ECS Labs emulator: one HTTP port that answers the AWS JSON APIs of ECS, ECR and Cloud Map
 * (and ECR's registry), with its state kept per account and region and every lifecycle on one
 * clock. Embed it with {@code Emulator.start(0)}, or run the jar.
 */
public final class Emulator implements AutoCloseable {
    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final Javalin app;
    private final EmulatorClock clock;
    private final StateStore store;
    private final OperationTable operations;
    /** EC2's Query dialect: the default VPC's network (DescribeVpcs, DescribeSubnets, DescribeSecurityGroups). */
    private final Ec2QueryEndpoint ec2;
    private final StatePersistence persistence;
    private final Fargate fargate;
    private final ElbApi elb;
    private final BlobStorage registryStorage;
    private final String host;
    private final Integer dnsPort;
    private volatile CloudMapDnsServer dns;
    private volatile URI url;
    private final LocalProcessRuntime localRuntime;
    private final EmulatorContext context;
    private final CountDownLatch restored = new CountDownLatch(1);

    private Emulator(Builder builder) {
        this.host = builder.host;
        this.dnsPort = builder.dnsPort;
        PersistentAreas persistentAreas = new PersistentAreas();
        this.persistence = builder.dataDirectory == null ? null
                : StatePersistence.open(builder.dataDirectory, persistentAreas, builder.forceJournal, builder.checkpointEvery);
        Instant resumeAt = persistence == null ? null : persistence.resumeAt().orElse(null);
        Instant startAt = resumeAt != null ? resumeAt : Instant.now();
        this.clock = builder.clock != null ? builder.clock
                : builder.jumping ? new JumpingClock(builder.speed, startAt)
                : builder.jumpsOnRequest ? JumpingClock.onRequest(builder.speed, startAt) : new ScaledClock(builder.speed, startAt);
        EmulatorContext context = new EmulatorContext(clock, this::url);
        this.store = new InMemoryStateStore(context);
        this.operations = new OperationTable();
        // Image content and uploads under way live in files, never in the heap: with a data directory beside the
        // snapshot (a blob written before any snapshot links it), else in a temporary directory deleted on close.
        this.registryStorage = BlobStorage.open(builder.dataDirectory, builder.accountUploadLimit, builder.totalUploadLimit);
        EcrApi ecr = EcrApi.register(operations, registryStorage.blobs(), new LayerUploads(registryStorage.uploads(), clock));
        // Tasks pull private images from this emulator's ECR registry, and public ones from a built-in catalogue.
        // JVM images of the course's own registry run as real processes, unless that is turned off.
        Path workloads = builder.realProcesses ? workloadDirectory() : null;
        this.localRuntime = workloads == null ? null
                : new LocalProcessRuntime(workloads, new UnpackedImages(workloads.resolve("images"), ecr.blobs()));
        this.fargate = new Fargate(store, new ContainerImages(new EcrPrivateRegistry(ecr.blobs())), localRuntime);
        ServiceScheduler services = EcsApi.register(operations, fargate);
        if (localRuntime != null) {
            // last, so that it sees what Service Connect registered and deregistered in the same step
            fargate.addListener(new LocalAliasRoutes(localRuntime));
        }
        CloudMapApi.register(operations);
        this.elb = ElbApi.register(operations, fargate, host);
        elb.reportTargetHealthTo(services);
        IamApi.register(operations);
        LogsApi.register(operations);
        // CloudWatch's minute: ECS publishes its services' utilisation, the load balancers the requests they
        // carried, then alarms are evaluated on them.
        AlarmEvaluation alarmEvaluation = new AlarmEvaluation();
        EveryMinute everyMinute = new EveryMinute(clock, store).add(new ServiceUtilization(fargate))
                .add(new LoadBalancerMinute()).add(alarmEvaluation);
        elb.dataPlane().whenTrafficCounted(everyMinute::wake);
        if (clock instanceof ClientActivity activity) {
            elb.dataPlane().reportActivityTo(activity); // traffic through a load balancer is a client's activity too
        }
        AlarmActions alarms = CloudWatchApi.register(operations, everyMinute, alarmEvaluation);
        ApplicationAutoScalingApi.register(operations, services, alarms, alarmEvaluation, everyMinute);
        // EC2 Auto Scaling groups, whose instances ECS's capacity providers register, place tasks on and scale.
        Ec2AutoScalingApi ec2AutoScaling = Ec2AutoScalingApi.register(operations);
        AutoScalingCapacity.register(operations, fargate, services, ec2AutoScaling, everyMinute);
        // Restored after the wiring, so that what resumes a lifecycle (Fargate, its listeners) is in place first.
        EcsApi.persist(persistentAreas, fargate, services);
        ecr.persist(persistentAreas);
        CloudMapApi.persist(persistentAreas);
        elb.persist(persistentAreas);
        IamApi.persist(persistentAreas);
        LogsApi.persist(persistentAreas);
        CloudWatchApi.persist(persistentAreas, everyMinute);
        persistentAreas.add("ecs/load", ServiceLoad.class, ServiceLoad::of);
        ApplicationAutoScalingApi.persist(persistentAreas, everyMinute);
        ec2AutoScaling.persist(persistentAreas);
        AutoScalingCapacity.persist(persistentAreas, everyMinute);
        this.context = context; // the state is restored once the emulator listens (see startOn)
        AwsJsonEndpoint endpoint = new AwsJsonEndpoint(operations, store);
        QueryEndpoint queryEndpoint = new QueryEndpoint(operations, store);
        this.ec2 = new Ec2QueryEndpoint();
        DefaultNetworkActions.register(ec2);
        RpcV2CborEndpoint cbor = new RpcV2CborEndpoint(endpoint);
        List<HttpRoutes> routes = new ArrayList<>();
        if (persistence != null) {
            // first, so that every route's call is journaled before it is answered
            routes.add(new JournaledCalls(persistence));
        }
        routes.addAll(builder.routes);
        routes.add(new HealthRoute(this));
        routes.add(new ClockJumpsRoute(clock));
        routes.add(new RegistryRoutes(store, clock, ecr));
        routes.add(new FargateSpotRoute(fargate));
        routes.add(new ContainerInstancesRoute(store, services::resume));
        routes.add(new ClientAliasesRoute(store, localRuntime));
        routes.add(new TaskPortsRoute(store, fargate));
        routes.add(new LoadBalancerUrlRoute(store, elb.dataPlane()));
        routes.add(new TaskCredentials(store));
        routes.add(new LoadRoute(store, everyMinute));
        routes.add(new TaskMetadataRoute(fargate));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = AwsJsonEndpoint.MAX_BODY_BYTES;
            if (clock instanceof ClientActivity activity) {
                // a clock that jumps while clients are quiet must know when they are not
                config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new ClientActivityFilter(activity),
                        "/*", EnumSet.of(DispatcherType.REQUEST)));
            }
            // Calls wait while a restart restores the state: none sees half of it, and none is journaled before it.
            config.routes.before(ctx -> restored.await());
            config.routes.before(ctx -> {
                String requestId = UUID.randomUUID().toString();
                ctx.attribute(REQUEST_ID_HEADER, requestId);
                ctx.header(REQUEST_ID_HEADER, requestId);
            });
            config.routes.post("/", ctx -> {
                if (QueryEndpoint.accepts(ctx.contentType()) && Ec2QueryEndpoint.signedFor(ctx.header("Authorization"))) {
                    ec2.handle(ctx, ctx.attribute(REQUEST_ID_HEADER));
                } else if (QueryEndpoint.accepts(ctx.contentType())) {
                    queryEndpoint.handle(ctx, ctx.attribute(REQUEST_ID_HEADER));
                } else {
                    endpoint.handle(ctx, ctx.attribute(REQUEST_ID_HEADER));
                }
            });
            config.routes.post(RpcV2CborEndpoint.PATH, ctx -> cbor.handle(ctx, ctx.attribute(REQUEST_ID_HEADER)));
            routes.forEach(r -> r.addTo(config.routes));
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator on {@code port} of 127.0.0.1 (0 for any free port) with the default clock. */
    public static Emulator start(int port) {
        return builder().port(port).start();
    }

    private Emulator startOn(int port) {
        app.start(host, port);
        if (dnsPort != null) {
            try {
                dns = CloudMapDnsServer.start(host, dnsPort, store);
            } catch (RuntimeException e) {
                app.stop(); // a half-started emulator would hold the HTTP port
                throw e;
            }
        }
        url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port());
        if (localRuntime != null && answersOnLoopback(host)) {
            localRuntime.serveTaskMetadataOn(app.port());
        }
        // Restored only now that the emulator's URL is known: the real containers of tasks that were running start
        // again with AWS_ENDPOINT_URL and their task role's credentials endpoint, which both name it.
        if (persistence != null) {
            persistence.restoreAndKeep(store, context);
        }
        restored.countDown();
        return this;
    }

    /** Whether a connection to 127.0.0.1 reaches an emulator bound to {@code host} (the real containers' metadata endpoint goes there). */
    private static boolean answersOnLoopback(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Where the emulator answers, for example {@code http://127.0.0.1:4566}. */
    public URI url() {
        return url;
    }

    public int port() {
        return app.port();
    }

    /** The UDP and TCP port of the DNS server for Cloud Map's DNS namespaces; only when the builder enabled it. */
    public int dnsPort() {
        if (dns == null) {
            throw new IllegalStateException("This emulator runs no DNS server: start it with Emulator.builder().dnsPort(port).");
        }
        return dns.port();
    }

    /** Whether this emulator runs its DNS server for Cloud Map's DNS namespaces (see {@link #dnsPort()}). */
    public boolean servesDns() {
        return dns != null;
    }

    public EmulatorClock clock() {
        return clock;
    }

    public StateStore state() {
        return store;
    }

    /** The EC2 actions served (EC2's own Query dialect, outside the {@link #operations()} table). */
    public java.util.Set<String> ec2Actions() {
        return ec2.actions();
    }

    public OperationTable operations() {
        return operations;
    }

    /** Where the state is kept across restarts, when the emulator was started with a data directory. */
    public Optional<StatePersistence> persistence() {
        return Optional.ofNullable(persistence);
    }

    /**
     * The Fargate capacity the emulator's tasks run on: its Spot interruption switch
     * ({@code fargate().interruptSpotTasks(account, region, cluster)}), and the task API that
     * schedulers inside the emulator use.
     */
    public Fargate fargate() {
        return fargate;
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = Emulator.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    /**
     * Where the real containers' files go (unpacked images, the agent, the network's files): a new
     * directory of the temporary directory, made when the first real container needs it.
     */
    private static Path workloadDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ecs-labs-workloads-" + UUID.randomUUID());
    }

    @Override
    public void close() {
        if (dns != null) {
            dns.close();
        }
        app.stop();
        elb.close();
        fargate.killContainerProcesses();
        if (localRuntime != null) {
            localRuntime.close();
        }
        clock.close();
        if (persistence != null) {
            persistence.close();
        }
        registryStorage.close();
    }

    /** How to start an emulator: host, port, clock, extra routes and the optional DNS server. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private double speed = ScaledClock.DEFAULT_SPEED;
        private boolean jumping;
        private boolean jumpsOnRequest;
        private EmulatorClock clock;
        private Integer dnsPort;
        private Path dataDirectory;
        private long accountUploadLimit = UploadSpool.DEFAULT_ACCOUNT_LIMIT;
        private long totalUploadLimit = UploadSpool.DEFAULT_TOTAL_LIMIT;
        private boolean forceJournal;
        private Duration checkpointEvery = StatePersistence.CHECKPOINT_EVERY;
        private boolean realProcesses = !"false".equalsIgnoreCase(System.getenv("ECSLABS_REAL_PROCESSES"));
        private final List<HttpRoutes> routes = new ArrayList<>();

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Plays AWS's timeline this many times faster than real time (ignored when a clock is given). */
        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        /**
         * Plays the clock at its speed and also jumps to the next due lifecycle step while no client
         * request is in flight (a {@link JumpingClock}): for the course's own test runs, whose
         * waiters then wait no real time for AWS's. Ignored when a clock is given.
         */
        public Builder jumping(boolean jumping) {
            this.jumping = jumping;
            return this;
        }

        /**
         * Plays the clock at its speed, and jumps as {@link #jumping} only while a caller asks for it
         * ({@code POST /_emulator/clock/jumps}): the course's own emulator under {@code ./lab start},
         * which a person watches, and whose lab checks should not wait. Ignored when a clock is given.
         */
        public Builder jumpsOnRequest(boolean jumpsOnRequest) {
            this.jumpsOnRequest = jumpsOnRequest;
            return this;
        }

        /** Uses this clock instead of a scaled real-time one; tests give a {@code ManualClock}. */
        public Builder clock(EmulatorClock clock) {
            this.clock = clock;
            return this;
        }

        /** Also answers DNS queries for Cloud Map's DNS namespaces on this UDP and TCP port of the host (0 for any free port). */
        public Builder dnsPort(int port) {
            this.dnsPort = port;
            return this;
        }

        /**
         * Keeps the state in this directory across restarts (snapshots, see {@link StatePersistence});
         * without one, the state lives and dies with the emulator, as tests want.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * How many bytes of unfinished layer uploads the registry holds for one account and for all
         * together (defaults: {@link UploadSpool#DEFAULT_ACCOUNT_LIMIT}, {@link UploadSpool#DEFAULT_TOTAL_LIMIT}).
         */
        public Builder uploadLimits(long perAccountBytes, long totalBytes) {
            this.accountUploadLimit = perAccountBytes;
            this.totalUploadLimit = totalBytes;
            return this;
        }

        /**
         * With a data directory: forces each journal write to the disk before the calls in it are
         * answered, so that they survive a power cut too; without it, an answered call survives
         * the emulator being killed, and a power cut loses what the OS had not written yet.
         */
        public Builder forceJournal(boolean force) {
            this.forceJournal = force;
            return this;
        }

        /**
         * With a data directory: how often a checkpoint (a snapshot of everything, after which the
         * journal is truncated) is taken when something changed; 2 s unless set. Tests set it long
         * to see what the journal alone carries across a crash.
         */
        public Builder checkpointEvery(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("A checkpoint interval is positive; got " + interval);
            }
            this.checkpointEvery = interval;
            return this;
        }

        /**
         * Whether a container whose image (in this emulator's registry) runs a JVM runs as a real
         * local process (the default; environment {@code ECSLABS_REAL_PROCESSES=false} turns it off),
         * or is simulated like every other container.
         */
        public Builder realProcesses(boolean realProcesses) {
            this.realProcesses = realProcesses;
            return this;
        }

        public Builder routes(HttpRoutes extra) {
            this.routes.add(extra);
            return this;
        }

        public Emulator start() {
            Emulator emulator = new Emulator(this);
            try {
                return emulator.startOn(port);
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        }
    }
}
