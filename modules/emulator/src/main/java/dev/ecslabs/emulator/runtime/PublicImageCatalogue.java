package dev.ecslabs.emulator.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The public images a task can pull without a registry of its own: a few well-known images of
 * Docker Hub and the Amazon ECR Public Gallery, what they run by default and where they listen.
 * The emulator does not reach the internet, so an image outside this list "does not exist". For
 * lab authors:
 *
 * <table>
 *   <tr><th>image</th><th>tags</th><th>runs by default</th></tr>
 *   <tr><td>{@code nginx}, {@code public.ecr.aws/nginx/nginx}</td><td>latest, stable, mainline, alpine, 1.26–1.29</td>
 *       <td>{@code nginx -g "daemon off;"}, listening on 80 until stopped</td></tr>
 *   <tr><td>{@code httpd}</td><td>latest, 2, 2.4, alpine</td><td>{@code httpd-foreground} on 80</td></tr>
 *   <tr><td>{@code public.ecr.aws/ecs-sample-image/amazon-ecs-sample}</td><td>latest</td><td>a web page on 80</td></tr>
 *   <tr><td>{@code public.ecr.aws/aws-observability/aws-otel-collector}</td><td>latest, v0.x</td>
 *       <td>the collector on 4317, 4318 and 13133</td></tr>
 *   <tr><td>{@code busybox}</td><td>latest, stable, musl, glibc, 1.36, 1.37</td><td>{@code sh}: exits 0 at once</td></tr>
 *   <tr><td>{@code alpine}</td><td>latest, 3, 3.19–3.22</td><td>{@code /bin/sh}: exits 0 at once</td></tr>
 *   <tr><td>{@code amazonlinux}, {@code public.ecr.aws/amazonlinux/amazonlinux}</td><td>latest, 2023, 2</td>
 *       <td>{@code /bin/bash}: exits 0 at once</td></tr>
 * </table>
 *
 * Docker official images are also found under {@code public.ecr.aws/docker/library/<name>}. A tag
 * matches when it is listed or extends a listed one after a dot or dash ({@code 1.27.3},
 * {@code 1.27-alpine}). An image pinned by digest must carry the digest the catalogue gives the
 * tag: {@code sha256} of the text {@code ecs-labs-catalogue:<repository>:<tag>} (see {@link #digestOf}).
 */
public final class PublicImageCatalogue {

    /** One image of the catalogue: the names it is known by, its tags, and its defaults. */
    record PublicImage(List<String> names, List<String> tags, ImageConfig config) {
        boolean hasTag(String tag) {
            for (String listed : tags) {
                if (tag.equals(listed) || tag.startsWith(listed + ".") || tag.startsWith(listed + "-")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An image found in the catalogue, with the digest of the manifest it would pull. */
    public record Found(ImageConfig config, String digest) {
    }

    private static final List<PublicImage> IMAGES = List.of(
            image(List.of("docker.io/library/nginx", "public.ecr.aws/nginx/nginx", "public.ecr.aws/docker/library/nginx"),
                    List.of("latest", "stable", "mainline", "alpine", "1.26", "1.27", "1.28", "1.29"),
                    server(List.of(), List.of("nginx", "-g", "daemon off;"), 80)),
            image(List.of("docker.io/library/httpd", "public.ecr.aws/docker/library/httpd"),
                    List.of("latest", "2", "2.4", "alpine"), server(List.of(), List.of("httpd-foreground"), 80)),
            image(List.of("public.ecr.aws/ecs-sample-image/amazon-ecs-sample"), List.of("latest"),
                    server(List.of(), List.of("httpd-foreground"), 80)),
            image(List.of("public.ecr.aws/aws-observability/aws-otel-collector"), List.of("latest", "v0"),
                    server(List.of("/awscollector"), List.of(), 4317, 4318, 13133)),
            image(List.of("docker.io/library/busybox", "public.ecr.aws/docker/library/busybox"),
                    List.of("latest", "stable", "musl", "glibc", "1.36", "1.37"), shell("sh")),
            image(List.of("docker.io/library/alpine", "public.ecr.aws/docker/library/alpine"),
                    List.of("latest", "3", "3.19", "3.20", "3.21", "3.22"), shell("/bin/sh")),
            image(List.of("docker.io/library/amazonlinux", "public.ecr.aws/amazonlinux/amazonlinux",
                    "public.ecr.aws/docker/library/amazonlinux"), List.of("latest", "2023", "2"), shell("/bin/bash")));

    private PublicImageCatalogue() {
    }

    /** The catalogue's image for a reference, if the catalogue has that repository with that tag or digest. */
    public static Optional<Found> find(ImageReference reference) {
        Optional<PublicImage> image = IMAGES.stream().filter(i -> i.names().contains(reference.name())).findFirst();
        if (image.isEmpty()) {
            return Optional.empty();
        }
        String canonical = image.get().names().get(0);
        if (reference.digest() != null) {
            boolean known = image.get().tags().stream().anyMatch(tag -> digestOf(canonical, tag).equals(reference.digest()));
            boolean tagMatches = reference.tag() == null || digestOf(canonical, reference.tag()).equals(reference.digest());
            return known && tagMatches ? Optional.of(new Found(image.get().config(), reference.digest())) : Optional.empty();
        }
        if (!image.get().hasTag(reference.tag())) {
            return Optional.empty();
        }
        return Optional.of(new Found(image.get().config(), digestOf(canonical, reference.tag())));
    }

    /** Whether the catalogue knows the repository at all (with any tag). */
    public static boolean hasRepository(ImageReference reference) {
        return IMAGES.stream().anyMatch(i -> i.names().contains(reference.name()));
    }

    /** The digest the catalogue gives an image: stable, so a lab can pin it. */
    public static String digestOf(String repositoryName, String tag) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("ecs-labs-catalogue:" + repositoryName + ":" + tag).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicImage image(List<String> names, List<String> tags, ImageConfig config) {
        return new PublicImage(names, tags, config);
    }

    private static ImageConfig server(List<String> entryPoint, List<String> command, Integer... ports) {
        return new ImageConfig(entryPoint, command, List.of(ports));
    }

    private static ImageConfig shell(String shell) {
        return new ImageConfig(List.of(), List.of(shell), List.of());
    }
}
