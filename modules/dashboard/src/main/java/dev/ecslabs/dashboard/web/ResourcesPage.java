package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.html.Pages;

/**
 * The resources page ({@code /resources}, template {@code web/resources.jte}): what exists in the
 * backend, refreshed every two seconds, and the way to empty the account.
 *
 * @param sections the resources' sections, already HTML (see {@code ResourcesView.render})
 */
record ResourcesPage(String backend, String sections) {

    String page() {
        return Pages.render("web/resources.jte", this);
    }
}
