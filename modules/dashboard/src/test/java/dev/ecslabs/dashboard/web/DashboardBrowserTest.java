package dev.ecslabs.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.HeadlessChromium;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.dashboard.fixtures.RunningDashboard;
import dev.ecslabs.dashboard.fixtures.ServiceConnectBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by Selenium through
 * chromedriver. A learner opens the course, checks lab 00 with the button, and sees the output
 * stream in, every page's exercise states change without a reload, and the clusters the lab's
 * tests created appear on the resources page. Skipped, saying why, where chromium or chromedriver
 * is missing (CI installs both: see .ci/packages).
 */
class DashboardBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** One browser for the class (starting Chromium is the slow part); each test has its own dashboard, so its own origin. */
    static WebDriver browser;

    RunningDashboard running;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) {
        browser = HeadlessChromium.start(profile.resolve("chromium-profile"));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start() {
        running = new RunningDashboard(dir.resolve("course"));
    }

    @AfterEach
    void stop() {
        System.clearProperty("labs.keepResources");
        if (browser != null) {
            // the next test starts from one blank tab, with no page of this test's dashboard still listening
            List<String> tabs = List.copyOf(browser.getWindowHandles());
            for (String tab : tabs.subList(1, tabs.size())) {
                browser.switchTo().window(tab).close();
            }
            browser.switchTo().window(tabs.get(0)).get("about:blank");
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    @DisplayName("Checking lab 00 from its button streams the output, updates every open page, and shows the created clusters")
    void checkALabFromTheBrowser() {
        // labkit deletes what a test class created when it ends; keep it, so the page shows it after the run too
        System.setProperty("labs.keepResources", "true");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.get(running.url("/").toString());
        String coursePage = browser.getWindowHandle();
        assertThat(state("00.1")).isEqualTo("NOT_RUN");

        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(running.url("/resources").toString());
        String resourcesPage = browser.getWindowHandle();
        assertThat(browser.findElement(By.id("ecs")).getText()).contains("No clusters yet.");

        browser.switchTo().window(coursePage);
        browser.findElement(By.linkText("Lab 00 — Getting started")).click();
        // 00.1 done: the check runs it first, the exercise at hand, and then the rest of the lab
        TempCourse.solveExercise1(running.course);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("check"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-output"), "exercises of lab 00"));
        assertThat(browser.findElement(By.id("check-output")).getText())
                .contains("✘ 00.2 List the clusters of the account", "GettingStarted.clusterArns is not done yet");
        wait.until(b -> "FAILED".equals(state("00.4")));
        assertThat(browser.findElements(By.cssSelector(".exercise[data-state=FAILED]"))).hasSize(3);
        // The live part of the page may be redrawn once more as the run ends: look the hint up afresh each time.
        By hints = By.cssSelector("[data-exercise='00.2'] .hints");
        String shownBefore = wait.ignoring(StaleElementReferenceException.class)
                .until(b -> b.findElement(hints).getAttribute("data-hints-shown"));
        assertThat(shownBefore).as("no hint is shown before the learner asks").isEqualTo("0");
        for (String level : List.of("1", "2")) {
            wait.ignoring(StaleElementReferenceException.class).until(b -> {
                WebElement shown = b.findElement(hints);
                if (shown.getAttribute("data-hints-shown").equals(level)) {
                    return true;
                }
                if (Integer.parseInt(shown.getAttribute("data-hints-shown")) + 1 == Integer.parseInt(level)) {
                    shown.findElement(By.cssSelector("form.hint-next button")).click();
                }
                return false;
            });
        }
        String shownText = wait.ignoring(StaleElementReferenceException.class).until(b -> b.findElement(hints).getText());
        assertThat(shownText).as("each click reveals one level more, in place")
                .contains("The idea: List actions answer in pages", "Which API: ListClusters, through its paginator")
                .doesNotContain("The shape of the call");
        assertThat(browser.getCurrentUrl()).as("the page stayed where it was").endsWith("/labs/00");

        browser.switchTo().window(resourcesPage);
        // The page refreshes itself as the run goes: wait for the first and the last exercise's clusters.
        wait.until(b -> !b.findElements(By.cssSelector("article.cluster[data-name^='alpha-']")).isEmpty()
                && !b.findElements(By.cssSelector("article.cluster[data-name^='temporary-']")).isEmpty());
        List<String> clusters = browser.findElements(By.cssSelector("article.cluster")).stream()
                .map(cluster -> cluster.getAttribute("data-name")).toList();
        assertThat(clusters).anyMatch(name -> name.startsWith("beta-")).anyMatch(name -> name.startsWith("temporary-"));

        browser.navigate().to(running.url("/").toString());
        assertThat(browser.findElement(By.cssSelector(".lab[data-lab='00'] .when")).getText()).startsWith("Last run");
        assertThat(state("00.1")).as("solved, and run first").isEqualTo("PASSED");
        assertThat(state("00.2")).isEqualTo("FAILED");
    }

    @Test
    @DisplayName("The resources page shows, in the browser, what a Service Connect client alias resolves to: the backend's task")
    void serviceConnectAliasInTheBrowser() {
        String backendIp;
        try (EcsClient ecs = running.learnerEcs()) {
            ServiceConnectBackend.create(ecs);
            backendIp = new WebDriverWait(browser, PATIENCE).until(b -> ServiceConnectBackend.runningTaskIp(ecs));
        }

        browser.get(running.url("/resources").toString());
        String expected = "backend:8080 → " + backendIp + ":80";
        // Nothing the dashboard runs changed: reload until the backend's task is registered and shows.
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(b -> {
            if (b.findElement(By.id("service-connect")).getText().contains(expected)) {
                return true;
            }
            b.navigate().refresh();
            return false;
        });
        assertThat(browser.findElement(By.id("service-connect")).getText()).contains("Service Connect", "namespace shop", expected);
    }

    private String state(String exercise) {
        return browser.findElement(By.cssSelector("[data-exercise='" + exercise + "']")).getAttribute("data-state");
    }
}
