package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.html.Pages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a lab's guide, its README.md, with commonmark-java (GitHub's tables included). Raw HTML
 * in the guide is shown as text and unsafe link schemes are dropped; a picture the guide names
 * by a relative path is served from the lab's folder ({@code /labs/00/pictures/diagram.png}); code
 * blocks are marked as drawings or code ({@link CodeBlocks}) so that both fit the guide's column.
 */
final class GuideRenderer {
    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    String render(LabFolder lab) {
        String markdown;
        try {
            markdown = Files.readString(lab.readme(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Pages.render("web/noGuide.jte", lab.id());
        }
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Image && attributes.containsKey("src") && isRelative(attributes.get("src"))) {
                        attributes.put("src", "/labs/" + lab.id() + "/pictures/" + attributes.get("src"));
                    }
                    if ("pre".equals(tagName) && (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock)) {
                        CodeBlocks.mark(node instanceof FencedCodeBlock fenced ? fenced.getLiteral()
                                : ((IndentedCodeBlock) node).getLiteral(), attributes);
                    }
                })
                .build();
        return renderer.render(parser.parse(markdown));
    }

    private static boolean isRelative(String src) {
        return !src.startsWith("/") && !src.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }
}
