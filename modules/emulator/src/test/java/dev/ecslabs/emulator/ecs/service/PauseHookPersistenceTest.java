package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A deployment paused at a PAUSE lifecycle hook stays paused across a restart of
 * {@code ./lab start} (the hook is part of the service deployment, saved with the service), and
 * ContinueServiceDeployment resumes it afterwards.
 *
 * <p>Not an {@code @EmulatorTest}: it restarts emulators on one data directory itself.
 */
class PauseHookPersistenceTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "paused";

    @TempDir
    Path data;

    @Test
    @DisplayName("A paused deployment keeps its AWAITING_ACTION hook across a restart, starts nothing, and continues when told")
    void pauseSurvives() {
        String arn;
        String v2;
        ManualClock clock = new ManualClock();
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            create(ecs, CLUSTER, "web", registerWeb(ecs, "web"), 1, r -> { });
            clock.advance(Duration.ofMinutes(2));
            v2 = registerWeb(ecs, "web");
            ecs.updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(v2)
                    .deploymentConfiguration(c -> c.lifecycleHooks(PauseHookTest.pauseAt(DeploymentLifecycleHookStage.PRE_SCALE_UP, 60))));
            arn = ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("web")).serviceDeployments().get(0)
                    .serviceDeploymentArn();
            clock.advance(Duration.ofMinutes(1));
        }

        try (Emulator second = Emulator.builder().clock(new ManualClock(clock.now())).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(second, ACCOUNT)) {
            ManualClock resumed = (ManualClock) second.clock();
            resumed.advance(Duration.ofMinutes(5));
            ServiceDeployment paused = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments()
                    .get(0);
            assertThat(paused.lifecycleHookDetails()).singleElement()
                    .satisfies(h -> assertThat(h.status()).isEqualTo(DeploymentLifecycleHookStatus.AWAITING_ACTION));
            assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).doesNotContain(v2);

            ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId(paused.lifecycleHookDetails().get(0).hookId()));
            resumed.advance(Duration.ofMinutes(3));
            assertThat(ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments().get(0).status())
                    .isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
        }
    }
}
