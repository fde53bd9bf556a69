package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.idOf;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.messagesOldestFirst;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** The service scheduler on a manual clock: it starts, keeps, replaces and scales a service's tasks. */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class ServiceSchedulerTest {
    static final String CLUSTER = "scheduler";
    ManualClock clock;
    EcsClient ecs;

    String web;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        web = registerWeb(ecs, "web");
    }

    @Test
    @DisplayName("A new service starts desiredCount tasks in group service:<name>, started by its deployment, and reports them in its events")
    void startsItsTasks() {
        Service created = create(ecs, CLUSTER, "web", web, 2, r -> { });

        clock.advance(Duration.ZERO);
        Service starting = describe(ecs, CLUSTER, "web");
        clock.advance(Duration.ofSeconds(25));
        Service running = describe(ecs, CLUSTER, "web");
        clock.advance(Duration.ofSeconds(60));
        Service steady = describe(ecs, CLUSTER, "web");

        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(created.runningCount()).isZero();
        assertThat(created.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.id()).matches("ecs-svc/\\d{19}");
            assertThat(d.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
            assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment " + d.id() + " in progress.");
        });
        assertThat(starting.pendingCount()).isEqualTo(2);
        assertThat(running.runningCount()).isEqualTo(2);
        assertThat(running.pendingCount()).isZero();
        List<Task> tasks = tasks(ecs, CLUSTER, "web", "RUNNING");
        assertThat(tasks).hasSize(2).allSatisfy(task -> {
            assertThat(task.group()).isEqualTo("service:web");
            assertThat(task.startedBy()).isEqualTo(primary(created).id());
        });
        String id = primary(created).id();
        assertThat(primary(steady).rolloutStateAsString()).isEqualTo("COMPLETED");
        assertThat(primary(steady).rolloutStateReason()).isEqualTo("ECS deployment " + id + " completed.");
        List<String> messages = messagesOldestFirst(steady);
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).startsWith("(service web) has started 2 tasks: (task ").endsWith(").")
                .contains("(task " + idOf(tasks.get(0).taskArn()) + ")", "(task " + idOf(tasks.get(1).taskArn()) + ")");
        assertThat(messages.subList(1, 3)).containsExactly(
                "(service web) (deployment " + id + ") deployment completed.",
                "(service web) has reached a steady state.");
        assertThat(steady.events().get(0).createdAt()).as("newest first: steady state 40 s after RUNNING")
                .isEqualTo(tasks.get(0).startedAt().plus(ServiceTaskStates.HEALTHY_WITHOUT_HEALTH_CHECK));
        assertThat(clock.pending()).as("nothing is scheduled once the service is steady").isZero();
    }

    @Test
    @DisplayName("A task of the service that is stopped is replaced by a new task with a new IP address")
    void replacesAStoppedTask() {
        create(ecs, CLUSTER, "web", web, 2, r -> { });
        clock.advance(Duration.ofSeconds(90));
        Task victim = tasks(ecs, CLUSTER, "web", "RUNNING").get(0);

        ecs.stopTask(r -> r.cluster(CLUSTER).task(victim.taskArn()).reason("chaos"));
        clock.advance(Duration.ZERO);
        Service replacing = describe(ecs, CLUSTER, "web");
        clock.advance(Duration.ofSeconds(30));
        List<Task> running = tasks(ecs, CLUSTER, "web", "RUNNING");

        assertThat(replacing.pendingCount()).as("the replacement starts at once").isEqualTo(1);
        assertThat(running).hasSize(2).noneMatch(t -> t.taskArn().equals(victim.taskArn()));
        Task replacement = running.stream().filter(t -> t.createdAt().isAfter(victim.createdAt())).findFirst().orElseThrow();
        assertThat(ip(replacement)).isNotEqualTo(ip(victim));
        assertThat(replacement.startedBy()).isEqualTo(victim.startedBy());
        assertThat(messagesOldestFirst(describe(ecs, CLUSTER, "web")))
                .contains("(service web) has started 1 tasks: (task " + idOf(replacement.taskArn()) + ").");
        assertThat(describe(ecs, CLUSTER, "web").runningCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("UpdateService desiredCount scales out without a new deployment, and scales in stopping tasks with ServiceSchedulerInitiated")
    void scalesOutAndIn() {
        Service created = create(ecs, CLUSTER, "web", web, 2, r -> { });
        clock.advance(Duration.ofSeconds(90));
        String deploymentId = primary(created).id();

        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(4)).service();
        clock.advance(Duration.ofSeconds(90));
        Service four = describe(ecs, CLUSTER, "web");
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1));
        clock.advance(Duration.ZERO);
        List<Task> stopping = tasks(ecs, CLUSTER, "web", "STOPPED");
        clock.advance(Duration.ofSeconds(60));
        Service one = describe(ecs, CLUSTER, "web");

        assertThat(updated.desiredCount()).isEqualTo(4);
        assertThat(updated.deployments()).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(deploymentId));
        assertThat(four.runningCount()).isEqualTo(4);
        assertThat(primary(four).desiredCount()).isEqualTo(4);
        assertThat(stopping).hasSize(3).allSatisfy(task -> {
            assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(task.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + deploymentId + ")");
        });
        assertThat(one.runningCount()).isEqualTo(1);
        assertThat(one.deployments()).singleElement().satisfies(d -> assertThat(d.runningCount()).isEqualTo(1));
        assertThat(one.events().get(0).message()).isEqualTo("(service web) has reached a steady state.");
        assertThat(messagesOldestFirst(one)).anySatisfy(m -> assertThat(m).startsWith("(service web) has stopped 3 running tasks: (task "));
    }

    @Test
    @DisplayName("A task that fails its container health checks is stopped after the grace period and replaced; the events say why")
    void replacesUnhealthyTasksAfterTheGracePeriod() {
        String failing = ServiceFixtures.registerFailingHealthCheck(ecs, "failing");
        create(ecs, CLUSTER, "sick", failing, 1, r -> r.healthCheckGracePeriodSeconds(60));

        clock.advance(Duration.ofSeconds(45));
        Task unhealthy = tasks(ecs, CLUSTER, "sick", "RUNNING").get(0);
        clock.advance(Duration.ofSeconds(34));
        Task withinGrace = ServiceFixtures.describeTask(ecs, CLUSTER, unhealthy.taskArn());
        clock.advance(Duration.ofSeconds(2));
        Task stopped = ServiceFixtures.describeTask(ecs, CLUSTER, unhealthy.taskArn());
        Service service = describe(ecs, CLUSTER, "sick");

        assertThat(unhealthy.healthStatusAsString()).as("two failed checks, 10 s apart").isEqualTo("UNHEALTHY");
        assertThat(withinGrace.desiredStatus()).as("60 s after it started, the grace period is not over").isEqualTo("RUNNING");
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        String id = idOf(unhealthy.taskArn());
        List<String> messages = messagesOldestFirst(service);
        assertThat(messages).containsSubsequence(
                "(service sick) (task " + id + ") failed container health checks.",
                "(service sick) has stopped 1 running tasks: (task " + id + ").");
        assertThat(messages.get(messages.size() - 1)).startsWith("(service sick) has started 1 tasks: (task ")
                .endsWith("). Amazon ECS replaced 1 tasks due to an unhealthy status.");
        assertThat(primary(service).failedTasks()).as("a failure for the circuit breaker").isEqualTo(1);
    }

    @Test
    @DisplayName("A capacity provider strategy spreads the service's tasks: FARGATE base 1, then FARGATE_SPOT three to one")
    void spreadsOverCapacityProviders() {
        ecs.createCluster(b -> b.clusterName("spot").capacityProviders("FARGATE", "FARGATE_SPOT"));
        Service created = create(ecs, "spot", "web", web, 5, r -> r.launchType((String) null).capacityProviderStrategy(
                s -> s.capacityProvider("FARGATE").base(1).weight(1), s -> s.capacityProvider("FARGATE_SPOT").weight(3)));

        clock.advance(Duration.ofSeconds(30));
        List<Task> running = tasks(ecs, "spot", "web", "RUNNING");

        assertThat(created.launchType()).isNull();
        assertThat(created.capacityProviderStrategy()).hasSize(2);
        assertThat(running).extracting(Task::capacityProviderName)
                .containsExactlyInAnyOrder("FARGATE", "FARGATE", "FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT");
    }

    @Test
    @DisplayName("propagateTags SERVICE and enableECSManagedTags give each task the service's tags and aws:ecs:clusterName / aws:ecs:serviceName")
    void propagatesTags() {
        create(ecs, CLUSTER, "tagged", web, 1, r -> r.tags(t -> t.key("team").value("web"))
                .propagateTags("SERVICE").enableECSManagedTags(true));

        clock.advance(Duration.ofSeconds(1));
        String arn = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("tagged")).taskArns().get(0);
        Task task = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arn).include(software.amazon.awssdk.services.ecs.model.TaskField.TAGS))
                .tasks().get(0);

        assertThat(task.tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactlyInAnyOrder("team=web", "aws:ecs:clusterName=" + CLUSTER, "aws:ecs:serviceName=tagged");
    }

    @Test
    @DisplayName("Without a launch type or a strategy, on a cluster without a default strategy, ECS uses EC2 and can place no task")
    void cannotPlaceOnEc2() {
        Service created = create(ecs, CLUSTER, "ec2", web, 1, r -> r.launchType((String) null));

        clock.advance(Duration.ofMinutes(5));
        Service service = describe(ecs, CLUSTER, "ec2");

        assertThat(created.launchTypeAsString()).isEqualTo("EC2");
        assertThat(service.runningCount() + service.pendingCount()).isZero();
        assertThat(messagesOldestFirst(service)).containsExactly("(service ec2) was unable to place a task because no "
                + "container instance met all of its requirements. Reason: No Container Instances were found in your cluster. "
                + "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
        assertThat(clock.pending()).isZero();
    }

    private static String ip(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
    }
}
