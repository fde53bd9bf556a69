package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The Fargate task numbers (issue: Fargate tasks): 1,000 tasks running at once on one emulator at
 * its default speed, each with a health check every 30 s (AWS time) like lab 02's web app.
 * RunTask latency, the time until all are RUNNING, DescribeTasks of 100 ARNs while they run (1
 * and 8 clients), ListTasks over every page, and the heap the tasks take.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.TasksBenchmark</pre>
 */
public final class TasksBenchmark {
    private static final int TASKS = 1_000;
    private static final int DESCRIBE_CALLS_PER_CLIENT = 2_000;
    private static final String CLUSTER = "bench";

    private TasksBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        try (Emulator emulator = Emulator.start(0); EcsClient ecs = client(emulator)) {
            setUp(ecs);
            warmUp(ecs);
            long heapBefore = usedHeap();
            List<String> arns = runTasks(ecs);
            waitUntilAllRunning(ecs, arns);
            long heapAfter = usedHeap();
            System.out.printf(Locale.ROOT, "Heap used by %d running tasks: %.1f MiB (%.1f KiB a task)%n", TASKS,
                    (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / TASKS);
            describeTasks(emulator, arns, 1);
            describeTasks(emulator, arns, 8);
            listTasks(ecs);
            stopAll(ecs, arns);
        }
    }

    private static void setUp(EcsClient ecs) {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        ecs.createCluster(b -> b.clusterName("warm-up"));
        ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("public.ecr.aws/nginx/nginx:1.27")
                        .portMappings(p -> p.containerPort(80))
                        .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost/ || exit 1")).build()));
    }

    /** Runs and stops a few hundred tasks in another cluster, so that the measured calls find the JVM warm. */
    private static void warmUp(EcsClient ecs) {
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ecs.runTask(b -> b.cluster("warm-up").taskDefinition("web").count(10).launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))))
                    .tasks().forEach(task -> warm.add(task.taskArn()));
        }
        for (int i = 0; i < 2_000; i++) {
            int from = (i * 100) % warm.size();
            ecs.describeTasks(b -> b.cluster("warm-up").tasks(warm.subList(from, Math.min(warm.size(), from + 100))));
        }
        warm.forEach(arn -> ecs.stopTask(b -> b.cluster("warm-up").task(arn)));
    }

    private static List<String> runTasks(EcsClient ecs) {
        Measurements runTask = new Measurements(TASKS);
        List<String> arns = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < TASKS; i++) {
            long start = System.nanoTime();
            Task task = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("web").launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))).tasks().get(0);
            runTask.add(System.nanoTime() - start);
            arns.add(task.taskArn());
        }
        System.out.printf(Locale.ROOT, "RunTask (count 1) x %d, 1 client: %s; %.1f s for all%n", TASKS, runTask.summary(),
                (System.nanoTime() - begin) / 1e9);
        return arns;
    }

    private static void waitUntilAllRunning(EcsClient ecs, List<String> arns) throws InterruptedException {
        long begin = System.nanoTime();
        while (true) {
            int running = 0;
            for (int from = 0; from < arns.size(); from += 100) {
                List<String> page = arns.subList(from, Math.min(arns.size(), from + 100));
                running += (int) ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(page)).tasks().stream()
                        .filter(task -> "RUNNING".equals(task.lastStatus())).count();
            }
            if (running == arns.size()) {
                break;
            }
            Thread.sleep(100);
        }
        int count = ecs.describeClusters(b -> b.clusters(CLUSTER)).clusters().get(0).runningTasksCount();
        System.out.printf(Locale.ROOT, "All %d RUNNING %.1f s after the last RunTask (runningTasksCount %d)%n", arns.size(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis() / 1000.0, count);
    }

    private static void describeTasks(Emulator emulator, List<String> arns, int clients) throws Exception {
        List<EcsClient> ecs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ecs.add(client(emulator));
        }
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Measurements>> futures = new ArrayList<>();
            long begin = System.nanoTime();
            for (EcsClient client : ecs) {
                futures.add(threads.submit(() -> {
                    Measurements mine = new Measurements(DESCRIBE_CALLS_PER_CLIENT);
                    for (int i = 0; i < DESCRIBE_CALLS_PER_CLIENT; i++) {
                        int from = (i * 100) % arns.size();
                        List<String> page = arns.subList(from, from + 100);
                        long start = System.nanoTime();
                        client.describeTasks(b -> b.cluster(CLUSTER).tasks(page));
                        mine.add(System.nanoTime() - start);
                    }
                    return mine;
                }));
            }
            Measurements all = new Measurements(DESCRIBE_CALLS_PER_CLIENT * clients);
            for (Future<Measurements> future : futures) {
                all.addAll(future.get());
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "DescribeTasks (100 ARNs) with %d tasks running, %d client(s): %s; %.0f calls/s%n",
                    arns.size(), clients, all.summary(), all.count() / seconds);
        } finally {
            threads.shutdown();
            ecs.forEach(EcsClient::close);
        }
    }

    private static void listTasks(EcsClient ecs) {
        Measurements list = new Measurements(100);
        int found = 0;
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            found = (int) ecs.listTasksPaginator(b -> b.cluster(CLUSTER)).taskArns().stream().count();
            list.add(System.nanoTime() - start);
        }
        System.out.println("ListTasks, every page (" + found + " ARNs in pages of 100), 1 client: " + list.summary());
    }

    private static void stopAll(EcsClient ecs, List<String> arns) {
        Measurements stop = new Measurements(arns.size());
        for (String arn : arns) {
            long start = System.nanoTime();
            ecs.stopTask(b -> b.cluster(CLUSTER).task(arn));
            stop.add(System.nanoTime() - start);
        }
        System.out.println("StopTask x " + arns.size() + ", 1 client: " + stop.summary());
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static EcsClient client(Emulator emulator) {
        return EcsClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }
}
