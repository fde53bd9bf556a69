package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

/** ECR on the resources page: each repository with its images' tags, digest, size and scan status. */
final class EcrSection {
    private EcrSection() {
    }

    static String render(EcrClient ecr) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"ecr\"><h2>ECR repositories</h2>");
        List<Repository> repositories;
        try {
            repositories = ecr.describeRepositoriesPaginator().repositories().stream().toList();
        } catch (SdkException e) {
            return html.append(Markup.unavailable("ECR DescribeRepositories", e)).append("</section>").toString();
        }
        if (repositories.isEmpty()) {
            html.append(Markup.empty("repositories"));
        }
        for (Repository repository : repositories) {
            html.append("<article class=\"repository\" data-name=\"").append(Html.escape(repository.repositoryName())).append("\">")
                    .append("<h3>").append(Html.escape(repository.repositoryName())).append("</h3><p class=\"meta\">")
                    .append(Html.escape(repository.repositoryUri())).append(" · tags ")
                    .append(Html.escape(repository.imageTagMutabilityAsString())).append("</p>");
            html.append(images(ecr, repository)).append("</article>");
        }
        return html.append("</section>").toString();
    }

    private static String images(EcrClient ecr, Repository repository) {
        List<ImageDetail> images;
        try {
            images = ecr.describeImagesPaginator(b -> b.repositoryName(repository.repositoryName())).imageDetails().stream().toList();
        } catch (SdkException e) {
            return Markup.unavailable("ECR DescribeImages", e);
        }
        if (images.isEmpty()) {
            return Markup.empty("images");
        }
        StringBuilder html = new StringBuilder("<table><thead><tr><th>Tags</th><th>Digest</th><th>Size</th><th>Pushed</th>"
                + "<th>Scan</th></tr></thead><tbody>");
        for (ImageDetail image : images) {
            html.append("<tr><td>").append(image.hasImageTags() ? Html.escape(String.join(", ", image.imageTags())) : "<em>untagged</em>")
                    .append("</td><td><code>").append(Html.escape(abbreviate(image.imageDigest()))).append("</code></td><td>")
                    .append(size(image.imageSizeInBytes())).append("</td><td>").append(Html.clock(image.imagePushedAt()))
                    .append("</td><td>").append(image.imageScanStatus() == null ? "not scanned"
                            : Html.escape(image.imageScanStatus().statusAsString())).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String abbreviate(String digest) {
        return digest != null && digest.length() > 19 ? digest.substring(0, 19) + "…" : String.valueOf(digest);
    }

    private static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        return bytes < 1024 * 1024 ? String.format("%.1f KiB", bytes / 1024.0) : String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
