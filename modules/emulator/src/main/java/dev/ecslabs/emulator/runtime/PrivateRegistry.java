package dev.ecslabs.emulator.runtime;

import dev.ecslabs.emulator.state.AccountRegion;

/**
 * Where a task's image pull looks for images of a private Amazon ECR registry: the repositories
 * and images of one account and region. The ECR area answers this; the pull needs nothing else
 * from it, so the ECS side stays independent of how ECR stores images.
 */
@FunctionalInterface
public interface PrivateRegistry {

    /** What a lookup found. */
    enum Outcome { FOUND, NO_SUCH_REPOSITORY, NO_SUCH_IMAGE }

    /** The outcome, with the image's manifest digest and what its config says when it was found. */
    record Lookup(Outcome outcome, String digest, ImageConfig config) {
        public static final Lookup NO_SUCH_REPOSITORY = new Lookup(Outcome.NO_SUCH_REPOSITORY, null, null);
        public static final Lookup NO_SUCH_IMAGE = new Lookup(Outcome.NO_SUCH_IMAGE, null, null);

        public static Lookup found(String digest, ImageConfig config) {
            return new Lookup(Outcome.FOUND, digest, config == null ? ImageConfig.UNKNOWN : config);
        }
    }

    /**
     * Looks up an image of the registry of {@code registry}'s account and region, by tag or by
     * digest (when both are given the image must have both). Runs under that account-region's lock.
     */
    Lookup find(AccountRegion registry, String repositoryName, String tag, String digest);

    /** A registry with no repositories. */
    PrivateRegistry NONE = (registry, repositoryName, tag, digest) -> Lookup.NO_SUCH_REPOSITORY;
}
