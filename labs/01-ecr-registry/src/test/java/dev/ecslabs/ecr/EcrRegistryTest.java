package dev.ecslabs.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;

/** The exercises of lab 01: a private ECR registry from Java, each exercise setting up what it needs. */
@Lab("01")
class EcrRegistryTest {
    static EcrWaiter waiter;

    @BeforeAll
    static void setUp(Backend backend, EcrClient ecr) {
        waiter = backend.ecrWaiter(ecr);
        if (backend.endpointOverride().filter(endpoint -> "http".equals(endpoint.getScheme())).isPresent()) {
            // Jib sends registry credentials over plain HTTP only when told to. The course's registry is
            // plain HTTP on this machine; ECR on AWS is always HTTPS, where this line is not needed.
            System.setProperty("sendCredentialsOverHttp", "true");
        }
    }

    @AfterAll
    static void tearDown() {
        waiter.close();
    }

    @Exercise(value = 1, title = "Create a repository with immutable tags and scan on push",
            hints = {
                    "A repository can refuse to move a tag once it is used (immutable tags: a release tag always "
                            + "means the same image), and can scan each image as it is pushed.",
                    "CreateRepository takes repositoryName, imageTagMutability (ImageTagMutability.IMMUTABLE) and "
                            + "imageScanningConfiguration (scanOnPush true); the response holds repository().",
                    "ecr.createRepository(r -> "
                            + "r.repositoryName(name).imageTagMutability(ImageTagMutability.IMMUTABLE).imageScanningConfiguration(c "
                            + "-> c.scanOnPush(true))).repository()"})
    void createsAGovernedRepository(Backend backend, EcrClient ecr) {
        String name = backend.uniqueName("payments/api");

        Repository repository = EcrRegistry.createRepository(ecr, name);

        assertThat(repository.repositoryName()).isEqualTo(name);
        assertThat(repository.repositoryUri()).endsWith("/" + name);
        Repository described = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
        assertThat(described.imageTagMutability()).as("tag mutability").isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(described.imageScanningConfiguration().scanOnPush()).as("scan on push").isTrue();
    }

