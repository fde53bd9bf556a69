package dev.ecslabs.labkit.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.labkit.LocalStack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.ecs.EcsClient;

/** labkit's optional LocalStack backend: found through the ServiceLoader, and its "skipped, and why". */
class LocalStackBackendTest {

    @TempDir
    Path progress;

    @AfterEach
    void restore() {
        System.clearProperty("labs.backend");
        System.clearProperty("labs.progressFile");
    }

    @Test
    @DisplayName("labkit finds this module's LocalStack through the ServiceLoader when it is on the class path")
    void labkitFindsIt() {
        assertThat(LocalStack.find()).get().isInstanceOf(TestcontainersLocalStack.class);
    }

    @Test
    @DisplayName("with labs.backend=localstack and no auth token, exercises are skipped with a sentence saying why")
    void localstackWithoutTokenIsSkipped() {
        Assumptions.assumeTrue(System.getenv("LOCALSTACK_AUTH_TOKEN") == null);
        System.setProperty("labs.backend", "localstack");
        System.setProperty("labs.progressFile", progress.resolve("progress.json").toString());

        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(CloudLab.class))
                .execute().containerEvents();

        events.assertThatEvents().haveAtLeastOne(event(skippedWithReason(
                reason -> reason.contains("LOCALSTACK_AUTH_TOKEN is not set"))));
    }

    /** A lab whose exercise needs the backend; run only through the engine above. */
    @Lab("96")
    static class CloudLab {
        @Exercise(value = 1, title = "List the clusters", hint = "listClusters.")
        void listsClusters(EcsClient ecs) {
            ecs.listClusters();
        }
    }
}
