package dev.ecslabs.emulator.runtime;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;

/**
 * Pulls a container's image for a task, as Fargate does before it starts the container: from the
 * {@link PublicImageCatalogue}, or from the private ECR registry of the task's own account and
 * region. A pull that finds nothing fails with containerd's words behind
 * {@code CannotPullContainerError}, as Fargate platform 1.4 reports them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html).
 */
public final class ContainerImages {
    /** Fargate's containerd retries resolving a manifest before it gives up. */
    static final int PULL_ATTEMPTS = 5;

    private final PrivateRegistry privateRegistry;

    public ContainerImages(PrivateRegistry privateRegistry) {
        this.privateRegistry = privateRegistry;
    }

    /** A pull's outcome: the image's digest and defaults, or the reason the container can't start. */
    public record Pull(String digest, ImageConfig config, String failure) {
        static Pull pulled(String digest, ImageConfig config) {
            return new Pull(digest, config, null);
        }

        static Pull failed(String reason) {
            return new Pull(null, null, reason);
        }

        public boolean succeeded() {
            return failure == null;
        }
    }

    /** Pulls {@code image} for a task of {@code taskRegion}; runs under that account-region's lock. */
    public Pull pull(AccountRegion taskRegion, String image) {
        Optional<ImageReference> parsed = ImageReference.parse(image);
        if (parsed.isEmpty()) {
            return Pull.failed("CannotPullContainerError: failed to parse image reference \"" + image
                    + "\": invalid reference format");
        }
        ImageReference reference = parsed.get();
        Optional<ImageReference.PrivateRegistryHost> host = reference.privateRegistry();
        if (host.isPresent()) {
            return pullPrivate(taskRegion, reference, host.get());
        }
        return PublicImageCatalogue.find(reference)
                .map(found -> Pull.pulled(found.digest(), found.config()))
                .orElseGet(() -> Pull.failed(PublicImageCatalogue.hasRepository(reference)
                        ? notFound(reference) : accessDenied(reference)));
    }

    private Pull pullPrivate(AccountRegion taskRegion, ImageReference reference, ImageReference.PrivateRegistryHost host) {
        boolean ownRegistry = (host.accountId() == null || host.accountId().equals(taskRegion.accountId()))
                && (host.region() == null || host.region().equals(taskRegion.region()));
        if (!ownRegistry) {
            // Another account's repository needs a repository policy that lets this account pull; the emulator has none.
            return Pull.failed(accessDenied(reference));
        }
        PrivateRegistry.Lookup lookup = privateRegistry.find(taskRegion, reference.repository(), reference.tag(),
                reference.digest());
        return switch (lookup.outcome()) {
            case FOUND -> Pull.pulled(lookup.digest(), lookup.config());
            case NO_SUCH_IMAGE -> Pull.failed(notFound(reference));
            case NO_SUCH_REPOSITORY -> Pull.failed(accessDenied(reference));
        };
    }

    /** containerd's message for a repository that exists without that tag or digest. */
    private static String notFound(ImageReference reference) {
        return prefix(reference) + reference + ": not found";
    }

    /** What a registry answers for a repository that doesn't exist, or that this account may not read. */
    private static String accessDenied(ImageReference reference) {
        return prefix(reference) + "pull access denied, repository does not exist or may require authorization: "
                + "server message: insufficient_scope: authorization failed";
    }

    private static String prefix(ImageReference reference) {
        return "CannotPullContainerError: pull image manifest has been retried " + PULL_ATTEMPTS
                + " time(s): failed to resolve ref " + reference + ": ";
    }
}
