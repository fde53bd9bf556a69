package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.member.ClassroomClient;
import dev.ecslabs.dashboard.classroom.room.Classroom;
import dev.ecslabs.dashboard.fixtures.HeadlessChromium;
import dev.ecslabs.labkit.ExerciseResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classroom's page in a real browser (Debian's chromium, headless, through Selenium): learners
 * join and send results over the API while the page is open, and the grid, the counts and where
 * the room is stuck change without a reload. Skipped, saying why, where chromium or chromedriver
 * is missing (CI installs both: see .ci/packages).
 */
class ClassroomBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CODE = "SHOW42";

    @TempDir
    Path dir;

    Classroom classroom;
    WebDriver browser;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        classroom = Rooms.open(dir.resolve("room"), 0, CODE, Rooms.outline(3, 2));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (classroom != null) {
            classroom.close();
        }
    }

    @Test
    @DisplayName("The grid fills in live as learners join and send results: cells, counts, and where the room is stuck")
    void gridUpdatesLive() throws Exception {
        // The grid is re-rendered as results arrive: an element read while it is replaced is read again.
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.get(classroom.url().toString());
        assertThat(browser.findElement(By.id("join-code")).getText()).isEqualTo(CODE);
        assertThat(browser.findElement(By.id("join-command")).getText()).contains("--code " + CODE);
        assertThat(browser.findElement(By.id("grid")).getText()).contains("Nobody has joined yet.");

        ClassroomClient client = new ClassroomClient(classroom.url());
        String ana = LearnerSecret.create();
        String zoe = LearnerSecret.create();
        client.join(LearnerName.of("Ana"), CODE, ana);
        client.join(LearnerName.of("Zoë O'Neil"), CODE, zoe);
        wait.until(b -> b.findElements(By.cssSelector("#grid tr[data-learner]")).size() == 2);
        assertThat(browser.findElement(By.id("stuck")).getText()).contains("2 learners · 2 connected · 0 finished · 2 not started");

        client.send(CODE, ana, List.of(event(1, "00.1", ExerciseResult.Status.PASSED),
                event(2, "00.2", ExerciseResult.Status.FAILED)));
        client.send(CODE, zoe, List.of(event(1, "00.1", ExerciseResult.Status.PASSED),
                event(2, "00.2", ExerciseResult.Status.PASSED), event(3, "00.3", ExerciseResult.Status.FAILED)));

        wait.until(b -> "FAILED".equals(state("Zoë O'Neil", "00.3")));
        assertThat(state("Ana", "00.1")).isEqualTo("PASSED");
        assertThat(state("Ana", "00.2")).isEqualTo("FAILED");
        assertThat(state("Ana", "01.1")).isEqualTo("NOT_RUN");
        assertThat(row("Ana").findElement(By.cssSelector(".done")).getText()).isEqualTo("1/5");
        assertThat(row("Ana").findElement(By.cssSelector(".when")).getText()).isEqualTo("now");
        assertThat(browser.findElement(By.cssSelector(".spots li[data-lab='00']")).getText())
                .contains("2 learners working on it", "00.2", "(1 failing: Ana)");

        client.send(CODE, ana, List.of(event(3, "00.2", ExerciseResult.Status.PASSED), event(4, "00.3", ExerciseResult.Status.PASSED),
                event(5, "01.1", ExerciseResult.Status.PASSED), event(6, "01.2", ExerciseResult.Status.PASSED)));
        wait.until(b -> "5/5".equals(row("Ana").findElement(By.cssSelector(".done")).getText()));
        assertThat(browser.findElement(By.id("stuck")).getText()).contains("1 finished");
    }

    private org.openqa.selenium.WebElement row(String learner) {
        return browser.findElements(By.cssSelector("#grid tr[data-learner]")).stream()
                .filter(row -> learner.equals(row.getAttribute("data-learner"))).findFirst()
                .orElseThrow(() -> new AssertionError("No row for " + learner));
    }

    private String state(String learner, String exercise) {
        return row(learner).findElement(By.cssSelector("td[data-exercise='" + exercise + "']")).getAttribute("data-state");
    }

    private static ResultEvent event(long seq, String exercise, ExerciseResult.Status status) {
        return new ResultEvent(seq, exercise, status, Instant.now(), "ide");
    }
}
