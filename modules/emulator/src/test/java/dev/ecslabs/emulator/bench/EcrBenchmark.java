package dev.ecslabs.emulator.bench;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The ECR measurements of docs/performance.md, as a program rather than a timed test: a Jib push
 * of a 10 MB image to the embedded registry, and DescribeImages over a repository of 1,000 images.
 * Run it with {@code ./mvnw -q -pl modules/emulator test-compile exec:java
 * -Dexec.mainClass=dev.ecslabs.emulator.bench.EcrBenchmark -Dexec.classpathScope=test}.
 */
public final class EcrBenchmark {
    private static final int PUSHES = 6;
    private static final int IMAGES = 1_000;
    private static final int DESCRIBES = 10;

    private EcrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sendCredentialsOverHttp", "true");
        try (Emulator emulator = Emulator.start(0); EcrClient ecr = AwsClients.ecr(emulator)) {
            System.out.printf("ECR benchmark on %s, Java %s, %d processors%n", emulator.url(),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            jibPush(ecr);
            describeImages(ecr);
        }
    }

    /** Pushes a 10 MB image (one layer of incompressible bytes) with Jib, a new one each time. */
    private static void jibPush(EcrClient ecr) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("bench/jib")).repository().repositoryUri();
        String[] login = new String(Base64.getDecoder().decode(
                ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken()), StandardCharsets.UTF_8)
                .split(":", 2);
        Path work = Files.createTempDirectory("ecr-bench");
        Random random = new Random(42);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < PUSHES; i++) {
            byte[] content = new byte[10 * 1024 * 1024];
            random.nextBytes(content);
            Path file = Files.write(work.resolve("payload-" + i + ".bin"), content);
            long start = System.nanoTime();
            Jib.fromScratch().addLayer(List.of(file), AbsoluteUnixPath.get("/data"))
                    .containerize(Containerizer.to(RegistryImage.named(uri + ":run-" + i).addCredential(login[0], login[1]))
                            .setAllowInsecureRegistries(true)
                            .setApplicationLayersCache(work.resolve("cache-" + i)));
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("Jib push of a 10 MB image: first %d ms (cold JVM), then median %d ms, min %d ms over %d pushes%n",
                millis.get(0), median(millis.subList(1, millis.size())), Collections.min(millis.subList(1, millis.size())),
                millis.size() - 1);
    }

    /** DescribeImages over 1,000 images: every page at the default size (100), and one page of 1,000. */
    private static void describeImages(EcrClient ecr) {
        ecr.createRepository(b -> b.repositoryName("bench/many"));
        EcrImages.Image base = EcrImages.image("many");
        EcrImages.uploadBlobs(ecr, "bench/many", base);
        long pushStart = System.nanoTime();
        for (int i = 0; i < IMAGES; i++) {
            String manifest = base.manifest().replace("{\"schemaVersion\":2,", "{\"schemaVersion\":2,\"n\":" + i + ",");
            int n = i;
            ecr.putImage(b -> b.repositoryName("bench/many").imageTag("t" + n).imageManifest(manifest));
        }
        long pushMillis = (System.nanoTime() - pushStart) / 1_000_000;
        List<Long> paged = new ArrayList<>();
        List<Long> single = new ArrayList<>();
        for (int i = 0; i < DESCRIBES; i++) {
            long start = System.nanoTime();
            long count = ecr.describeImagesPaginator(b -> b.repositoryName("bench/many")).imageDetails().stream().count();
            paged.add((System.nanoTime() - start) / 1_000_000);
            if (count != IMAGES) {
                throw new IllegalStateException("DescribeImages listed " + count + " images, not " + IMAGES);
            }
            start = System.nanoTime();
            ecr.describeImages(b -> b.repositoryName("bench/many").maxResults(1000));
            single.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("PutImage x %d: %d ms (%.1f ms each)%n", IMAGES, pushMillis, pushMillis / (double) IMAGES);
        System.out.printf("DescribeImages of %d images, paginator (10 pages of 100): median %d ms, min %d ms over %d runs%n",
                IMAGES, median(paged), Collections.min(paged), DESCRIBES);
        System.out.printf("DescribeImages of %d images, one call with maxResults 1000: median %d ms, min %d ms over %d runs%n",
                IMAGES, median(single), Collections.min(single), DESCRIBES);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
