package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.html.Pages;
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
        String account = resources.backend().describe();
        if (resources.backend().isAws()) {
            Dashboard.html(ctx, View.problem(account, ResourcesView.NEVER_EMPTIES_AWS).page());
            return;
        }
        try {
            Dashboard.html(ctx, View.confirm(account, resources.inventory()).page());
        } catch (SdkException e) {
            Dashboard.html(ctx, View.problem(account, e.getMessage()).page());
        }
    }

    void clean(Context ctx) {
        String account = resources.backend().describe();
        if (resources.backend().isAws()) {
            Dashboard.html(ctx, View.problem(account, ResourcesView.NEVER_EMPTIES_AWS).page());
            return;
        }
        CleanupReport report;
        try {
            report = resources.empty();
        } catch (SdkException e) {
            Dashboard.html(ctx, View.problem(account, e.getMessage()).page());
            return;
        }
        Dashboard.html(ctx, View.done(account, report).page());
    }

    /**
     * What the page shows (template {@code web/clean.jte}): the backend's problem, or what was
     * deleted, or else what would be (nothing, or {@code everything}) with the question.
     */
    record View(String account, String problem, ResourceSet everything, CleanupReport report) {
        static View problem(String account, String problem) {
            return new View(account, problem, null, null);
        }

        static View confirm(String account, ResourceSet everything) {
            return new View(account, null, everything, null);
        }

        static View done(String account, CleanupReport report) {
            return new View(account, null, null, report);
        }

        String page() {
            return Pages.render("web/clean.jte", this);
        }
    }
}
