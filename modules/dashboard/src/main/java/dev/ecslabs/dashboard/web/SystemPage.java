package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.html.Pages;

/**
 * The system page ({@code /system}, template {@code web/system.jte}): the running system as a live
 * diagram, the page an instructor puts on the projector.
 *
 * @param diagram the diagram, already HTML (see {@code ResourcesView.renderSystem})
 */
record SystemPage(String backend, String diagram) {

    String page() {
        return Pages.render("web/system.jte", this);
    }
}
