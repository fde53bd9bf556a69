package dev.ecslabs.ecr;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;

/** A private Amazon ECR registry from Java: a governed repository, a push without Docker, and the images' lifecycle. */
public final class EcrRegistry {
    /** BatchDeleteImage takes at most this many image ids per call. */
    private static final int DELETE_BATCH = 100;

    private EcrRegistry() {
    }

    /** Exercise 01.1: a repository whose tags can't be moved and whose images are scanned on push. */
    public static Repository createRepository(EcrClient ecr, String repositoryName) {
        return ecr.createRepository(request -> request
                        .repositoryName(repositoryName)
                        .imageTagMutability(ImageTagMutability.IMMUTABLE)
                        .imageScanningConfiguration(scanning -> scanning.scanOnPush(true)))
                .repository();
    }

    /** Exercise 01.2: the registry credentials an ECR authorization token stands for. */
    public static RegistryLogin registryLogin(EcrClient ecr) {
        AuthorizationData authorization = ecr.getAuthorizationToken().authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(authorization.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1),
                URI.create(authorization.proxyEndpoint()));
    }

    /** Exercise 01.3: an image of the jar pushed with Jib, no Docker needed; answers its digest. */
    public static String pushJar(RegistryLogin login, String imageReference, Path jar)
            throws InvalidImageReferenceException, IOException, InterruptedException, ExecutionException,
            RegistryException, CacheDirectoryCreationException {
        RegistryImage target = RegistryImage.named(imageReference).addCredential(login.username(), login.password());
        return Jib.fromScratch()
                .addLayer(List.of(jar), AbsoluteUnixPath.get("/app"))
                .setEntrypoint("java", "-jar", "/app/" + jar.getFileName())
                .containerize(Containerizer.to(target).setAllowInsecureRegistries(true))
                .getDigest()
                .toString();
    }

    /** Exercise 01.4: the image pushed last, found among every image of the repository. */
    public static ImageDetail newestImage(EcrClient ecr, String repositoryName) {
        return ecr.describeImagesPaginator(request -> request.repositoryName(repositoryName))
                .imageDetails()
                .stream()
                .max(Comparator.comparing(ImageDetail::imagePushedAt))
                .orElseThrow(() -> new NoSuchElementException("The repository " + repositoryName + " has no images"));
    }

    /** Exercise 01.5: tags an existing image again without pulling or pushing it; answers its digest. */
    public static String retag(EcrClient ecr, String repositoryName, String existingTag, String newTag) {
        List<Image> images = ecr.batchGetImage(request -> request
                        .repositoryName(repositoryName)
                        .imageIds(id -> id.imageTag(existingTag)))
                .images();
        Image image = images.stream().findFirst().orElseThrow(() ->
                new NoSuchElementException("The repository " + repositoryName + " has no image tagged " + existingTag));
        return ecr.putImage(request -> request
                        .repositoryName(repositoryName)
                        .imageTag(newTag)
                        .imageManifest(image.imageManifest())
                        .imageManifestMediaType(image.imageManifestMediaType()))
                .image()
                .imageId()
                .imageDigest();
    }

    /** Exercise 01.6: a policy that keeps the newest releases (tags v*) and expires untagged images after a day. */
    public static String lifecyclePolicy(int keepReleases) {
        return """
                {
                  "rules": [
                    {
                      "rulePriority": 1,
                      "description": "Expire untagged images a day after their push",
                      "selection": {
                        "tagStatus": "untagged",
                        "countType": "sinceImagePushed",
                        "countUnit": "days",
                        "countNumber": 1
                      },
                      "action": { "type": "expire" }
                    },
                    {
                      "rulePriority": 2,
                      "description": "Keep the newest %d releases",
                      "selection": {
                        "tagStatus": "tagged",
                        "tagPatternList": ["v*"],
                        "countType": "imageCountMoreThan",
                        "countNumber": %d
                      },
                      "action": { "type": "expire" }
                    }
                  ]
                }
                """.formatted(keepReleases, keepReleases);
    }

    /** Exercise 01.6: what the policy would expire in the repository now, before it is applied. */
    public static List<LifecyclePolicyPreviewResult> previewLifecyclePolicy(EcrClient ecr, EcrWaiter waiter,
                                                                            String repositoryName, String policyText) {
        ecr.startLifecyclePolicyPreview(request -> request
                .repositoryName(repositoryName)
                .lifecyclePolicyText(policyText));
        waiter.waitUntilLifecyclePolicyPreviewComplete(request -> request.repositoryName(repositoryName));
        return ecr.getLifecyclePolicyPreviewPaginator(request -> request.repositoryName(repositoryName))
                .previewResults()
                .stream()
                .toList();
    }

    /** Exercise 01.7: how many findings of each severity the image's scan found. */
    public static Map<FindingSeverity, Integer> findingCounts(EcrClient ecr, EcrWaiter waiter, String repositoryName,
                                                              String tag) {
        return waiter.waitUntilImageScanComplete(request -> request
                        .repositoryName(repositoryName)
                        .imageId(id -> id.imageTag(tag)))
                .matched()
                .response()
                .orElseThrow()
                .imageScanFindings()
                .findingSeverityCounts();
    }

    /** Exercise 01.8: every image deleted, then the repository, which must be empty by then. */
    public static void deleteRepository(EcrClient ecr, String repositoryName) {
        List<ImageIdentifier> images = ecr.listImagesPaginator(request -> request.repositoryName(repositoryName))
                .imageIds()
                .stream()
                .map(ImageIdentifier::imageDigest)
                .distinct()
                .map(digest -> ImageIdentifier.builder().imageDigest(digest).build())
                .toList();
        for (int from = 0; from < images.size(); from += DELETE_BATCH) {
            List<ImageIdentifier> batch = images.subList(from, Math.min(images.size(), from + DELETE_BATCH));
            BatchDeleteImageResponse response = ecr.batchDeleteImage(request -> request
                    .repositoryName(repositoryName)
                    .imageIds(batch));
            if (!response.failures().isEmpty()) {
                throw new IllegalStateException("Could not delete every image of " + repositoryName + ": "
                        + response.failures());
            }
        }
        ecr.deleteRepository(request -> request.repositoryName(repositoryName));
    }
}
