package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * Cloud Map's numbers (issue: Cloud Map): DiscoverInstances latency through the real SDK on a
 * service with 1,000 instances (the most one service may hold), and how many DNS queries per
 * second the embedded DNS server answers over UDP for that service and for a small one.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.CloudMapBenchmark</pre>
 */
public final class CloudMapBenchmark {
    private static final int INSTANCES = 1_000;
    private static final int WARMUP_CALLS = 2_000;
    private static final int CALLS = 5_000;
    private static final Duration DNS_RUN = Duration.ofSeconds(5);
    private static final String ZONE = "bench.local";

    private CloudMapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name"));
        ManualClock clock = new ManualClock();
        try (Emulator emulator = Emulator.builder().clock(clock).port(0).dnsPort(0).start();
             ServiceDiscoveryClient cloudMap = client(emulator)) {
            setUp(cloudMap, clock);
            discoverInstances(cloudMap, 100);
            discoverInstances(cloudMap, 1_000);
            dns(emulator, "big." + ZONE, 1);
            dns(emulator, "big." + ZONE, 4);
            dns(emulator, "small." + ZONE, 1);
            dns(emulator, "small." + ZONE, 4);
        }
    }

    private static void setUp(ServiceDiscoveryClient cloudMap, ManualClock clock) {
        String operationId = cloudMap.createPrivateDnsNamespace(b -> b.name(ZONE).vpc(DefaultVpc.VPC_ID)).operationId();
        clock.advance(Duration.ofMinutes(1));
        String namespaceId = cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings().get("NAMESPACE");
        String big = service(cloudMap, namespaceId, "big");
        String small = service(cloudMap, namespaceId, "small");
        for (int i = 0; i < INSTANCES; i++) {
            String id = "task-" + i;
            String stage = i % 2 == 0 ? "prod" : "test";
            String ip = "172.31." + (i / 250) + "." + (i % 250 + 1);
            cloudMap.registerInstance(b -> b.serviceId(big).instanceId(id)
                    .attributes(Map.of("AWS_INSTANCE_IPV4", ip, "stage", stage)));
            if (id.equals("task-0") || id.equals("task-1") || id.equals("task-2")) {
                cloudMap.registerInstance(b -> b.serviceId(small).instanceId(id).attributes(Map.of("AWS_INSTANCE_IPV4", ip)));
            }
        }
        clock.advance(Duration.ofMinutes(1));
    }

    private static String service(ServiceDiscoveryClient cloudMap, String namespaceId, String name) {
        return cloudMap.createService(b -> b.name(name).namespaceId(namespaceId)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L)))).service().id();
    }

    private static void discoverInstances(ServiceDiscoveryClient cloudMap, int maxResults) {
        for (int i = 0; i < WARMUP_CALLS; i++) {
            cloudMap.discoverInstances(b -> b.namespaceName(ZONE).serviceName("big").maxResults(maxResults));
        }
        Measurements latency = new Measurements(CALLS);
        for (int i = 0; i < CALLS; i++) {
            long begin = System.nanoTime();
            cloudMap.discoverInstances(b -> b.namespaceName(ZONE).serviceName("big").maxResults(maxResults)
                    .queryParameters(Map.of("stage", "prod")));
            latency.add(System.nanoTime() - begin);
        }
        System.out.printf(Locale.ROOT, "DiscoverInstances through the SDK (Apache 5), %d instances, QueryParameters "
                + "stage=prod (500 match), MaxResults %d: %s%n", INSTANCES, maxResults, latency.summary());
    }

    /** Raw UDP queries with one fixed query message each, as fast as the answers come back. */
    private static void dns(Emulator emulator, String name, int clients) throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)).toWire();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            for (Future<Measurements> warmup : runDns(threads, emulator, query, clients, Duration.ofSeconds(2))) {
                warmup.get();
            }
            long begin = System.nanoTime();
            long answered = 0;
            Measurements all = new Measurements(5_000_000);
            for (Future<Measurements> future : runDns(threads, emulator, query, clients, DNS_RUN)) {
                Measurements one = future.get();
                answered += one.count();
                all.addAll(one);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "DNS A query for %s over UDP, %d client(s): %.0f answers/s, %s%n",
                    name, clients, answered / seconds, all.summary());
        } finally {
            threads.shutdown();
        }
    }

    private static List<Future<Measurements>> runDns(ExecutorService threads, Emulator emulator, byte[] query, int clients,
                                                      Duration duration) {
        List<Future<Measurements>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(threads.submit(() -> {
                Measurements mine = new Measurements(2_000_000);
                byte[] buffer = new byte[4096];
                long end = System.nanoTime() + duration.toNanos();
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.setSoTimeout(2_000);
                    DatagramPacket request = new DatagramPacket(query, query.length,
                            InetAddress.getByName("127.0.0.1"), emulator.dnsPort());
                    while (System.nanoTime() < end) {
                        long begin = System.nanoTime();
                        socket.send(request);
                        socket.receive(new DatagramPacket(buffer, buffer.length));
                        mine.add(System.nanoTime() - begin);
                    }
                }
                return mine;
            }));
        }
        return futures;
    }

    private static ServiceDiscoveryClient client(Emulator emulator) {
        return ServiceDiscoveryClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }
}
