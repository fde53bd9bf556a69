package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.cleanup.AccountInventory;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import dev.ecslabs.labkit.fixtures.FakeLabs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * labkit deletes what a test class created, on a shared endpoint (the emulator {@code ./lab start}
 * runs, here on port 0) where leftovers pile up: also when the test failed, without changing its
 * result, and without complaint about what the test deleted itself.
 */
// It sets labkit's settings (labs.*) as JVM system properties, which every class on Backends reads, and
// catches what labkit writes to System.err.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
@ResourceLock(value = Resources.SYSTEM_ERR, mode = ResourceAccessMode.READ_WRITE)
class LabCleanupTest {
    private static final String ACCOUNT = "123456789099";
    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path course;

    Emulator emulator;

    @BeforeEach
    void aSharedEndpoint() throws Exception {
        Files.createDirectories(course.resolve("labs/95-mess/src/main/java"));
        Files.writeString(course.resolve("mvnw"), "");
        // The jumping clock, as the course's own runs have it: waiting for a service's tasks to drain costs a poll, not
        // AWS's seconds at x20.
        emulator = Emulator.builder().port(0).jumping(true).start();
        set("labs.sourceRoot", Path.of("src/test/java").toAbsolutePath().toString());
        set("labs.progressFile", course.resolve(".labs/progress.json").toString());
        set("labs.invokedFrom", null);
        set("labs.moduleDir", course.resolve("labs/95-mess").toString());
        set("labs.courseCheck", "false");
        set("labs.backend", "endpoint");
        set("labs.endpoint", emulator.url().toString());
        set("labs.accessKeyId", ACCOUNT);
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
        emulator.close();
    }

    @Test
    @DisplayName("After a failing test class, its clusters, services, tasks, task definitions, repository and Cloud Map "
            + "resources are gone, and the test still fails with its own message")
    void deletesWhatAFailedClassCreated() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FakeLabs.LeavesThingsBehindLab.class)).execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(FakeLabs.LeavesThingsBehindLab.FAILURE))));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(FakeLabs.LeavesThingsBehindLab.class),
                finishedSuccessfully()));
        assertThat(whatTheAccountHolds().describe()).as("what the account still holds").isEqualTo("nothing");
    }

    @Test
    @DisplayName("A load balancer with a listener and its target group, left by a failing test, are deleted in the "
            + "order AWS accepts: the load balancer first, then the target group it forwarded to")
    void deletesLoadBalancersAndTargetGroups() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FakeLabs.LeavesALoadBalancerBehindLab.class)).execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(FakeLabs.LeavesALoadBalancerBehindLab.FAILURE))));
        Backend view = new Backend(Backend.Kind.ENDPOINT, emulator.url(), software.amazon.awssdk.regions.Region.US_EAST_1,
                ACCOUNT, "test", null, true);
        try (ElasticLoadBalancingV2Client elb = view.elb()) {
            assertThat(elb.describeLoadBalancers().loadBalancers()).as("load balancers left").isEmpty();
            assertThat(elb.describeTargetGroups().targetGroups()).as("target groups left").isEmpty();
        }
    }

    @Test
    @DisplayName("What a test deleted itself is no problem for the clean-up: nothing is said, nothing is left")
    void toleratesWhatTheTestDeleted() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EngineExecutionResults results;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FakeLabs.TidyLab.class)).execute();
        } finally {
            System.setErr(original);
        }

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedSuccessfully()));
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("labkit could not delete");
        assertThat(whatTheAccountHolds().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("With labs.keepResources the account keeps what the class created, to look at afterwards")
    void keepsWhenAsked() {
        set("labs.keepResources", "true");

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FakeLabs.LeavesThingsBehindLab.class)).execute();

        assertThat(whatTheAccountHolds().clusters()).hasSize(1);
    }

    private ResourceSet whatTheAccountHolds() {
        Backend view = new Backend(Backend.Kind.ENDPOINT, emulator.url(), software.amazon.awssdk.regions.Region.US_EAST_1,
                ACCOUNT, "test", null, true);
        try (EcsClient ecs = view.ecs(); EcrClient ecr = view.ecr(); ServiceDiscoveryClient cloudMap = view.cloudMap()) {
            return AccountInventory.list(ecs, ecr, cloudMap);
        }
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
