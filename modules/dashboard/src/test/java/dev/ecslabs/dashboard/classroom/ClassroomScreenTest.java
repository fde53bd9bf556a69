package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.member.ClassroomClient;
import dev.ecslabs.dashboard.classroom.room.Classroom;
import dev.ecslabs.dashboard.fixtures.HeadlessChromium;
import dev.ecslabs.labkit.ExerciseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classroom's page as a projector shows it, in a real browser (Debian's chromium, headless): a
 * room of fifty over the whole course fits one 1600×1200 screen, and the instructor corrects rows
 * with the page's own form. The screenshot is kept in target/ to look at.
 */
class ClassroomScreenTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CODE = "SCREEN";
    private static final int LEARNERS = 50;

    @TempDir
    Path dir;

    /** One browser for the class (starting Chromium is the slow part); each test has its own classroom, so its own origin. */
    static WebDriver browser;

    Classroom classroom;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) {
        browser = HeadlessChromium.start(profile.resolve("chromium-profile"));
        // the projector's screen: a browser in full screen shows the page at 1600×1200, no toolbar
        browser.manage().window().setSize(new Dimension(1600, 1200));
        ((org.openqa.selenium.chrome.ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1600, "height", 1200, "deviceScaleFactor", 1, "mobile", false));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start() {
        classroom = Rooms.open(dir.resolve("room"), 0, CODE, Rooms.FULL_COURSE);
    }

    @AfterEach
    void stop() {
        if (classroom != null) {
            classroom.close();
        }
    }

    @Test
    @DisplayName("Fifty learners over the whole course (labs 00 to 06) fit one 1600×1200 screen: every row, every lab, who is stuck")
    void fiftyLearnersFitOneScreen() throws Exception {
        fillTheRoom();
        browser.get(classroom.url().toString());
        new WebDriverWait(browser, PATIENCE).until(b -> b.findElements(By.cssSelector("#grid tr[data-learner]")).size() == LEARNERS);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        Map<String, Object> screen = (Map<String, Object>) js.executeScript("""
                const rows = document.querySelectorAll('#grid tbody tr');
                const last = rows[rows.length - 1].getBoundingClientRect();
                const lab06 = document.querySelector("#grid th.lab[data-lab='06']").getBoundingClientRect();
                const lastCell = rows[rows.length - 1].lastElementChild.getBoundingClientRect();
                const stuck = document.getElementById('stuck-now').getBoundingClientRect();
                return {width: window.innerWidth, height: window.innerHeight, lastRowBottom: last.bottom,
                        lab06Right: lab06.right, lastCellRight: lastCell.right, stuckRight: stuck.right, stuckBottom: stuck.bottom,
                        scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight};
                """);
        Path shot = Path.of("target", "classroom-50-learners-1600x1200.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        double width = number(screen, "width");
        double height = number(screen, "height");
        assertThat(width).as("the viewport").isEqualTo(1600);
        assertThat(height).as("the viewport").isEqualTo(1200);
        assertThat(number(screen, "lastRowBottom")).as("the 50th row's bottom, screen " + screen).isLessThanOrEqualTo(height);
        assertThat(number(screen, "lab06Right")).as("lab 06's right edge").isLessThanOrEqualTo(width);
        assertThat(number(screen, "lastCellRight")).as("the last exercise's cell").isLessThanOrEqualTo(width);
        assertThat(number(screen, "stuckRight")).as("who is stuck").isLessThanOrEqualTo(width);
        assertThat(number(screen, "scrollWidth")).as("no sideways scrolling").isLessThanOrEqualTo(width);
        assertThat(browser.findElements(By.cssSelector("#stuck-now li"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.findElements(By.cssSelector("#grid tr.stuck"))).hasSameSizeAs(
                browser.findElements(By.cssSelector("#stuck-now li")));
    }

    @Test
    @DisplayName("The page's form renames, merges and removes rows, and the grid shows it")
    void theInstructorCorrectsRows() throws Exception {
        ClassroomClient client = new ClassroomClient(classroom.url());
        String ana = LearnerSecret.create();
        String ana2 = LearnerSecret.create();
        client.join(LearnerName.of("ana"), CODE, ana);
        client.join(LearnerName.of("Ana on the old URL"), CODE, ana2);
        client.join(LearnerName.of("Test Row"), CODE, LearnerSecret.create());
        client.send(CODE, ana2, List.of(new ResultEvent(1, "00.1", ExerciseResult.Status.PASSED, Instant.now(), "ide")));
        browser.get(classroom.url().toString());

        apply("rename", "ana", "Ana Lima");
        assertThat(browser.findElement(By.id("said")).getText()).isEqualTo("Renamed 'ana' to 'Ana Lima'.");
        apply("merge", "Ana on the old URL", "Ana Lima");
        apply("remove", "Test Row", null);
        assertThat(browser.findElement(By.id("said")).getText()).startsWith("Removed 'Test Row'.");

        List<String> rows = new ArrayList<>();
        browser.findElements(By.cssSelector("#grid tr[data-learner]")).forEach(row -> rows.add(row.getAttribute("data-learner")));
        assertThat(rows).containsExactly("Ana Lima");
        assertThat(browser.findElement(By.cssSelector("#grid td[data-exercise='00.1']")).getAttribute("data-state"))
                .isEqualTo("PASSED");
    }

    private void apply(String action, String name, String other) {
        browser.findElement(By.cssSelector("#manage summary")).click();
        new Select(browser.findElement(By.id("manage-action"))).selectByValue(action);
        browser.findElement(By.id("manage-name")).sendKeys(name);
        if (other != null) {
            browser.findElement(By.id("manage-other")).sendKeys(other);
        }
        String before = browser.getCurrentUrl();
        browser.findElement(By.id("manage-submit")).click();
        new WebDriverWait(browser, PATIENCE).until(b -> !b.getCurrentUrl().equals(before) || !b.findElements(By.id("said")).isEmpty());
        new WebDriverWait(browser, PATIENCE).until(b -> !b.findElements(By.id("said")).isEmpty());
    }

    /** Fifty learners spread over the course; every fifth fails the same exercise again and again. */
    private void fillTheRoom() throws Exception {
        ClassroomClient client = new ClassroomClient(classroom.url());
        List<String> order = new ArrayList<>();
        Rooms.FULL_COURSE.labs().forEach(lab -> lab.exercises().forEach(e -> order.add(e.id())));
        Random random = new Random(50);
        String[] first = {"Ana", "Bruno", "Chiara", "Dmitri", "Elif", "Fatou", "Gustavo", "Hana", "Ibrahim", "Julia"};
        String[] last = {"Lima", "Okonkwo", "Rossi", "Nakamura", "Yılmaz"};
        for (int i = 0; i < LEARNERS; i++) {
            String secret = LearnerSecret.create();
            String name = first[i % first.length] + " " + last[i / first.length] + (i >= 50 ? " " + i : "");
            client.join(LearnerName.of(name), CODE, secret);
            int reached = random.nextInt(order.size() + 1);
            List<ResultEvent> events = new ArrayList<>();
            for (int e = 0; e < reached; e++) {
                events.add(new ResultEvent(events.size() + 1, order.get(e), ExerciseResult.Status.PASSED, Instant.now(), "maven"));
            }
            if (reached < order.size()) {
                int failures = i % 5 == 0 ? 4 : 1;
                for (int f = 0; f < failures; f++) {
                    events.add(new ResultEvent(events.size() + 1, order.get(reached), ExerciseResult.Status.FAILED, Instant.now(), "maven"));
                }
            }
            for (int from = 0; from < events.size(); from += Limits.EVENTS_PER_REQUEST) {
                client.send(CODE, secret, events.subList(from, Math.min(events.size(), from + Limits.EVENTS_PER_REQUEST)));
            }
        }
    }

    private static double number(Map<String, Object> screen, String key) {
        return ((Number) screen.get(key)).doubleValue();
    }
}
