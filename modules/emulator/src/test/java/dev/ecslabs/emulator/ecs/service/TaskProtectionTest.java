package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task scale-in protection, as the ECS developer guide and API reference describe it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateTaskProtection.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class TaskProtectionTest {
    static final String CLUSTER = "protected";
    ManualClock clock;
    EcsClient ecs;
    String web;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        web = registerWeb(ecs, "web");
    }

    @Test
    @DisplayName("Scale-in stops only unprotected tasks; a protected task goes once its protection expires (expiresInMinutes)")
    void scaleInSkipsProtectedTasks() {
        create(ecs, CLUSTER, "web", web, 3, r -> { });
        clock.advance(Duration.ofMinutes(2));
        List<String> running = arns(tasks(ecs, CLUSTER, "web", "RUNNING"));
        List<String> guarded = running.subList(0, 2);

        List<ProtectedTask> protectedTasks = ecs.updateTaskProtection(b -> b.cluster(CLUSTER).tasks(guarded)
                .protectionEnabled(true).expiresInMinutes(30)).protectedTasks();
        assertThat(protectedTasks).allSatisfy(t -> {
            assertThat(t.protectionEnabled()).isTrue();
            assertThat(t.expirationDate()).isEqualTo(clock.now().plus(Duration.ofMinutes(30)));
        });
        ecs.updateService(b -> b.cluster(CLUSTER).service("web").desiredCount(1));
        clock.advance(Duration.ofMinutes(2));

        assertThat(arns(tasks(ecs, CLUSTER, "web", "RUNNING"))).containsExactlyInAnyOrderElementsOf(guarded);

        clock.advance(Duration.ofMinutes(30));
        assertThat(ecs.getTaskProtection(b -> b.cluster(CLUSTER).tasks(guarded)).protectedTasks())
                .extracting(ProtectedTask::protectionEnabled).containsOnly(false);
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).hasSize(1);
    }

    @Test
    @DisplayName("Clearing protection (protectionEnabled false) lets the scheduler scale in at once; GetTaskProtection shows it")
    void clearingProtection() {
        create(ecs, CLUSTER, "web", web, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));
        List<String> running = arns(tasks(ecs, CLUSTER, "web", "RUNNING"));
        ecs.updateTaskProtection(b -> b.cluster(CLUSTER).tasks(running).protectionEnabled(true));
        assertThat(ecs.getTaskProtection(b -> b.cluster(CLUSTER).tasks(running)).protectedTasks())
                .allSatisfy(t -> assertThat(t.expirationDate()).isEqualTo(clock.now().plus(Duration.ofHours(2))));
        ecs.updateService(b -> b.cluster(CLUSTER).service("web").desiredCount(0));
        clock.advance(Duration.ofMinutes(2));
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).hasSize(2);

        ecs.updateTaskProtection(b -> b.cluster(CLUSTER).tasks(running).protectionEnabled(false));
        clock.advance(Duration.ofMinutes(2));

        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).isEmpty();
    }

    @Test
    @DisplayName("A standalone task is a TASK_NOT_VALID failure, an unknown one MISSING; expiresInMinutes above 2,880 is refused")
    void failures() {
        Task standalone = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(web).launchType(LaunchType.FARGATE)
                .networkConfiguration(ServiceFixtures.defaultVpc())).tasks().get(0);

        List<Failure> failures = ecs.updateTaskProtection(b -> b.cluster(CLUSTER)
                .tasks(standalone.taskArn(), "0123456789abcdef0123456789abcdef").protectionEnabled(true)).failures();

        assertThat(failures).extracting(Failure::reason).containsExactly("TASK_NOT_VALID", "MISSING");
        assertThatThrownBy(() -> ecs.updateTaskProtection(b -> b.cluster(CLUSTER).tasks(standalone.taskArn())
                .protectionEnabled(true).expiresInMinutes(2881)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("2880");
    }

    private static List<String> arns(List<Task> tasks) {
        return tasks.stream().map(Task::taskArn).toList();
    }
}
