package dev.ecslabs.emulator.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image as a task definition names it, read the way Docker and containerd read it:
 * {@code nginx} is {@code docker.io/library/nginx:latest}; a registry host comes first when the
 * first path part has a dot or a port or is {@code localhost}; {@code @sha256:…} pins a digest.
 *
 * @param registry   for example {@code docker.io}, {@code public.ecr.aws} or {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}
 * @param repository for example {@code library/nginx} or {@code web}
 * @param tag        {@code null} when only a digest is given
 * @param digest     {@code null} unless the reference pins one
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";

    /** Docker's repository names: lowercase letters and digits joined by '.', '_', '__' or dashes, in parts split by '/'. */
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /** A private Amazon ECR registry: {@code <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]}. */
    private static final Pattern PRIVATE_ECR = Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    /** The emulator's own registry, as ECR's repositoryUri names it ({@code localhost:4566}) or in AWS's shape under {@code .localhost}. */
    private static final Pattern EMULATOR_REGISTRY = Pattern.compile("(?:(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.)?(?:localhost|127\\.0\\.0\\.1)(?::\\d+)?");

    /** The image a task definition names, or empty when containerd could not read it ("invalid reference format"). */
    public static Optional<ImageReference> parse(String image) {
        if (image == null || image.isBlank() || !image.equals(image.trim())) {
            return Optional.empty();
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(Locale.ROOT);
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            return Optional.empty();
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return Optional.of(new ImageReference(registry, rest, tag, digest));
    }

    /** The account and region of a private ECR registry this image is in, if it is in one. */
    public Optional<PrivateRegistryHost> privateRegistry() {
        Matcher ecr = PRIVATE_ECR.matcher(registry);
        if (ecr.matches()) {
            return Optional.of(new PrivateRegistryHost(ecr.group(1), ecr.group(2)));
        }
        Matcher local = EMULATOR_REGISTRY.matcher(registry);
        if (local.matches()) {
            return Optional.of(new PrivateRegistryHost(local.group(1), local.group(2)));
        }
        return Optional.empty();
    }

    /** The repository with its registry, as containerd names it: {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The full reference as containerd reports it in an error: {@code docker.io/library/nginx:latest}. */
    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /**
     * The account and region of a private registry; both {@code null} for the emulator's own
     * {@code localhost:<port>} registry, which is the caller's.
     */
    public record PrivateRegistryHost(String accountId, String region) {
    }
}
