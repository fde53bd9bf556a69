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
        // TODO: create the repository with immutable tags and scan on push; return the repository ECR answers
        throw new NotDoneYet();
    }

    /** Exercise 01.2: the registry credentials an ECR authorization token stands for. */
    public static RegistryLogin registryLogin(EcrClient ecr) {
        // TODO: return the registry's URL and the user name and password that ECR's authorization token holds
        throw new NotDoneYet();
    }

    /** Exercise 01.3: an image of the jar pushed with Jib, no Docker needed; answers its digest. */
    public static String pushJar(RegistryLogin login, String imageReference, Path jar)
            throws InvalidImageReferenceException, IOException, InterruptedException, ExecutionException,
            RegistryException, CacheDirectoryCreationException {
        // TODO: push an image of the jar (in /app, started with java -jar /app/<jar>) to imageReference with Jib, logged in; return its digest
        throw new NotDoneYet();
    }

    /** Exercise 01.4: the image pushed last, found among every image of the repository. */
    public static ImageDetail newestImage(EcrClient ecr, String repositoryName) {
        // TODO: return the most recently pushed image of the repository, looking at every image however many there are
        throw new NotDoneYet();
    }

    /** Exercise 01.5: tags an existing image again without pulling or pushing it; answers its digest. */
    public static String retag(EcrClient ecr, String repositoryName, String existingTag, String newTag) {
        // TODO: give the image tagged existingTag the tag newTag as well, without pushing it again; return its digest
        throw new NotDoneYet();
    }

    /** Exercise 01.6: a policy that keeps the newest releases (tags v*) and expires untagged images after a day. */
    public static String lifecyclePolicy(int keepReleases) {
        // TODO: return the policy JSON: rule 1 expires untagged images 1 day after push; rule 2 expires tagged images matching "v*" beyond the newest keepReleases
        throw new NotDoneYet();
    }

    /** Exercise 01.6: what the policy would expire in the repository now, before it is applied. */
    public static List<LifecyclePolicyPreviewResult> previewLifecyclePolicy(EcrClient ecr, EcrWaiter waiter,
                                                                            String repositoryName, String policyText) {
        // TODO: preview what the policy would expire in the repository, wait for the preview to finish, and return all of its results
        throw new NotDoneYet();
    }

    /** Exercise 01.7: how many findings of each severity the image's scan found. */
    public static Map<FindingSeverity, Integer> findingCounts(EcrClient ecr, EcrWaiter waiter, String repositoryName,
                                                              String tag) {
        // TODO: wait until the scan of the image tagged tag is complete, and return its count of findings per severity
        throw new NotDoneYet();
    }

    /** Exercise 01.8: every image deleted, then the repository, which must be empty by then. */
    public static void deleteRepository(EcrClient ecr, String repositoryName) {
        // TODO: delete every image of the repository, then the repository (without force)
        throw new NotDoneYet();
    }
}
