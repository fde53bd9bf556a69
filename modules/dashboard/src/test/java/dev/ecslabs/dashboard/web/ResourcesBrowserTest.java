package dev.ecslabs.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.HeadlessChromium;
import dev.ecslabs.dashboard.fixtures.RunningDashboard;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.dashboard.fixtures.TinyImages;
import dev.ecslabs.dashboard.fixtures.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The resources page and the guides in a real browser (Debian's chromium, headless), on a laptop's
 * 1280×900 window: a full account stays a page one can read, folded parts stay as the learner left
 * them while the page follows along, the clean button empties the account, and no guide needs
 * scrolling sideways.
 */
class ResourcesBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    RunningDashboard running;
    WebDriver browser;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        browser.manage().window().setSize(new Dimension(1280, 900));
        running = new RunningDashboard(dir.resolve("course"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    @DisplayName("40 clusters and a 100-image repository make a page of a few screens with the rollout drawn, and a group the "
            + "learner opened stays open as the page refreshes itself")
    void aFullAccountStaysReadable() throws Exception {
        try (EcsClient ecs = running.learnerEcs(); EcsWaiter waiter = Workloads.waiter(ecs); EcrClient ecr = running.learnerEcr()) {
            for (int i = 1; i <= 39; i++) {
                String name = String.format("idle-%02d", i);
                ecs.createCluster(b -> b.clusterName(name));
            }
            ecs.createCluster(b -> b.clusterName("shop"));
            Workloads.service(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"), 2);
            Workloads.roll(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"));
            TinyImages.push(ecr, "shop/api", 100);
        }

        browser.get(running.url("/resources").toString());

        WebElement chart = browser.findElement(By.cssSelector("svg.rollout-chart[data-service='web']"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).as("the chart's width in pixels").isGreaterThan(200);
        assertThat(chart.findElements(By.cssSelector("polyline"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElements(By.cssSelector(".chip[data-status=RUNNING]")).stream().filter(WebElement::isDisplayed))
                .hasSize(2);
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        saveScreenshot("resources-full-account.png");
        assertThat(height).as("the page's height in pixels, with 40 clusters and 100 images").isLessThan(4 * 900);

        WebElement idle = browser.findElement(By.cssSelector("details.idle"));
        assertThat(idle.getAttribute("open")).as("idle clusters start folded").isNull();
        idle.findElement(By.tagName("summary")).click();
        // The live part is redrawn every 2 s: wait for a redraw, then look again.
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.stalenessOf(idle));
        assertThat(browser.findElement(By.cssSelector("details.idle")).getAttribute("open")).as("still open after a redraw")
                .isNotNull();
        assertThat(browser.findElement(By.cssSelector("article.cluster[data-name='idle-01']")).isDisplayed()).isTrue();
    }

    @Test
    @DisplayName("The clean button says what it will delete, and after the confirmation the page shows an empty account")
    void cleanButton() {
        try (EcsClient ecs = running.learnerEcs()) {
            ecs.createCluster(b -> b.clusterName("left-over"));
        }
        browser.get(running.url("/resources").toString());

        browser.findElement(By.id("clean")).click();
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".clean-what"), "1 cluster"));
        browser.findElement(By.id("clean-confirm")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".clean-done"), "Deleted 1 cluster"));
        browser.findElement(By.linkText("Back to the resources")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ecs"), "No clusters yet."));
    }

    @Test
    @DisplayName("No guide's code or drawing needs scrolling sideways in the lab page's column")
    void guidesFitTheColumn() throws Exception {
        Path readme = running.course.root().resolve("labs").resolve(TempCourse.LAB).resolve("README.md");
        List<Path> guides;
        try (Stream<Path> labs = Files.list(TempCourse.REAL_ROOT.resolve("labs"))) {
            guides = labs.map(lab -> lab.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(guides).hasSizeGreaterThanOrEqualTo(7);
        for (Path guide : guides) {
            Files.copy(guide, readme, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            browser.get(running.url("/labs/00").toString());

            Object overflowing = js("return [...document.querySelectorAll('.guide pre, .guide')]"
                    + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 80))");
            assertThat((List<?>) overflowing).as("blocks wider than the column in " + guide.getParent().getFileName()).isEmpty();
            List<WebElement> drawings = browser.findElements(By.cssSelector(".guide pre.diagram"));
            for (WebElement drawing : drawings) {
                assertThat(Double.parseDouble(drawing.getCssValue("font-size").replace("px", "")))
                        .as("a drawing's font stays readable").isGreaterThanOrEqualTo(7.0);
            }
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** For a person looking at the build: what the page looked like. */
    private void saveScreenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