    @Exercise(value = 2, title = "Turn the authorization token into registry credentials",
            hints = {
                    "A registry client logs in with a user name and password. ECR hands them out as a token that "
                            + "expires: base64 of \"AWS:<password>\", with the registry's URL beside it.",
                    "GetAuthorizationToken answers authorizationData(); the first one has authorizationToken() and "
                            + "proxyEndpoint(). java.util.Base64.getDecoder() decodes the token.",
                    "String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), UTF_8); split "
                            + "at the first ':' (indexOf) into user and password; new RegistryLogin(user, password, "
                            + "URI.create(data.proxyEndpoint()))."})
    void logsInToTheRegistry(EcrClient ecr) throws Exception {
        RegistryLogin login = EcrRegistry.registryLogin(ecr);

        assertThat(login.username()).isEqualTo("AWS");
        assertThat(login.password()).isNotBlank().doesNotContain(":");
        String basic = Base64.getEncoder().encodeToString((login.username() + ":" + login.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<Void> versionCheck = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(login.proxyEndpoint().resolve("/v2/")).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(versionCheck.statusCode()).as("the registry accepts these credentials").isEqualTo(200);
    }

    @Exercise(value = 3, title = "Push an image of a jar with Jib, without Docker, and find it by tag",
            hints = {
                    "An image is layers of files plus a configuration (entrypoint, ...), pushed to a registry by "
                            + "reference. Jib builds one from files, without Docker, and pushes it with the registry's "
                            + "credentials.",
                    "Jib.fromScratch() gives a JibContainerBuilder: addLayer(files, AbsoluteUnixPath), "
                            + "setEntrypoint(...), then "
                            + "containerize(Containerizer.to(RegistryImage.named(reference).addCredential(user, "
                            + "password)).setAllowInsecureRegistries(true)); the JibContainer answers getDigest().",
                    "Jib.fromScratch().addLayer(List.of(jar), AbsoluteUnixPath.get(\"/app\")).setEntrypoint(\"java\", "
                            + "\"-jar\", \"/app/\" + "
                            + "jar.getFileName()).containerize(Containerizer.to(RegistryImage.named(imageReference).addCredential(login.username(), "
                            + "login.password())).setAllowInsecureRegistries(true)).getDigest().toString()"})
    void pushesWithJib(Backend backend, EcrClient ecr, @TempDir Path work) throws Exception {
        String name = backend.uniqueName("payments/worker");
        String uri = ecr.createRepository(b -> b.repositoryName(name)).repository().repositoryUri();
        Path jar = LabImages.jar(work, "worker.jar");

        String digest = EcrRegistry.pushJar(LabImages.login(ecr), uri + ":1.0.0", jar);

        ImageDetail pushed = ecr.describeImages(b -> b.repositoryName(name).imageIds(id -> id.imageTag("1.0.0")))
                .imageDetails().get(0);
        assertThat(digest).startsWith("sha256:").isEqualTo(pushed.imageDigest());
        assertThat(pushed.imageTags()).containsExactly("1.0.0");
        assertThat(pushed.imageSizeInBytes()).as("the jar's layer, compressed").isPositive();
    }

    @Exercise(value = 4, title = "Find the newest image and read its digest, size and push time",
            hints = {
                    "DescribeImages tells each image's digest, tags, size and push time, at most 100 images a page: "
                            + "the newest can be on any page.",
                    "DescribeImages through describeImagesPaginator(r -> r.repositoryName(...)); its imageDetails() "
                            + "walks every page; each ImageDetail has imagePushedAt().",
                    "ecr.describeImagesPaginator(r -> "
                            + "r.repositoryName(name)).imageDetails().stream().max(Comparator.comparing(ImageDetail::imagePushedAt)).orElseThrow()"})
    void findsTheNewestImage(Backend backend, EcrClient ecr) {
        String name = backend.uniqueName("payments/batch");
        ecr.createRepository(b -> b.repositoryName(name));
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            digests.add(LabImages.push(ecr, name, "build-" + i, "build " + i));
        }
        Instant previous = ecr.describeImages(b -> b.repositoryName(name).imageIds(id -> id.imageTag("build-100")))
                .imageDetails().get(0).imagePushedAt();
        // The emulator pages images by digest: pick the newest image's content so that it is not on the first page.
        String last = Collections.max(digests);
        String label = IntStream.range(0, 10_000).mapToObj(i -> "build 101 #" + i)
                .filter(candidate -> LabImages.digest(LabImages.manifest(candidate).getBytes(StandardCharsets.UTF_8))
                        .compareTo(last) > 0)
                .findFirst().orElseThrow();
        String newest = LabImages.push(ecr, name, "build-101", label);

        ImageDetail image = EcrRegistry.newestImage(ecr, name);

        assertThat(image.imageDigest()).isEqualTo(newest);
        assertThat(image.imageTags()).containsExactly("build-101");
        assertThat(image.imageSizeInBytes()).isEqualTo(LabImages.imageSize());
        assertThat(image.imagePushedAt()).isAfter(previous);
    }

    @Exercise(value = 5, title = "Retag an image, and see an immutable tag refuse to move",
            hints = {
                    "A tag is a name pointing at a manifest. Retagging means putting the same manifest under another "
                            + "tag: no bytes move. An immutable repository refuses to point a used tag at another image.",
                    "BatchGetImage (repositoryName, imageIds with imageTag) answers images() with imageManifest() and "
                            + "imageManifestMediaType(); PutImage takes the manifest, its media type and imageTag. "
                            + "ImageTagAlreadyExistsException must reach the caller.",
                    "Image image = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(i -> "
                            + "i.imageTag(existingTag))).images().get(0); ecr.putImage(r -> "
                            + "r.repositoryName(repo).imageManifest(image.imageManifest()).imageManifestMediaType(image.imageManifestMediaType()).imageTag(newTag)).image().imageId().imageDigest()"})
    void retagsImages(Backend backend, EcrClient ecr) {
        String name = backend.uniqueName("payments/web");
        ecr.createRepository(b -> b.repositoryName(name).imageTagMutability(ImageTagMutability.IMMUTABLE));
        String release = LabImages.push(ecr, name, "1.4.0", "release 1.4.0");
        LabImages.push(ecr, name, "1.5.0", "release 1.5.0");

        String digest = EcrRegistry.retag(ecr, name, "1.4.0", "stable");

        assertThat(digest).isEqualTo(release);
        assertThat(ecr.describeImages(b -> b.repositoryName(name).imageIds(id -> id.imageDigest(release)))
                .imageDetails().get(0).imageTags()).containsExactlyInAnyOrder("1.4.0", "stable");
        assertThatThrownBy(() -> EcrRegistry.retag(ecr, name, "1.5.0", "stable"))
                .as("moving the immutable tag 'stable' to another image")
                .isInstanceOf(ImageTagAlreadyExistsException.class);
        assertThat(ecr.describeImages(b -> b.repositoryName(name).imageIds(id -> id.imageTag("stable")))
                .imageDetails().get(0).imageDigest()).isEqualTo(release);
    }

    @Exercise(value = 6, title = "Write a lifecycle policy and preview what it would expire",
            hints = {
                    "A lifecycle policy is a list of rules, each selecting images (tagged or untagged, by age or by "
                            + "count) and expiring them. A preview says what it would expire, without expiring anything.",
                    "Rules have rulePriority, selection (tagStatus, tagPatternList, countType sinceImagePushed with "
                            + "countUnit days, or imageCountMoreThan) and action type expire. StartLifecyclePolicyPreview takes "
                            + "the text; waitUntilLifecyclePolicyPreviewComplete waits; "
                            + "getLifecyclePolicyPreviewPaginator(...).previewResults() lists them.",
                    "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"v*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":N},\"action\":{\"type\":\"expire\"}}]}"})
    void previewsALifecyclePolicy(Backend backend, EcrClient ecr) {
        String name = backend.uniqueName("payments/reports");
        ecr.createRepository(b -> b.repositoryName(name));
        List<String> releases = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            releases.add(LabImages.push(ecr, name, "v" + i, "release " + i));
        }
        String untagged = LabImages.push(ecr, name, null, "work in progress");

        String policy = EcrRegistry.lifecyclePolicy(3);
        List<LifecyclePolicyPreviewResult> preview = EcrRegistry.previewLifecyclePolicy(ecr, waiter, name, policy);

        assertThat(preview).extracting(LifecyclePolicyPreviewResult::imageDigest)
                .as("the two oldest releases expire; the untagged image is less than a day old")
                .containsExactlyInAnyOrder(releases.get(0), releases.get(1))
                .doesNotContain(untagged);
        assertThat(ecr.listImages(b -> b.repositoryName(name)).imageIds()).as("a preview expires nothing").hasSize(6);
    }

