package dev.ecslabs.emulator;

import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.clock.ManualClock;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs an {@link EmulatorTest} class against its own emulator: starts it on port 0 with the
 * annotation's clock, fills in the class's emulator, clock and SDK-client fields, resolves the same
 * types as parameters, and closes the clients and the emulator after the class (or each test).
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestInstancePostProcessor, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmulatorExtension.class);
    private static final String FIXTURE = "fixture";

    @Override
    public void beforeAll(ExtensionContext context) {
        openForClass(context);
        find(context).ifPresent(fixture -> inject(fixture, context.getRequiredTestClass(), null));
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) {
        openForClass(context); // with @TestInstance(PER_CLASS) the instance comes before beforeAll
        find(context).ifPresent(fixture -> inject(fixture, instance.getClass(), instance));
    }

    /**
     * Starts the class's emulator unless it runs one per test or has one: a {@code @Nested} class
     * shares its outer class's, unless it is annotated {@code @EmulatorTest} itself.
     */
    private static void openForClass(ExtensionContext context) {
        EmulatorTest settings = settings(context);
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Fixture> found = find(context);
        boolean ownSettings = testClass.getDeclaredAnnotation(EmulatorTest.class) != null;
        if (settings.scope() == EmulatorTest.Scope.CLASS
                && (found.isEmpty() || ownSettings && found.get().owner != testClass)) {
            context.getStore(NAMESPACE).put(FIXTURE, open(settings, testClass));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).scope() == EmulatorTest.Scope.EACH_TEST) {
            Fixture fixture = open(settings(context), context.getRequiredTestClass());
            context.getStore(NAMESPACE).put(FIXTURE, fixture);
            for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
                inject(fixture, instance.getClass(), instance);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (settings(context).scope() == EmulatorTest.Scope.EACH_TEST) {
            Fixture fixture = context.getStore(NAMESPACE).remove(FIXTURE, Fixture.class);
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).remove(FIXTURE, Fixture.class); // only where it was put
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return Fixture.serves(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture fixture = find(context).orElseThrow(() -> new ParameterResolutionException(
                "With @EmulatorTest(scope = EACH_TEST) the emulator starts after the test instance is made: take "
                        + parameter.getParameter() + " as a field, or as a parameter of a @BeforeEach or test method"));
        return fixture.value(parameter.getParameter().getType());
    }

    private static Optional<Fixture> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(FIXTURE, Fixture.class)); // looks in the outer contexts too
    }

    private static EmulatorTest settings(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            Optional<EmulatorTest> found = AnnotationSupport.findAnnotation(type, EmulatorTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException(context.getRequiredTestClass().getName()
                + " uses EmulatorExtension without @EmulatorTest: annotate the class with @EmulatorTest instead");
    }

    private static Fixture open(EmulatorTest settings, Class<?> owner) {
        Emulator.Builder builder = Emulator.builder().port(0)
                .uploadLimits(settings.uploadLimitPerAccount(), settings.uploadLimitTotal());
        switch (settings.clock()) {
            case MANUAL -> builder.clock(new ManualClock());
            case SCALED -> builder.speed(settings.speed());
            case JUMPING -> builder.speed(settings.speed()).jumping(true);
        }
        if (settings.dns()) {
            builder.dnsPort(0);
        }
        return new Fixture(builder.start(), settings.account(), owner);
    }

    /** Sets every field of {@code type} and its superclasses that the fixture serves: the static ones when {@code instance} is null. */
    private static void inject(Fixture fixture, Class<?> type, Object instance) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                if (isStatic == (instance == null) && !Modifier.isFinal(field.getModifiers()) && Fixture.serves(field.getType())) {
                    try {
                        field.setAccessible(true);
                        field.set(instance, fixture.value(field.getType()));
                    } catch (IllegalAccessException e) {
                        throw new ExtensionConfigurationException("@EmulatorTest cannot set " + field, e);
                    }
                }
            }
        }
    }

    /** One emulator and the clients opened on it so far, one per type. */
    private static final class Fixture {
        private final Emulator emulator;
        private final String account;
        /** The test class it was started for. */
        private final Class<?> owner;
        private final Map<Class<?>, AutoCloseable> clients = new LinkedHashMap<>();

        Fixture(Emulator emulator, String account, Class<?> owner) {
            this.emulator = emulator;
            this.account = account;
            this.owner = owner;
        }

        static boolean serves(Class<?> type) {
            return type == Emulator.class || EmulatorClock.class.isAssignableFrom(type) || AwsClients.SERVED.containsKey(type);
        }

        synchronized Object value(Class<?> type) {
            if (type == Emulator.class) {
                return emulator;
            }
            if (EmulatorClock.class.isAssignableFrom(type)) {
                if (!type.isInstance(emulator.clock())) {
                    throw new ExtensionConfigurationException("The emulator runs on a " + emulator.clock().getClass().getSimpleName()
                            + ", not a " + type.getSimpleName() + ": choose it with @EmulatorTest(clock = ...)");
                }
                return emulator.clock();
            }
            return clients.computeIfAbsent(type, t -> (AutoCloseable) AwsClients.served(t, emulator, account).orElseThrow());
        }

        void close() {
            List<Exception> failures = new ArrayList<>();
            for (AutoCloseable client : clients.values()) {
                try {
                    client.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            emulator.close();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Closing the emulator's SDK clients failed", failures.get(0));
            }
        }
    }
}
