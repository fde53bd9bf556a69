package dev.ecslabs.labkit;

import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * The labkit extension, brought by {@link Lab}. It gives exercise tests their {@link Backend} and
 * SDK clients ({@link EcsClient}, {@link EcrClient}, {@link ServiceDiscoveryClient},
 * {@link EcsWaiter}, and any other service's client on the lab's class path, see {@link OtherClients}; and {@link ElasticLoadBalancingV2Waiter}) as parameters, one set per test class; records each exercise's result in the
 * progress file when a learner runs a lab; and, when the course build runs a lab's starter code,
 * turns the exercises into the course check.
 */
public final class LabExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver,
        InvocationInterceptor, TestWatcher, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);
    /** Room for a whole AssertJ message with expected and actual, its cause and the learner's line. */
    private static final int PROGRESS_MESSAGE_LIMIT = 4000;

    /** How the tests of a class run: as a learner's exercises, as the course check on the starter, or as a solution's proof. */
    enum Mode { LEARNER, COURSE_CHECK, SOLUTION }

    static Lab labOf(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Lab lab = type.getAnnotation(Lab.class);
            if (lab != null) {
                return lab;
            }
        }
        return null;
    }

    /**
     * The course build verifies a lab from the course root ({@code ./mvnw verify}); a learner runs a
     * lab inside its folder ({@code ../../mvnw test}), from the IDE or with {@code ./lab check}.
     */
    static Mode modeOf(CourseLayout layout) {
        if (layout.role() == CourseLayout.Role.SOLUTION) {
            return Mode.SOLUTION;
        }
        Optional<String> forced = LabSettings.get("labs.courseCheck");
        if (forced.isPresent()) {
            return Boolean.parseBoolean(forced.get()) ? Mode.COURSE_CHECK : Mode.LEARNER;
        }
        Optional<String> invokedFrom = LabSettings.get("labs.invokedFrom");
        if (layout.role() == CourseLayout.Role.LAB && invokedFrom.isPresent() && layout.moduleDir() != null
                && !Path.of(invokedFrom.get()).toAbsolutePath().normalize().equals(layout.moduleDir())) {
            return Mode.COURSE_CHECK;
        }
        return Mode.LEARNER;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Backends.unavailable().map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("the backend is available"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Lab lab = labOf(testClass);
        CourseLayout layout = CourseLayout.of(testClass);
        if (modeOf(layout) == Mode.COURSE_CHECK) {
            CourseCheck.checkExercises(testClass, lab);
            CourseCheck.checkTodos(lab, layout.moduleDir());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Backend.class || type == EcsClient.class || type == EcrClient.class
                || type == ServiceDiscoveryClient.class || type == EcsWaiter.class || OtherClients.serves(type)
                || type == ElasticLoadBalancingV2Waiter.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClassResources resources = classResources(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Backend.class) {
            return resources.backend();
        }
        if (type == EcsClient.class) {
            return resources.ecs();
        }
        if (type == EcrClient.class) {
            return resources.ecr();
        }
        if (type == ServiceDiscoveryClient.class) {
            return resources.cloudMap();
        }
        if (type == EcsWaiter.class) {
            return resources.ecsWaiter();
        }
        if (type == ElasticLoadBalancingV2Waiter.class) {
            return resources.elbWaiter();
        }
        if (OtherClients.serves(type)) {
            return resources.otherClients().get(type);
        }
        throw new ParameterResolutionException("labkit can't give a " + type.getName());
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        CallNotes.startTest();
        Optional<ExerciseId> exercise = exerciseOf(context);
        if (exercise.isEmpty() || modeOf(CourseLayout.of(context.getRequiredTestClass())) != Mode.COURSE_CHECK) {
            invocation.proceed();
            return;
        }
        Throwable thrown = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            thrown = t;
        }
        CourseCheck.verifyFailedOnStarter(exercise.get(), thrown);
    }

    /** A call that failed because the backend's endpoint went away is not the learner's failure (see {@link BackendUnreachable}). */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw unreachableOr(context, thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw unreachableOr(context, thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw unreachableOr(context, thrown);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw unreachableOr(context, thrown);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw unreachableOr(context, thrown);
    }

    private static Throwable unreachableOr(ExtensionContext context, Throwable thrown) {
        Optional<BackendUnreachable> unreachable = BackendUnreachable.explain(thrown);
        if (unreachable.isPresent()) {
            return unreachable.get();
        }
        FailureReport.addNotes(thrown, CallNotes.ofThisTest());
        return thrown;
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, ExerciseResult.Status.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, ExerciseResult.Status.FAILED, report(context, cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        if (cause instanceof BackendUnreachable) {
            return; // not checked: the last result stands
        }
        record(context, ExerciseResult.Status.FAILED, "aborted: " + report(context, cause));
    }

    private static void record(ExtensionContext context, ExerciseResult.Status status, String message) {
        Optional<ExerciseId> exercise = exerciseOf(context);
        CourseLayout layout = CourseLayout.of(context.getRequiredTestClass());
        if (exercise.isEmpty() || modeOf(layout) != Mode.LEARNER || layout.role() != CourseLayout.Role.LAB) {
            return;
        }
        layout.progressFile().ifPresent(file -> new ProgressFile(file).record(
                new ExerciseResult(exercise.get().toString(), status, message, Instant.now(), runner())));
    }

    private static String runner() {
        return LabSettings.runner().orElseGet(() ->
                System.getProperty("surefire.test.class.path") != null || System.getProperty("basedir") != null
                        ? "maven" : "ide");
    }

    private static Optional<ExerciseId> exerciseOf(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Lab lab = labOf(context.getRequiredTestClass());
        if (method.isEmpty() || lab == null) {
            return Optional.empty();
        }
        Exercise exercise = method.get().getAnnotation(Exercise.class);
        return exercise == null ? Optional.empty() : Optional.of(ExerciseId.of(lab, exercise));
    }

    /** The failure as the learner reads it (see {@link FailureReport}), bounded so the progress file stays small. */
    private static String report(ExtensionContext context, Throwable cause) {
        return FailureReport.of(cause, CourseLayout.of(context.getRequiredTestClass()).moduleDir(), PROGRESS_MESSAGE_LIMIT);
    }

    /** The backend view and clients of one test class, closed when the class is done. */
    private static ClassResources classResources(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ClassResources.class,
                key -> new ClassResources(Backends.forTestClass(labIdOf(context))), ClassResources.class);
    }

    /** The lab of the test class ({@code 09}), which the aws backend tags what it creates with. */
    private static String labIdOf(ExtensionContext context) {
        Lab lab = labOf(context.getRequiredTestClass());
        return lab == null ? "none" : lab.value();
    }

    private static final class ClassResources implements AutoCloseable {
        /** With {@code labs.keepResources}: nothing deleted, nothing to say. */
        private static final CleanupReport KEPT = new CleanupReport(new ResourceSet(), java.util.List.of());

        private final Backend backend;
        private EcsClient ecs;
        private EcrClient ecr;
        private ServiceDiscoveryClient cloudMap;
        private EcsWaiter ecsWaiter;
        private final OtherClients otherClients;
        private ElasticLoadBalancingV2Waiter elbWaiter;

        ClassResources(Backend backend) {
            this.backend = backend;
            this.otherClients = new OtherClients(backend);
        }

        OtherClients otherClients() {
            return otherClients;
        }

        Backend backend() {
            return backend;
        }

        synchronized EcsClient ecs() {
            if (ecs == null) {
                ecs = backend.ecs();
            }
            return ecs;
        }

        synchronized EcrClient ecr() {
            if (ecr == null) {
                ecr = backend.ecr();
            }
            return ecr;
        }

        synchronized ServiceDiscoveryClient cloudMap() {
            if (cloudMap == null) {
                cloudMap = backend.cloudMap();
            }
            return cloudMap;
        }

        synchronized ElasticLoadBalancingV2Waiter elbWaiter() {
            if (elbWaiter == null) {
                elbWaiter = backend.elbWaiter((ElasticLoadBalancingV2Client) otherClients.get(ElasticLoadBalancingV2Client.class));
            }
            return elbWaiter;
        }

        synchronized EcsWaiter ecsWaiter() {
            if (ecsWaiter == null) {
                ecsWaiter = backend.ecsWaiter(ecs());
            }
            return ecsWaiter;
        }

        /**
         * Deletes what the test class created before the clients go (also when its tests failed); what
         * can't be deleted is said on stderr, never as a failure that would hide the tests' own result.
         */
        @Override
        public synchronized void close() {
            try {
                CleanupReport report = LabSettings.keepResources() ? KEPT : backend.deleteWhatWasCreated();
                if (!report.complete()) {
                    System.err.println("labkit could not delete everything the tests created in " + backend + " ("
                            + report.describe() + ")" + System.lineSeparator() + "  ./lab clean empties the account.");
                }
            } catch (RuntimeException e) {
                System.err.println("labkit could not delete what the tests created in " + backend + ": " + e
                        + System.lineSeparator() + "  ./lab clean empties the account.");
            }
            if (ecsWaiter != null) {
                ecsWaiter.close();
            }
            if (elbWaiter != null) {
                elbWaiter.close();
            }
            if (ecs != null) {
                ecs.close();
            }
            if (ecr != null) {
                ecr.close();
            }
            if (cloudMap != null) {
                cloudMap.close();
            }
            otherClients.close();
        }
    }
}
