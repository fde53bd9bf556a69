package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
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
final class EcrSection {
    static final int IMAGES_SHOWN = 10;

    private EcrSection() {
    }

    static String render(EcrClient ecr, AwsTime time) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"ecr\"><h2>ECR repositories");
        List<Repository> repositories;
        try {
            repositories = ecr.describeRepositoriesPaginator().repositories().stream()
                    .sorted(Comparator.comparing(Repository::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        } catch (SdkException e) {
            return html.append("</h2>").append(Markup.unavailable("ECR DescribeRepositories", e)).append("</section>").toString();
        }
        html.append(" <span class=\"count\">").append(repositories.size())
                .append(repositories.size() == 1 ? " repository" : " repositories").append("</span></h2>");
        if (repositories.isEmpty()) {
            html.append(Markup.empty("repositories"));
        }
        for (int i = 0; i < repositories.size(); i++) {
            Repository repository = repositories.get(i);
            List<ImageDetail> images;
            String problem = "";
            try {
                images = ecr.describeImagesPaginator(b -> b.repositoryName(repository.repositoryName())).imageDetails().stream()
                        .sorted(Comparator.comparing(ImageDetail::imagePushedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                        .toList();
            } catch (SdkException e) {
                images = List.of();
                problem = Markup.unavailable("ECR DescribeImages", e);
            }
            html.append("<article class=\"repository\" data-name=\"").append(Html.escape(repository.repositoryName()))
                    .append("\"><details data-key=\"repository:").append(Html.escape(repository.repositoryArn())).append("\"")
                    .append(i < EcsSection.OPEN_AT_FIRST ? " open" : "").append("><summary><h3>")
                    .append(Html.escape(repository.repositoryName())).append("</h3> <span class=\"meta\">")
                    .append(images.size()).append(images.size() == 1 ? " image" : " images").append(" · tags ")
                    .append(Html.escape(repository.imageTagMutabilityAsString())).append(" · created ")
                    .append(time.ago(repository.createdAt())).append("</span></summary><p class=\"meta\">")
                    .append(Html.escape(repository.repositoryUri())).append("</p>").append(problem)
                    .append(images(repository, images, time)).append("</details></article>");
        }
        return html.append("</section>").toString();
    }

    private static String images(Repository repository, List<ImageDetail> images, AwsTime time) {
        if (images.isEmpty()) {
            return Markup.empty("images");
        }
        StringBuilder html = new StringBuilder(table(images.subList(0, Math.min(IMAGES_SHOWN, images.size())), time));
        if (images.size() > IMAGES_SHOWN) {
            html.append("<details class=\"older\" data-key=\"older-images:").append(Html.escape(repository.repositoryArn()))
                    .append("\"><summary>").append(images.size() - IMAGES_SHOWN).append(" older images</summary>")
                    .append(table(images.subList(IMAGES_SHOWN, images.size()), time)).append("</details>");
        }
        return html.toString();
    }

    private static String table(List<ImageDetail> images, AwsTime time) {
        StringBuilder html = new StringBuilder("<table class=\"images\"><thead><tr><th>Tags</th><th>Pushed</th><th>Size</th>"
                + "<th>Scan</th><th>Digest</th></tr></thead><tbody>");
        for (ImageDetail image : images) {
            html.append("<tr><td>").append(image.hasImageTags() ? Html.escape(String.join(", ", image.imageTags())) : "<em>untagged</em>")
                    .append("</td><td>").append(time.ago(image.imagePushedAt())).append("</td><td class=\"size\">")
                    .append(size(image.imageSizeInBytes())).append("</td><td>").append(image.imageScanStatus() == null ? "not scanned"
                            : Html.escape(image.imageScanStatus().statusAsString())).append("</td><td><code title=\"")
                    .append(Html.escape(image.imageDigest())).append("\">").append(Html.escape(abbreviate(image.imageDigest())))
                    .append("</code></td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String abbreviate(String digest) {
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
