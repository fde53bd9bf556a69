package dev.ecslabs.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import dev.ecslabs.emulator.runtime.JavaAppImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * Real workloads (issue 17): the wall time from RunTask to the first HTTP answer of a Java app
 * image pushed with Jib (the tests' JDK-only HelloApp: a Javalin image starts slower), at the
 * default speed (20), one task at a time; then the resident memory of each app process with
 * {@code -XX:MaxRAM=512m} (a 512 MiB task: default heap at most 128 MiB), read from /proc (Linux).
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.WorkloadsBenchmark</pre>
 */
public final class WorkloadsBenchmark {
    private static final int ROUNDS = 10;
    private static final String ACCOUNT = "410987654321";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WorkloadsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name"));
        Path work = Files.createTempDirectory("workloads-bench");
        try (Emulator emulator = Emulator.builder().port(0).realProcesses(true).start();
             EcsClient ecs = AwsClients.ecs(emulator, ACCOUNT); EcrClient ecr = AwsClients.ecr(emulator, ACCOUNT)) {
            String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
            JavaAppImages.push(ecr, uri, "1", work);
            ecs.createCluster(b -> b.clusterName("bench"));
            String family = ecs.registerTaskDefinition(r -> r.family("hello").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder()
                            .name("app").image(uri + ":1").essential(true).portMappings(p -> p.containerPort(8080)).build()))
                    .taskDefinition().taskDefinitionArn();
            List<Long> millis = new ArrayList<>();
            List<String> running = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                String arn = ecs.runTask(r -> r.cluster("bench").taskDefinition(family).launchType(LaunchType.FARGATE)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))))
                        .tasks().get(0).taskArn();
                String url = awaitUrl(emulator, arn);
                awaitAnswer(url);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                millis.add(elapsed);
                running.add(arn);
                System.out.printf(Locale.ROOT, "round %d: RunTask → first HTTP answer %d ms%n", round + 1, elapsed);
            }
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "RunTask → first HTTP answer over %d tasks: min %d ms, median %d ms, max %d ms%n",
                    ROUNDS, millis.get(0), millis.get(ROUNDS / 2), millis.get(ROUNDS - 1));
            residentMemory();
            running.forEach(arn -> ecs.stopTask(r -> r.cluster("bench").task(arn)));
        }
    }

    private static String awaitUrl(Emulator emulator, String taskArn) throws Exception {
        String id = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        while (true) {
            HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET",
                    URI.create(emulator.url() + "/_emulator/tasks/" + id + "/ports"), ACCOUNT, "secret", "us-east-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode ports = new ObjectMapper().readTree(response.body()).path("ports");
            if (ports.size() > 0) {
                return ports.get(0).path("url").asText();
            }
            Thread.sleep(10);
        }
    }

    private static void awaitAnswer(String url) throws Exception {
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
    }

    /** The resident set of each app process (children of this JVM running the app), from /proc. */
    private static void residentMemory() {
        List<Long> kib = new ArrayList<>();
        ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains(JavaAppImages.MAIN_CLASS))
                .forEach(p -> {
                    try {
                        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                            if (line.startsWith("VmRSS:")) {
                                kib.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
                            }
                        }
                    } catch (IOException notLinux) {
                        // no /proc: nothing to report
                    }
                });
        if (!kib.isEmpty()) {
            System.out.printf(Locale.ROOT, "Resident memory of %d running app processes (-XX:MaxRAM=512m): mean %.0f MiB, max %.0f MiB%n",
                    kib.size(), kib.stream().mapToLong(Long::longValue).average().orElse(0) / 1024,
                    kib.stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0);
        }
    }
}
