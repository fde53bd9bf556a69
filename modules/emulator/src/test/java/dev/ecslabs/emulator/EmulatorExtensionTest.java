package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.clock.ScaledClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * {@link EmulatorTest} itself: sample test classes run through JUnit (the nested classes here,
 * which the build does not run on their own), and what they saw checked after they ran.
 */
class EmulatorExtensionTest {
    /** The emulators the samples' tests were given, in order, with the port each listened on. */
    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    record Seen(Emulator emulator, int port) {
        static void add(Emulator emulator) {
            SEEN.add(new Seen(emulator, emulator.port()));
        }
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @EmulatorTest(account = "123456789012")
    static class PerClassSample {
        static Emulator emulator;
        static ManualClock clock;
        static EcsClient ecs;
        EcrClient ecr;

        @Test
        void fieldsAndParameters(Emulator parameter, EcsClient ecsParameter, ServiceDiscoveryClient cloudMap) {
            assertThat(parameter).isSameAs(emulator);
            assertThat(ecsParameter).isSameAs(ecs);
            assertThat(clock).isSameAs(emulator.clock());
            assertThat(ecs.createCluster(b -> b.clusterName("sample")).cluster().clusterArn())
                    .isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/sample");
            assertThat(ecr.describeRepositories().repositories()).isEmpty();
            assertThat(cloudMap.listNamespaces().namespaces()).isEmpty();
            Seen.add(emulator);
        }

        @Test
        void anotherTest() {
            Seen.add(emulator);
        }
    }

    @EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
    static class EachTestSample {
        Emulator emulator;
        EcsClient ecs;

        @Test
        void first() {
            createOnlyCluster("first");
        }

        @Test
        void second() {
            createOnlyCluster("second");
        }

        private void createOnlyCluster(String name) {
            ecs.createCluster(b -> b.clusterName(name));
            assertThat(ecs.listClusters().clusterArns()).as("a fresh emulator holds only this test's cluster").hasSize(1);
            Seen.add(emulator);
        }
    }

    @EmulatorTest(clock = EmulatorTest.Clock.SCALED, speed = 50, dns = true)
    static class ScaledSample {
        @Test
        void scaled(Emulator emulator, EmulatorClock clock) {
            assertThat(clock).isInstanceOf(ScaledClock.class).isSameAs(emulator.clock());
            assertThat(emulator.servesDns()).isTrue();
            Seen.add(emulator);
        }

        @Test
        void noManualClock(ManualClock clock) {
        }
    }

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    @Test
    @DisplayName("One emulator for a class's tests, its fields and parameters filled in, its clients signing as the account; closed after the class")
    void perClass() {
        run(PerClassSample.class).assertStatistics(s -> s.succeeded(2).failed(0));

        assertThat(SEEN).hasSize(2).extracting(Seen::emulator).containsOnly(SEEN.get(0).emulator());
        assertClosed(SEEN.get(0));
    }

    @Test
    @DisplayName("scope = EACH_TEST: a fresh emulator for each test, each closed after it")
    void eachTest() {
        run(EachTestSample.class).assertStatistics(s -> s.succeeded(2).failed(0));

        assertThat(SEEN).hasSize(2).extracting(Seen::emulator).doesNotHaveDuplicates();
        SEEN.forEach(EmulatorExtensionTest::assertClosed);
    }

    @Test
    @DisplayName("clock = SCALED runs on a ScaledClock, dns = true starts the DNS server, and asking for a ManualClock then says what to change")
    void scaledClock() {
        Events tests = run(ScaledSample.class);

        tests.assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(tests.failed().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow().getMessage()))
                .singleElement().asString().contains("ScaledClock, not a ManualClock").contains("@EmulatorTest(clock = ...)");
        assertClosed(SEEN.get(0));
    }

    private static void assertClosed(Seen seen) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(Emulator.DEFAULT_HOST, seen.port()), 1000);
            }
        }).as("the emulator on port %d is closed", seen.port()).isInstanceOf(IOException.class);
    }
}