    @Exercise(value = 7, title = "Wait for the scan on push and count its findings by severity",
            hints = {
                    "A scan on push runs after the push and takes a while: the image's scan status goes IN_PROGRESS, "
                            + "then COMPLETE. Waiting means asking again until it is done; the findings are then counted per "
                            + "severity.",
                    "EcrWaiter.waitUntilImageScanComplete takes a DescribeImageScanFindingsRequest (repositoryName, "
                            + "imageId with imageTag); the matched response holds imageScanFindings().findingSeverityCounts().",
                    "waiter.waitUntilImageScanComplete(r -> r.repositoryName(repo).imageId(i -> "
                            + "i.imageTag(tag))).matched().response().orElseThrow().imageScanFindings().findingSeverityCounts()"})
    void countsScanFindings(Backend backend, EcrClient ecr, @TempDir Path work) throws Exception {
        String name = backend.uniqueName("payments/legacy");
        String uri = ecr.createRepository(b -> b.repositoryName(name).imageScanningConfiguration(c -> c.scanOnPush(true)))
                .repository().repositoryUri();
        LabImages.pushJars(backend, ecr, uri + ":2021.12", work, "legacy.jar", "log4j-core-2.14.1.jar", "guava-29.0-jre.jar");

        Map<FindingSeverity, Integer> counts = EcrRegistry.findingCounts(ecr, waiter, name, "2021.12");

        assertThat(counts).isNotNull();
        if (backend.isCourseEmulator()) {
            // The emulator's catalogue knows Log4Shell (CVE-2021-44228) and friends in log4j-core 2.14.1, and a Guava CVE.
            assertThat(counts).containsEntry(FindingSeverity.CRITICAL, 2).containsEntry(FindingSeverity.MEDIUM, 2)
                    .containsEntry(FindingSeverity.LOW, 1);
        }
    }

    @Exercise(value = 8, title = "Clean up: delete every image, then the repository",
            hints = {
                    "ECR refuses to delete a repository that still holds images, unless forced; deleting the images "
                            + "first says what you mean. Deleting images takes their ids, at most 100 per call.",
                    "ListImages through listImagesPaginator(...).imageIds(); BatchDeleteImage takes repositoryName "
                            + "and imageIds (each id once: by digest), at most 100; then DeleteRepository without force.",
                    "Collect the distinct imageDigest of every ImageIdentifier, delete them in slices of 100 with "
                            + "ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(slice)), then ecr.deleteRepository(r "
                            + "-> r.repositoryName(repo))."})
    void deletesTheRepository(Backend backend, EcrClient ecr) {
        String name = backend.uniqueName("payments/old");
        ecr.createRepository(b -> b.repositoryName(name));
        for (int i = 0; i < 101; i++) {
            LabImages.push(ecr, name, "b" + i, "old build " + i);
        }
        // Ten images get a second tag: ListImages then lists each of them twice, once per tag.
        for (int i = 0; i < 10; i++) {
            LabImages.push(ecr, name, "release-" + i, "old build " + i);
        }
        List<BatchDeleteImageRequest> deletes = new ArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchDeleteImageRequest delete) {
                    deletes.add(delete);
                }
            }
        };

        try (EcrClient watched = EcrClient.builder().endpointOverride(backend.endpoint()).region(backend.region())
                .credentialsProvider(backend.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build()) {
            EcrRegistry.deleteRepository(watched, name);
        }

        assertThatThrownBy(() -> ecr.describeRepositories(b -> b.repositoryNames(name)))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(deletes).as("BatchDeleteImage calls").isNotEmpty()
                .allSatisfy(delete -> assertThat(delete.imageIds()).as("image ids of one BatchDeleteImage call").hasSizeLessThanOrEqualTo(100));
        List<String> digestsSent = deletes.stream().flatMap(delete -> delete.imageIds().stream())
                .map(ImageIdentifier::imageDigest).toList();
        assertThat(digestsSent).as("the digests sent to BatchDeleteImage: each image once, though ListImages lists an "
                + "image once per tag (a digest sent again names an image already deleted)").doesNotHaveDuplicates()
                .hasSize(101);
    }
}
