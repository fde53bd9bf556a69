package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.html.Html;
import dev.ecslabs.dashboard.resources.ResourcesView;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import io.javalin.http.Context;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Emptying the learner's account from the dashboard, in two steps: {@code GET /resources/clean}
 * says what exactly would be deleted and asks; only the confirmation's POST (from the dashboard's
 * own page, as {@link RequestGuard} checks) deletes, and the answer says what was deleted and what
 * could not be.
 */
final class CleanPage {
    static final String PATH = "/resources/clean";

    private final ResourcesView resources;

    CleanPage(ResourcesView resources) {
        this.resources = resources;
    }

    void confirm(Context ctx) {
        String account = Html.escape(resources.backend().describe());
        ResourceSet everything;
        try {
            everything = resources.inventory();
        } catch (SdkException e) {
            Dashboard.html(ctx, page("<p class=\"problem\">The backend did not say what your account holds, so nothing was "
                    + "deleted: " + Html.escape(e.getMessage()) + "</p>"));
            return;
        }
        if (everything.isEmpty()) {
            Dashboard.html(ctx, page("<p class=\"clean-nothing\">Your account (" + account + ") holds nothing: there is nothing "
                    + "to delete.</p><p><a href=\"/resources\">Back to the resources</a></p>"));
            return;
        }
        Dashboard.html(ctx, page("<p class=\"clean-what\">This deletes everything in " + account + ": <strong>"
                + Html.escape(everything.describe()) + "</strong>. Services are stopped with their tasks first; repositories go "
                + "with their images. It can't be undone, and the exercises create again what they need.</p>"
                + "<form method=\"post\" action=\"" + PATH + "\" class=\"clean\"><button type=\"submit\" id=\"clean-confirm\">"
                + "Delete all of it</button> <a href=\"/resources\">No, keep it</a></form>"));
    }

    void clean(Context ctx) {
        CleanupReport report;
        try {
            report = resources.empty();
        } catch (SdkException e) {
            Dashboard.html(ctx, page("<p class=\"problem\">The backend did not say what your account holds, so nothing was "
                    + "deleted: " + Html.escape(e.getMessage()) + "</p>"));
            return;
        }
        StringBuilder body = new StringBuilder("<p class=\"clean-done\">")
                .append(report.deleted().isEmpty() ? "Nothing needed deleting." : "Deleted " + Html.escape(report.deleted().describe()) + ".")
                .append("</p>");
        if (!report.complete()) {
            body.append("<ul class=\"problem\">");
            report.problems().forEach(problem -> body.append("<li>").append(Html.escape(problem)).append("</li>"));
            body.append("</ul>");
        }
        Dashboard.html(ctx, page(body.append("<p><a href=\"/resources\">Back to the resources</a></p>").toString()));
    }

    private String page(String body) {
        return Html.page("Empty the account", resources.backend().describe(), "<h1>Empty the account</h1>" + body);
    }
}
