package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * ECR on the resources page: the repositories, newest first, the first few open; in each the
 * images by push time, newest first, with their tags, size and scan status, and beyond the
 * newest {@value #IMAGES_SHOWN} folded away.
 */
record EcrSection(List<RepositoryView> repositories, AwsTime time, String unavailable) {
    static final int IMAGES_SHOWN = 10;

    /** A repository with its images newest first, or why they could not be read. */
    record RepositoryView(Repository repository, List<ImageDetail> images, String problem) {
        List<ImageDetail> newest() {
            return images.subList(0, Math.min(IMAGES_SHOWN, images.size()));
        }

        List<ImageDetail> older() {
            return images.size() > IMAGES_SHOWN ? images.subList(IMAGES_SHOWN, images.size()) : List.of();
        }
    }

    /** The section (template {@code resources/ecr.jte}), read now. */
    static String render(EcrClient ecr, AwsTime time) {
        List<Repository> repositories;
        try {
            repositories = ecr.describeRepositoriesPaginator().repositories().stream()
                    .sorted(Comparator.comparing(Repository::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        } catch (SdkException e) {
            return Pages.render("resources/ecr.jte", new EcrSection(List.of(), time, Markup.why(e)));
        }
        List<RepositoryView> views = new ArrayList<>();
        for (Repository repository : repositories) {
            try {
                views.add(new RepositoryView(repository, ecr.describeImagesPaginator(b -> b.repositoryName(repository.repositoryName()))
                        .imageDetails().stream()
                        .sorted(Comparator.comparing(ImageDetail::imagePushedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                        .toList(), null));
            } catch (SdkException e) {
                views.add(new RepositoryView(repository, List.of(), Markup.why(e)));
            }
        }
        return Pages.render("resources/ecr.jte", new EcrSection(views, time, null));
    }

    static String abbreviate(String digest) {
        return digest != null && digest.length() > 19 ? digest.substring(0, 19) + "…" : String.valueOf(digest);
    }

    /** Bytes as a person reads them: "42 B", "3.5 KiB", "120.0 MiB" (the course's images are often tiny). */
    static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
