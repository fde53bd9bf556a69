package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.ecslabs.labkit.fixtures.FakeLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The labkit extension, run on fake labs through the real JUnit engine. */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class LabExtensionTest {
    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path course;

    @BeforeEach
    void aCourse() throws Exception {
        Files.createDirectories(course.resolve("labs/98-fake/src/main/java"));
        Files.writeString(course.resolve("labs/98-fake/README.md"), "# Lab 98");
        Files.writeString(course.resolve("labs/98-fake/src/main/java/Starter.java"),
                "class Starter {\n  void m() {\n    // TODO: do it\n    throw new NotDoneYet();\n  }\n}\n");
        Files.writeString(course.resolve("mvnw"), "");
        set("labs.sourceRoot", Path.of("src/test/java").toAbsolutePath().toString());
        set("labs.progressFile", course.resolve(".labs/progress.json").toString());
        set("labs.invokedFrom", null);
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    @DisplayName("the course check passes an exercise that fails on the starter with its NotDoneYet")
    void courseCheckAcceptsNotDoneYet() {
        courseCheckOn("labs/98-fake");

        Events events = run(FakeLabs.StarterLab.class, "usesTheStarter");

        events.assertThatEvents().haveExactly(1, event(test(), finishedSuccessfully()));
    }

    @Test
    @DisplayName("the course check fails an exercise that passes on the starter, naming it")
    void courseCheckRefusesAPass() {
        courseCheckOn("labs/98-fake");

        Events events = run(FakeLabs.StarterLab.class, "passesWithoutTheLearner");

        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(m -> m.contains("exercise 98.2 passes on the starter code")))));
    }

    @Test
    @DisplayName("the course check fails an exercise that fails for another reason than NotDoneYet")
    void courseCheckRefusesOtherFailures() {
        courseCheckOn("labs/98-fake");

        Events events = run(FakeLabs.StarterLab.class, "breaksOtherwise");

        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(m -> m.contains("exercise 98.3 must fail on the starter code with the starter's NotDoneYet")))));
    }

    @Test
    @DisplayName("the course check fails an exercise whose starter method has no TODO above its NotDoneYet")
    void courseCheckRefusesMissingTodo() {
        courseCheckOn("labs/98-fake");

        Events events = run(FakeLabs.StarterLab.class, "reachesAStarterWithoutTodo");

        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(m -> m.contains("Starter.forgotten, which throws NotDoneYet without a TODO")))));
    }

    @Test
    @DisplayName("the course check fails a lab whose exercise has a blank hint")
    void courseCheckRefusesBlankHints() throws Exception {
        Files.createDirectories(course.resolve("labs/97-hintless"));
        courseCheckOn("labs/97-hintless");

        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FakeLabs.HintlessLab.class))
                .execute().allEvents();

        events.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m -> m.contains("lab 97")
                && m.contains("has no hint")))));
    }

    @Test
    @DisplayName("the course check fails graduated hints with a blank level or without all three levels")
    void courseCheckRefusesIncompleteGraduatedHints() throws Exception {
        Files.createDirectories(course.resolve("labs/95-half-hinted"));
        courseCheckOn("labs/95-half-hinted");

        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FakeLabs.HalfHintedLab.class))
                .execute().allEvents();

        events.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m -> m.contains("lab 95")
                && m.contains("exercise 95.1) has a blank hint at level 2 (Which API)")
                && m.contains("exercise 95.2) has 2 hints; it needs exactly 3")))));
    }

    @Test
    @DisplayName("the course check fails a lab whose starter throws NotDoneYet without a TODO comment")
    void courseCheckScansTheStarterSources() throws Exception {
        Files.writeString(course.resolve("labs/98-fake/src/main/java/Starter.java"),
                "class Starter {\n  void m() {\n    throw new NotDoneYet();\n  }\n}\n");
        courseCheckOn("labs/98-fake");

        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectMethod(FakeLabs.StarterLab.class,
                "usesTheStarter")).execute().allEvents();

        events.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m ->
                m.contains("Starter.java:3 throws NotDoneYet without a '// TODO: what to do' comment")))));
    }

    @Test
    @DisplayName("a learner's run records every exercise's result in the progress file, with the TODO as the message")
    void learnerRunsRecordProgress() {
        set("labs.moduleDir", course.resolve("labs/98-fake").toString());
        set("labs.courseCheck", "false");

        run(FakeLabs.StarterLab.class, "usesTheStarter");
        run(FakeLabs.StarterLab.class, "passesWithoutTheLearner");

        Map<String, ExerciseResult> progress = new ProgressFile(course.resolve(".labs/progress.json")).read();
        assertThat(progress.get("98.1").status()).isEqualTo(ExerciseResult.Status.FAILED);
        assertThat(progress.get("98.1").message()).isEqualTo("Starter.greeting is not done yet: return the greeting "
                + "\"hello\" (Starter.java:12)");
        assertThat(progress.get("98.2").passed()).isTrue();
    }

    @Test
    @DisplayName("a solution's run records nothing: the learner's progress is theirs")
    void solutionsRecordNothing() throws Exception {
        Files.createDirectories(course.resolve("solutions/98-fake"));
        set("labs.moduleDir", course.resolve("solutions/98-fake").toString());

        run(FakeLabs.StarterLab.class, "passesWithoutTheLearner");

        assertThat(course.resolve(".labs/progress.json")).doesNotExist();
    }

    @Test
    @DisplayName("on the embedded backend each test class gets a fresh account and its own clients")
    void freshAccountPerClass() {
        set("labs.moduleDir", course.resolve("labs/96-cloud").toString());
        set("labs.courseCheck", "false");

        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FakeLabs.CloudLab.class), selectClass(FakeLabs.OtherCloudLab.class))
                .execute().testEvents();

        events.assertThatEvents().haveExactly(2, event(test(), finishedSuccessfully()));
        assertThat(FakeLabs.CloudLab.accountSeen).matches("\\d{12}").isNotEqualTo(FakeLabs.OtherCloudLab.accountSeen);
    }

    @Test
    @DisplayName("with labs.sharedAccount every test class works in the one account of labs.accessKeyId, as under ./lab start")
    void sharedAccount() {
        set("labs.moduleDir", course.resolve("labs/96-cloud").toString());
        set("labs.courseCheck", "false");
        set("labs.sharedAccount", "true");
        set("labs.accessKeyId", "123456789012");

        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FakeLabs.CloudLab.class), selectClass(FakeLabs.OtherCloudLab.class))
                .execute().testEvents();

        events.assertThatEvents().haveExactly(2, event(test(), finishedSuccessfully()));
        assertThat(FakeLabs.CloudLab.accountSeen).isEqualTo("123456789012").isEqualTo(FakeLabs.OtherCloudLab.accountSeen);
    }

    @Test
    @DisplayName("exercise tests get an Elastic Load Balancing client and waiter of the backend; LoadBalancerUrls finds "
            + "where a listener answers on this machine")
    void loadBalancerClientAndUrl() {
        set("labs.moduleDir", course.resolve("labs/94-front").toString());
        set("labs.courseCheck", "false");

        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FakeLabs.LoadBalancerLab.class)).execute().testEvents();

        events.assertThatEvents().haveExactly(1, event(test(), finishedSuccessfully()));
        assertThat(FakeLabs.LoadBalancerLab.answered).isEqualTo("hi");
    }

    @Test
    @DisplayName("with labs.backend=localstack and no LocalStack module, exercises are skipped with the dependency to add")
    void localstackWithoutItsModuleIsSkipped() {
        assertThat(LocalStack.find()).as("labkit's own tests run without ecs-labs-labkit-localstack").isEmpty();
        set("labs.backend", "localstack");

        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FakeLabs.CloudLab.class))
                .execute().containerEvents();

        events.assertThatEvents().haveAtLeastOne(event(org.junit.platform.testkit.engine.EventConditions.skippedWithReason(
                reason -> reason.contains("not on the class path")
                        && reason.contains("<artifactId>ecs-labs-labkit-localstack</artifactId>"))));
    }

    private void courseCheckOn(String module) {
        set("labs.moduleDir", course.resolve(module).toString());
        set("labs.courseCheck", "true");
    }

    private static Events run(Class<?> type, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, method)).execute().testEvents();
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
