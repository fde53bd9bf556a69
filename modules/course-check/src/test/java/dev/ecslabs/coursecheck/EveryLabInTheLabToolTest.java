package dev.ecslabs.coursecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.ExerciseCatalog;
import dev.ecslabs.dashboard.run.ExerciseOutcome;
import dev.ecslabs.dashboard.run.LabClassLoader;
import dev.ecslabs.dashboard.run.LabClassPath;
import dev.ecslabs.dashboard.run.LabRun;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.dashboard.run.RunListener;
import dev.ecslabs.dashboard.run.Workbench;
import dev.ecslabs.labkit.CourseCheck;
import dev.ecslabs.labkit.CourseLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lab through the lab tool's own runner, the one behind {@code lab check}, {@code lab watch}
 * and the dashboard's Check button: each starter fails every exercise with its "not done yet" and
 * keeps the course's rules (labkit's {@link CourseCheck}: titles, hints, exercise numbers, a TODO above
 * every NotDoneYet, a guide); each solution passes them all, each test class in a fresh account. This
 * is the build's only run of a starter and of a solution in fresh accounts (the solution modules run
 * each lab twice more in one shared account, see labkit's SolutionRuns; docs/authoring-labs.md, "What
 * the build proves"). It runs each lab in a copy of the course, in this one JVM, on labkit's in-process
 * emulator, as {@code ./lab check} does when {@code ./lab start} is not running; several labs at once
 * ({@link LabChecks}), each with its own class loader and labkit settings, as the lab tool allows.
 */
class EveryLabInTheLabToolTest {
    private static final Path COURSE = CourseLayout.findCourseRoot(Path.of(""))
            .orElseThrow(() -> new IllegalStateException("Run this inside the course's folder"));
    /**
     * How many labs are checked at once ({@code -DcourseCheck.labsAtOnce=1} runs them one after another): two fit
     * every other lab inside lab 11's check, as four did, and load the machine less while lab 11's real JVMs and
     * lab 08's real traffic run (docs/performance.md, branch {@code checkconc}, has the measures).
     */
    private static final int LABS_AT_ONCE = Integer.getInteger("courseCheck.labsAtOnce", 2);

    @TempDir
    static Path copies;
    private static Workbench starters;
    private static Workbench solutions;
    private static LabChecks checks;

    /** Starts every lab's two checks, starters and solutions alike, so that the long ones overlap the short ones. */
    @BeforeAll
    static void startEveryCheck() {
        starters = new Workbench(CourseCopy.starters(COURSE, copies.resolve("starters")));
        solutions = new Workbench(CourseCopy.solved(COURSE, copies.resolve("solutions")));
        // a solution's check runs every exercise to the end, a starter's stops each at its first "not done yet"
        List<LabFolder> labs = new ArrayList<>(LabChecks.costliestFirst(solutions.course().labs()));
        labs.addAll(LabChecks.costliestFirst(starters.course().labs()));
        checks = LabChecks.start(LABS_AT_ONCE, labs,
                lab -> check(lab.dir().startsWith(copies.resolve("starters")) ? starters : solutions, lab));
    }

    @AfterAll
    static void stopWhatIsLeft() {
        if (checks != null) {
            checks.close();
        }
    }

    @TestFactory
    @DisplayName("Each lab's starter, checked by the lab tool, fails every exercise with its 'not done yet' and keeps the course's rules")
    Stream<DynamicTest> everyStarterIsRed() {
        return starters.course().labs().stream().map(lab -> DynamicTest.dynamicTest("lab " + lab.name(), () -> {
            LabRun run = checks.await(lab);
            assertThat(run.outcomes()).as("the exercises of lab %s", lab.id()).isNotEmpty();
            assertThat(run.outcomes()).as("lab %s's starter in the lab tool:%n%s", lab.id(), describe(run))
                    .allSatisfy(outcome -> {
                        assertThat(outcome.verdict()).isEqualTo(ExerciseOutcome.Verdict.FAILED);
                        assertThat(outcome.message()).contains("is not done yet");
                    });
            keepsTheCourseRules(lab);
        }));
    }

    @TestFactory
    @DisplayName("Each lab with its solution in place, checked by the lab tool, passes every exercise")
    Stream<DynamicTest> everySolutionIsGreen() {
        return solutions.course().labs().stream().map(lab -> DynamicTest.dynamicTest("lab " + lab.name(), () -> {
            LabRun run = checks.await(lab);
            assertThat(run.outcomes()).as("the exercises of lab %s", lab.id()).isNotEmpty();
            assertThat(run.complete()).as("lab %s's solution in the lab tool:%n%s", lab.id(), describe(run)).isTrue();
        }));
    }

    private static LabRun check(Workbench workbench, LabFolder lab) {
        LabClassPath libraries = LabClassPath.of(lab);
        assertThat(libraries.problem()).as("lab %s's libraries for the lab tool (the course build writes "
                + "target/%s when it builds the lab; a new lab is listed in modules/course-check/pom.xml so that it is "
                + "built before this check)", lab.id(), LabClassPath.FILE).isEmpty();
        // each thread its own emulator: a jumping clock jumps only while no one calls it, and the other labs' polls
        // would leave a shared one few quiet moments (lab 08's scale-in then outlasts its polls)
        LabRun run = workbench.run(lab, "course-check", LabTarget.embedded(Thread.currentThread().getName()), RunListener.NONE);
        assertThat(run.compile().compiled()).as("lab %s compiles in the lab tool:%n%s", lab.id(), run.compile().errors())
                .isTrue();
        return run;
    }

    /** The rules labkit's course check holds a starter to, on the test classes the lab tool just compiled. */
    private static void keepsTheCourseRules(LabFolder lab) throws IOException {
        try (LabClassLoader loader = LabClassLoader.of(lab)) {
            List<Class<?>> testClasses = new ArrayList<>();
            for (String name : ExerciseCatalog.read(lab, loader).stream().map(ExerciseInfo::testClass).distinct().toList()) {
                try {
                    testClasses.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("lab " + lab.id() + "'s test class " + name + " was listed but not loaded", e);
                }
            }
            CourseCheck.checkStarter(lab.dir(), testClasses);
        }
    }

    private static String describe(LabRun run) {
        return run.outcomes().stream()
                .map(o -> "  " + o.verdict() + " " + o.exercise().id() + " " + o.exercise().title()
                        + (o.message() == null ? "" : "\n      " + o.message().replace("\n", "\n      ")))
                .collect(Collectors.joining("\n"));
    }
}
