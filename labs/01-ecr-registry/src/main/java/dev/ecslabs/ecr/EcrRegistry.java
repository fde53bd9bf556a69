package dev.ecslabs.ecr;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryException;
import dev.ecslabs.labkit.NotDoneYet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.waiters.EcrWaiter;

/** A private Amazon ECR registry from Java: a governed repository, a push without Docker, and the images' lifecycle. */
public final class EcrRegistry {
    private EcrRegistry() {
    }

    /** Exercise 01.1: a repository whose tags can't be moved and whose images are scanned on push. */
    public static Repository createRepository(EcrClient ecr, String repositoryName) {
        // TODO: create the repository with ecr.createRepository(...): imageTagMutability IMMUTABLE and an imageScanningConfiguration with scanOnPush true; return the response's repository
        throw new NotDoneYet();
    }

    /** Exercise 01.2: the registry credentials an ECR authorization token stands for. */
    public static RegistryLogin registryLogin(EcrClient ecr) {
        // TODO: take the first authorizationData of ecr.getAuthorizationToken(), base64-decode its token into "user:password", and return a RegistryLogin with its proxyEndpoint
        throw new NotDoneYet();
    }

    /** Exercise 01.3: an image of the jar pushed with Jib, no Docker needed; answers its digest. */
    public static String pushJar(RegistryLogin login, String imageReference, Path jar)
            throws InvalidImageReferenceException, IOException, InterruptedException, ExecutionException,
            RegistryException, CacheDirectoryCreationException {
        // TODO: Jib.fromScratch(), add the jar as a layer in /app, set the entrypoint java -jar /app/<jar>, containerize to RegistryImage.named(imageReference) with the login's credential (allow insecure registries), and return the digest
        throw new NotDoneYet();
    }

    /** Exercise 01.4: the image pushed last, found among every image of the repository. */
    public static ImageDetail newestImage(EcrClient ecr, String repositoryName) {
        // TODO: walk every image with ecr.describeImagesPaginator(...).imageDetails() and return the one with the latest imagePushedAt
        throw new NotDoneYet();
    }

    /** Exercise 01.5: tags an existing image again without pulling or pushing it; answers its digest. */
    public static String retag(EcrClient ecr, String repositoryName, String existingTag, String newTag) {
        // TODO: get the image's manifest with ecr.batchGetImage(...) by existingTag, then ecr.putImage(...) the same manifest and media type under newTag; return the image digest PutImage answers
        throw new NotDoneYet();
    }

    /** Exercise 01.6: a policy that keeps the newest releases (tags v*) and expires untagged images after a day. */
    public static String lifecyclePolicy(int keepReleases) {
        // TODO: return the policy JSON: rule 1 expires untagged images sinceImagePushed 1 day; rule 2 keeps tagged images matching "v*" when imageCountMoreThan keepReleases
        throw new NotDoneYet();
    }

    /** Exercise 01.6: what the policy would expire in the repository now, before it is applied. */
    public static List<LifecyclePolicyPreviewResult> previewLifecyclePolicy(EcrClient ecr, EcrWaiter waiter,
                                                                            String repositoryName, String policyText) {
        // TODO: ecr.startLifecyclePolicyPreview(...) with the policy text, waiter.waitUntilLifecyclePolicyPreviewComplete(...), then return every result of ecr.getLifecyclePolicyPreviewPaginator(...)
        throw new NotDoneYet();
    }

    /** Exercise 01.7: how many findings of each severity the image's scan found. */
    public static Map<FindingSeverity, Integer> findingCounts(EcrClient ecr, EcrWaiter waiter, String repositoryName,
                                                              String tag) {
        // TODO: wait with waiter.waitUntilImageScanComplete(...) for the image tagged tag, and return the findingSeverityCounts of the scan findings it matched
        throw new NotDoneYet();
    }

    /** Exercise 01.8: every image deleted, then the repository, which must be empty by then. */
    public static void deleteRepository(EcrClient ecr, String repositoryName) {
        // TODO: collect the image digests with ecr.listImagesPaginator(...), delete them with ecr.batchDeleteImage(...) at most 100 per call, then ecr.deleteRepository(...) without force
        throw new NotDoneYet();
    }
}
