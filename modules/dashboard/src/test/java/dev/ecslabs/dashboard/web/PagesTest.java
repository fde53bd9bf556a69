package dev.ecslabs.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.html.Pages;
import dev.ecslabs.labkit.ExerciseId;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pages' templates, rendered as the dashboard renders them: one frame for every page, and text that stays text. */
class PagesTest {
    private static final String SCRIPT = "<script>alert('x')</script>";

    @Test
    @DisplayName("Every page has the one frame: title, stylesheet and script in the head, the navigation, where the backend is")
    void theFrame() {
        Document page = Jsoup.parse(CleanPage.View.problem("account 000000000000", "the backend is down").page());

        assertThat(page.title()).isEqualTo("Empty the account · ECS Labs");
        assertThat(page.select("head > meta[charset=utf-8]")).hasSize(1);
        assertThat(page.select("head > link[rel=stylesheet][href=/static/dashboard.css]")).hasSize(1);
        assertThat(page.select("head > script[src=/static/dashboard.js][defer]")).hasSize(1);
        assertThat(page.select("body > header > nav > a").eachAttr("href")).containsExactly("/", "/resources", "/system");
        assertThat(page.select("body > header > span.backend").text()).isEqualTo("account 000000000000");
        assertThat(page.select("body > main > h1").text()).isEqualTo("Empty the account");
        assertThat(page.select("body link, body script")).as("nothing of the head in the body").isEmpty();
    }

    @Test
    @DisplayName("Markup in what a page shows (an error message, the backend's name) is shown as text, never run")
    void contentIsEscaped() {
        Document page = Jsoup.parse(CleanPage.View.problem("account <i>1</i>", SCRIPT).page());

        assertThat(page.select("script")).as("only the dashboard's own script").singleElement()
                .satisfies(script -> assertThat(script.attr("src")).isEqualTo("/static/dashboard.js"));
        assertThat(page.select("main p.problem").text()).endsWith("so nothing was deleted: " + SCRIPT);
        assertThat(page.select("header span.backend").text()).isEqualTo("account <i>1</i>");
        assertThat(page.select("i")).isEmpty();
    }

    @Test
    @DisplayName("A value in an attribute stays in it: a quote can't open another attribute")
    void attributesAreEscaped() {
        String lab = "00\" onclick=\"alert(1)";
        ExerciseInfo exercise = new ExerciseInfo(ExerciseId.parse("00.1"), "Build an ECS client",
                List.of("The idea " + SCRIPT, "Which API", "The shape of the call"), "GettingStartedTest", "client");

        Element hints = Jsoup.parseBodyFragment(Pages.render("web/hints.jte", new Hints(lab, exercise, 1))).selectFirst("div.hints");

        Element form = hints.selectFirst("form.hint-next");
        assertThat(form.attr("action")).isEqualTo("/labs/" + lab + "/exercises/00.1/hint");
        assertThat(form.hasAttr("onclick")).isFalse();
        assertThat(hints.select("p.hint-level[data-level=1]").text()).isEqualTo("The idea: The idea " + SCRIPT);
        assertThat(hints.select("script")).isEmpty();
        assertThat(form.select("button").text()).isEqualTo("Next hint (2 of 3: which api)");
    }
}
