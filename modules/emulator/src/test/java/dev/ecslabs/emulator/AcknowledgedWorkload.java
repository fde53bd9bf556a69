package dev.ecslabs.emulator;

import dev.ecslabs.emulator.network.DefaultVpc;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * A mixed workload of clients, each in one of a few accounts, that write down every change the
 * emulator acknowledged (creates, deletes, tags, registrations, Cloud Map operations; with
 * {@link #withTasksAndServices()}, also tasks run and tagged, ECS services created and scaled, and
 * Cloud Map services created and given instances) and can then
 * check that an emulator, restarted from the same data directory, still holds every one of them.
 * Clients never retry: a call that failed is not acknowledged, whatever it did.
 */
public final class AcknowledgedWorkload {
    private static final int ACCOUNTS = 4;

    private final int clients;
    private final long seed;
    /** Per account: cluster ARN → the status and tag keys it must have. */
    private final Map<String, Map<String, ClusterExpectation>> clusters = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> repositories = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> taskDefinitions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> operations = new ConcurrentHashMap<>();
    /** Per account: task ARN → the tag keys it must have. */
    private final Map<String, Map<String, Set<String>>> tasks = new ConcurrentHashMap<>();
    /** Per account: service ARN → the desired count last acknowledged. */
    private final Map<String, Map<String, Integer>> services = new ConcurrentHashMap<>();
    /** Per namespace account: the ids of the Cloud Map services created. */
    private final Map<String, Set<String>> cloudMapServices = new ConcurrentHashMap<>();
    private boolean tasksAndServices;
    private final AtomicLong acknowledgedChanges = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int round;

    private static final class ClusterExpectation {
        volatile String status = "ACTIVE";
        final Set<String> tagKeys = ConcurrentHashMap.newKeySet();
        final boolean temporary;

        ClusterExpectation(boolean temporary) {
            this.temporary = temporary;
        }
    }

    public AcknowledgedWorkload(int clients, long seed) {
        this.clients = clients;
        this.seed = seed;
    }

    /** Adds tasks, ECS services and Cloud Map services (with instances) to the mix. */
    public AcknowledgedWorkload withTasksAndServices() {
        tasksAndServices = true;
        return this;
    }

    /** How many changes the emulator acknowledged so far, over every round. */
    public long acknowledgedChanges() {
        return acknowledgedChanges.get();
    }

    /** Calls the emulator answered with an error: none is expected, the workload only makes valid calls. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** How many calls the clients made, answered or not. */
    public long calls() {
        return calls.get();
    }

    /** Runs the clients against {@code url} until {@code stop} is set, and returns when all of them stopped. */
    public void run(URI url, AtomicBoolean stop) throws InterruptedException {
        round++;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> client(url, client, stop), "workload-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void client(URI url, int client, AtomicBoolean stop) {
        String account = account(client);
        Random random = new Random(seed + round * 1000L + client);
        String prefix = "r" + round + "-c" + client + "-";
        List<String> temporary = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> clientTasks = new ArrayList<>();
        List<String> clientServices = new ArrayList<>();
        List<String> clientCloudMapServices = new ArrayList<>();
        String[] fargate = new String[1];
        // Cloud Map allows 50 namespaces an account: each client's namespaces of each round go to an account of their own
        String namespaceAccount = String.format("3%011d", round * 1000L + client);
        try (EcsClient ecs = ecs(url, account); EcrClient ecr = ecr(url, account);
             ServiceDiscoveryClient cloudMap = cloudMap(url, namespaceAccount)) {
            for (int n = 0; !stop.get(); n++) {
                String name = prefix + n;
                calls.incrementAndGet();
                try {
                    switch (random.nextInt(tasksAndServices ? 16 : 10)) {
                        case 0, 1, 2 -> {
                            String arn = ecs.createCluster(b -> b.clusterName("keep-" + name)).cluster().clusterArn();
                            acknowledge(clusters, account, arn, new ClusterExpectation(false));
                            kept.add(arn);
                        }
                        case 3 -> {
                            String arn = ecs.createCluster(b -> b.clusterName("temp-" + name)).cluster().clusterArn();
                            acknowledge(clusters, account, arn, new ClusterExpectation(true));
                            temporary.add(arn);
                        }
                        case 4 -> {
                            if (!temporary.isEmpty()) {
                                String arn = temporary.remove(random.nextInt(temporary.size()));
                                // until the answer, the cluster may be ACTIVE or INACTIVE: nothing is expected of it
                                ClusterExpectation expected = clusters.get(account).remove(arn);
                                ecs.deleteCluster(b -> b.cluster(arn));
                                expected.status = "INACTIVE";
                                acknowledge(clusters, account, arn, expected);
                            }
                        }
                        case 5 -> {
                            ecr.createRepository(b -> b.repositoryName("repo-" + name));
                            acknowledge(repositories, account, "repo-" + name);
                        }
                        case 6 -> acknowledge(taskDefinitions, account, ecs.registerTaskDefinition(b -> b.family("family-c" + client)
                                .containerDefinitions(c -> c.name("web").image("nginx").memory(128)))
                                .taskDefinition().taskDefinitionArn());
                        case 7 -> {
                            if (!kept.isEmpty()) {
                                String arn = kept.get(random.nextInt(kept.size()));
                                ecs.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k" + name).value("v").build()));
                                clusters.get(account).get(arn).tagKeys.add("k" + name);
                                acknowledgedChanges.incrementAndGet();
                            }
                        }
                        case 8 -> acknowledge(operations, namespaceAccount, cloudMap.createHttpNamespace(b -> b.name("ns-" + name))
                                .operationId());
                        case 10, 11 -> {
                            if (kept.isEmpty()) {
                                break;
                            }
                            String cluster = kept.get(random.nextInt(kept.size()));
                            String arn = ecs.runTask(b -> b.cluster(cluster).taskDefinition(fargate(ecs, client, fargate))
                                    .launchType(LaunchType.FARGATE).networkConfiguration(network -> network.awsvpcConfiguration(
                                            a -> a.subnets(DefaultVpc.SUBNET_IDS)))).tasks().get(0).taskArn();
                            tasks.computeIfAbsent(account, key -> new ConcurrentHashMap<>()).put(arn, ConcurrentHashMap.newKeySet());
                            acknowledgedChanges.incrementAndGet();
                            clientTasks.add(arn);
                        }
                        case 12 -> {
                            if (!clientTasks.isEmpty()) {
                                String arn = clientTasks.get(random.nextInt(clientTasks.size()));
                                ecs.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k" + name).value("v").build()));
                                tasks.get(account).get(arn).add("k" + name);
                                acknowledgedChanges.incrementAndGet();
                            }
                        }
                        case 13 -> {
                            if (kept.isEmpty()) {
                                break;
                            }
                            String cluster = kept.get(random.nextInt(kept.size()));
                            if (clientServices.isEmpty() || random.nextBoolean()) {
                                String arn = ecs.createService(b -> b.cluster(cluster).serviceName("svc-" + name)
                                        .taskDefinition(fargate(ecs, client, fargate)).desiredCount(0).launchType(LaunchType.FARGATE)
                                        .networkConfiguration(network -> network.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))))
                                        .service().serviceArn();
                                services.computeIfAbsent(account, key -> new ConcurrentHashMap<>()).put(arn, 0);
                                clientServices.add(arn);
                            } else {
                                String arn = clientServices.get(random.nextInt(clientServices.size()));
                                int count = random.nextInt(3);
                                // until the answer, either count may be kept: nothing is expected of it
                                services.get(account).remove(arn);
                                ecs.updateService(b -> b.cluster(clusterOf(arn)).service(arn).desiredCount(count));
                                services.get(account).put(arn, count);
                            }
                            acknowledgedChanges.incrementAndGet();
                        }
                        case 14, 15 -> {
                            if (clientCloudMapServices.isEmpty() || random.nextBoolean()) {
                                List<String> namespaces = cloudMap.listNamespaces().namespaces().stream().map(ns -> ns.id()).toList();
                                if (namespaces.isEmpty()) {
                                    break;
                                }
                                String id = cloudMap.createService(b -> b.name("svc-" + name).namespaceId(namespaces.get(0)))
                                        .service().id();
                                acknowledge(cloudMapServices, namespaceAccount, id);
                                clientCloudMapServices.add(id);
                            } else {
                                String id = clientCloudMapServices.get(random.nextInt(clientCloudMapServices.size()));
                                acknowledge(operations, namespaceAccount, cloudMap.registerInstance(b -> b.serviceId(id)
                                        .instanceId("i-" + name).attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.1"))).operationId());
                            }
                        }
                        default -> ecs.listClusters(b -> b.maxResults(10));
                    }
                } catch (SdkClientException e) {
                    // the emulator was killed under the call: it is not acknowledged, and this client stops
                    return;
                } catch (RuntimeException e) {
                    refused.add(e.toString());
                    return;
                }
            }
        }
    }

    /** The client's Fargate task definition, registered on first use. */
    private static String fargate(EcsClient ecs, int client, String[] registered) {
        if (registered[0] == null) {
            registered[0] = ecs.registerTaskDefinition(b -> b.family("fargate-c" + client).requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27"))).taskDefinition().taskDefinitionArn();
        }
        return registered[0];
    }

    /** The cluster name in a service ARN ({@code …:service/<cluster>/<name>}). */
    private static String clusterOf(String serviceArn) {
        String[] parts = serviceArn.split("/");
        return parts[parts.length - 2];
    }

    private void acknowledge(Map<String, Map<String, ClusterExpectation>> map, String account, String arn, ClusterExpectation expected) {
        map.computeIfAbsent(account, key -> new ConcurrentHashMap<>()).put(arn, expected);
        acknowledgedChanges.incrementAndGet();
    }

    private void acknowledge(Map<String, Set<String>> map, String account, String value) {
        map.computeIfAbsent(account, key -> ConcurrentHashMap.newKeySet()).add(value);
        acknowledgedChanges.incrementAndGet();
    }

    /** Every acknowledged change that the emulator at {@code url} does not hold, in words; empty when none is lost. */
    public List<String> missingFrom(URI url) {
        List<String> missing = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = account(a);
            try (EcsClient ecs = ecs(url, account); EcrClient ecr = ecr(url, account)) {
                Map<String, ClusterExpectation> expected = clusters.getOrDefault(account, Map.of());
                List<String> arns = new ArrayList<>(expected.keySet());
                Map<String, Cluster> found = new ConcurrentHashMap<>();
                for (int i = 0; i < arns.size(); i += 100) {
                    List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
                    ecs.describeClusters(b -> b.clusters(batch).include(ClusterField.TAGS)).clusters()
                            .forEach(cluster -> found.put(cluster.clusterArn(), cluster));
                }
                expected.forEach((arn, expectation) -> {
                    Cluster cluster = found.get(arn);
                    if (cluster == null || !cluster.status().equals(expectation.status)) {
                        missing.add("cluster " + arn + " should be " + expectation.status + " but is "
                                + (cluster == null ? "missing" : cluster.status()));
                    } else if (!expectation.temporary) {
                        Set<String> keys = new HashSet<>();
                        cluster.tags().forEach(tag -> keys.add(tag.key()));
                        expectation.tagKeys.stream().filter(key -> !keys.contains(key))
                                .forEach(key -> missing.add("tag " + key + " of cluster " + arn));
                    }
                });
                Set<String> repositoryNames = new HashSet<>();
                ecr.describeRepositoriesPaginator().repositories().stream().map(Repository::repositoryName).forEach(repositoryNames::add);
                repositories.getOrDefault(account, Set.of()).stream().filter(name -> !repositoryNames.contains(name))
                        .forEach(name -> missing.add("repository " + name + " of " + account));
                Set<String> definitions = new HashSet<>(ecs.listTaskDefinitionsPaginator().taskDefinitionArns().stream().toList());
                taskDefinitions.getOrDefault(account, Set.of()).stream().filter(arn -> !definitions.contains(arn))
                        .forEach(arn -> missing.add("task definition " + arn));
                tasks.getOrDefault(account, Map.of()).forEach((arn, tagKeys) -> {
                    String cluster = arn.split("/")[1];
                    List<Task> described = ecs.describeTasks(b -> b.cluster(cluster).tasks(arn).include(TaskField.TAGS)).tasks();
                    if (described.isEmpty()) {
                        missing.add("task " + arn);
                    } else {
                        Set<String> keys = new HashSet<>();
                        described.get(0).tags().forEach(tag -> keys.add(tag.key()));
                        tagKeys.stream().filter(key -> !keys.contains(key)).forEach(key -> missing.add("tag " + key + " of task " + arn));
                    }
                });
                services.getOrDefault(account, Map.of()).forEach((arn, count) -> {
                    List<Service> described = ecs.describeServices(b -> b.cluster(clusterOf(arn)).services(arn)).services();
                    if (described.isEmpty() || described.get(0).desiredCount() != count) {
                        missing.add("service " + arn + " with desired count " + count + " but it is "
                                + (described.isEmpty() ? "missing" : described.get(0).desiredCount()));
                    }
                });
            }
        }
        for (Map.Entry<String, Set<String>> namespaceAccount : operations.entrySet()) {
            try (ServiceDiscoveryClient cloudMap = cloudMap(url, namespaceAccount.getKey())) {
                Set<String> operationIds = new HashSet<>();
                cloudMap.listOperationsPaginator().stream().flatMap(page -> page.operations().stream()).map(OperationSummary::id)
                        .forEach(operationIds::add);
                namespaceAccount.getValue().stream().filter(id -> !operationIds.contains(id))
                        .forEach(id -> missing.add("Cloud Map operation " + id + " of " + namespaceAccount.getKey()));
            }
        }
        for (Map.Entry<String, Set<String>> namespaceAccount : cloudMapServices.entrySet()) {
            try (ServiceDiscoveryClient cloudMap = cloudMap(url, namespaceAccount.getKey())) {
                Set<String> ids = new HashSet<>();
                cloudMap.listServicesPaginator().stream().flatMap(page -> page.services().stream()).map(ServiceSummary::id).forEach(ids::add);
                namespaceAccount.getValue().stream().filter(id -> !ids.contains(id))
                        .forEach(id -> missing.add("Cloud Map service " + id + " of " + namespaceAccount.getKey()));
            }
        }
        return missing;
    }

    private static String account(int client) {
        return "10000000000" + (client % ACCOUNTS);
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    private static EcsClient ecs(URI url, String account) {
        return EcsClient.builder().endpointOverride(url).region(Region.US_EAST_1).credentialsProvider(credentials(account))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(noRetries()).build();
    }

    private static EcrClient ecr(URI url, String account) {
        return EcrClient.builder().endpointOverride(url).region(Region.US_EAST_1).credentialsProvider(credentials(account))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(noRetries()).build();
    }

    private static ServiceDiscoveryClient cloudMap(URI url, String account) {
        return ServiceDiscoveryClient.builder().endpointOverride(url).region(Region.US_EAST_1).credentialsProvider(credentials(account))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(noRetries().toBuilder()
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build())
                .build();
    }

    private static StaticCredentialsProvider credentials(String account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"));
    }
}
