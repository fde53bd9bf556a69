package dev.ecslabs.dashboard.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the pages from their jte templates ({@code src/main/jte}), which the build compiles into
 * classes beside the code they show: a template in {@code web/} is a class of package
 * {@code dev.ecslabs.dashboard.web}, so it reads that package's view records. Nothing is compiled
 * at run time, and every {@code ${…}} is escaped for where it stands.
 */
public final class Pages {
    /** Where the templates' classes live: the package their folders are relative to (the build's {@code packageName}). */
    static final String PACKAGE = "dev.ecslabs.dashboard";

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(), PACKAGE);

    private Pages() {
    }

    /** The HTML of a template whose one parameter is {@code view}, e.g. {@code render("web/course.jte", page)}. */
    public static String render(String template, Object view) {
        StringOutput html = new StringOutput();
        ENGINE.render(template, view, html);
        return html.toString();
    }

    /** The HTML of a template with several parameters, by name. */
    public static String render(String template, Map<String, Object> parameters) {
        StringOutput html = new StringOutput();
        ENGINE.render(template, parameters, html);
        return html.toString();
    }
}
