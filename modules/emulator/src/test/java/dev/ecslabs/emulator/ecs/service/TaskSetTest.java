package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.defaultVpc;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
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
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/**
 * Task sets of a service with the EXTERNAL deployment controller, as "Deploy Amazon ECS services
 * using a third-party controller" and the API reference describe them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html):
 * the service has no tasks of its own, each task set runs ceil(desiredCount × scale %) tasks.
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class TaskSetTest {
    static final String CLUSTER = "external";
    ManualClock clock;
    EcsClient ecs;

    String blue;
    String green;

    @BeforeEach
    void createExternalService() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        blue = registerWeb(ecs, "blue");
        green = registerWeb(ecs, "green");
        ecs.createService(b -> b.cluster(CLUSTER).serviceName("web").desiredCount(3)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
    }

    TaskSet createTaskSet(String taskDefinition, double percent) {
        return ecs.createTaskSet(b -> b.cluster(CLUSTER).service("web").taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE).networkConfiguration(defaultVpc()).externalId("release-" + percent)
                .scale(s -> s.value(percent).unit(ScaleUnit.PERCENT)).tags(t -> t.key("color").value("blue"))).taskSet();
    }

    TaskSet describeTaskSet(String id) {
        return ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web").taskSets(id)).taskSets().get(0);
    }

    @Test
    @DisplayName("CreateService with the EXTERNAL controller needs no task definition and starts no task: its task sets do")
    void externalServiceHasNoTasksOfItsOwn() {
        clock.advance(Duration.ofMinutes(2));

        Service service = describe(ecs, CLUSTER, "web");
        assertThat(service.deploymentController().type()).isEqualTo(DeploymentControllerType.EXTERNAL);
        assertThat(service.taskDefinition()).isNull();
        assertThat(service.deployments()).isEmpty();
        assertThat(service.taskSets()).isEmpty();
        assertThat(service.runningCount()).isZero();
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).isEmpty();
    }

    @Test
    @DisplayName("A task set at 50 % of 3 computes 2 tasks (rounded up), STABILIZING until they run, then STEADY_STATE")
    void taskSetRunsItsComputedCount() {
        TaskSet created = createTaskSet(blue, 50);

        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(created.computedDesiredCount()).isEqualTo(2);
        assertThat(created.stabilityStatus()).isEqualTo(StabilityStatus.STABILIZING);
        assertThat(created.taskSetArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-set/external/web/" + created.id());
        assertThat(created.id()).matches("ecs-svc/\\d{19}");
        assertThat(created.tags()).as("tags only with include TAGS").isEmpty();
        clock.advance(Duration.ofMinutes(2));

        TaskSet steady = describeTaskSet(created.id());
        assertThat(steady.runningCount()).isEqualTo(2);
        assertThat(steady.pendingCount()).isZero();
        assertThat(steady.stabilityStatus()).isEqualTo(StabilityStatus.STEADY_STATE);
        assertThat(steady.externalId()).isEqualTo("release-50.0");
        List<Task> running = tasks(ecs, CLUSTER, "web", "RUNNING");
        assertThat(running).hasSize(2).allSatisfy(task -> {
            assertThat(task.startedBy()).isEqualTo(created.id());
            assertThat(task.taskDefinitionArn()).isEqualTo(blue);
            assertThat(task.group()).isEqualTo("service:web");
        });
        Service service = describe(ecs, CLUSTER, "web");
        assertThat(service.runningCount()).isEqualTo(2);
        assertThat(service.taskSets()).extracting(TaskSet::id).containsExactly(created.id());
    }

    @Test
    @DisplayName("UpdateTaskSet and UpdateService's desiredCount change the computed count, and the scheduler follows")
    void scaleFollowsTheService() {
        TaskSet created = createTaskSet(blue, 50);
        clock.advance(Duration.ofMinutes(2));

        ecs.updateTaskSet(b -> b.cluster(CLUSTER).service("web").taskSet(created.taskSetArn())
                .scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(describeTaskSet(created.id()).runningCount()).isEqualTo(3);

        ecs.updateService(b -> b.cluster(CLUSTER).service("web").desiredCount(1));
        clock.advance(Duration.ofMinutes(2));
        TaskSet scaledIn = describeTaskSet(created.id());
        assertThat(scaledIn.computedDesiredCount()).isEqualTo(1);
        assertThat(scaledIn.runningCount()).isEqualTo(1);
        assertThat(tasks(ecs, CLUSTER, "web", "STOPPED")).hasSize(2)
                .allSatisfy(task -> assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated"));
    }

    @Test
    @DisplayName("UpdateServicePrimaryTaskSet makes one PRIMARY (the other ACTIVE) and DescribeServices shows the primary's settings")
    void primaryTaskSetShapesTheService() {
        TaskSet first = createTaskSet(blue, 100);
        TaskSet second = createTaskSet(green, 0);
        ecs.updateServicePrimaryTaskSet(b -> b.cluster(CLUSTER).service("web").primaryTaskSet(first.id()));
        assertThat(describe(ecs, CLUSTER, "web").taskDefinition()).isEqualTo(blue);

        TaskSet primary = ecs.updateServicePrimaryTaskSet(b -> b.cluster(CLUSTER).service("web")
                .primaryTaskSet(second.taskSetArn())).taskSet();

        assertThat(primary.status()).isEqualTo("PRIMARY");
        assertThat(describeTaskSet(first.id()).status()).isEqualTo("ACTIVE");
        Service service = describe(ecs, CLUSTER, "web");
        assertThat(service.taskDefinition()).isEqualTo(green);
        assertThat(service.launchType()).isEqualTo(LaunchType.FARGATE);
        assertThat(service.networkConfiguration()).isEqualTo(defaultVpc());
    }

    @Test
    @DisplayName("DeleteTaskSet refuses a task set scaled above 0 % unless forced; forced, it is DRAINING, then gone with its tasks")
    void deleteDrains() {
        TaskSet created = createTaskSet(blue, 100);
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> ecs.deleteTaskSet(b -> b.cluster(CLUSTER).service("web").taskSet(created.id())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("scale it to 0");
        TaskSet deleted = ecs.deleteTaskSet(b -> b.cluster(CLUSTER).service("web").taskSet(created.id()).force(true))
                .taskSet();
        assertThat(deleted.status()).isEqualTo("DRAINING");
        assertThat(deleted.computedDesiredCount()).isZero();
        clock.advance(Duration.ofMinutes(2));

        DescribeTaskSetsResponse after = ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web").taskSets(created.id()));
        assertThat(after.taskSets()).isEmpty();
        assertThat(after.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).isEmpty();
        assertThatThrownBy(() -> ecs.updateTaskSet(b -> b.cluster(CLUSTER).service("web").taskSet(created.id())
                .scale(s -> s.value(10.0).unit(ScaleUnit.PERCENT)))).isInstanceOf(TaskSetNotFoundException.class);
    }

    @Test
    @DisplayName("DescribeTaskSets lists every task set without names, tags with include TAGS, MISSING for unknown ones")
    void describeTaskSets() {
        TaskSet first = createTaskSet(blue, 100);
        createTaskSet(green, 0);

        assertThat(ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web")).taskSets()).hasSize(2);
        DescribeTaskSetsResponse named = ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web")
                .taskSets(first.id(), "ecs-svc/0000000000000000000").include(TaskSetField.TAGS));
        assertThat(named.taskSets()).singleElement()
                .satisfies(set -> assertThat(set.tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("color")));
        assertThat(named.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("ecs-svc/0000000000000000000");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    @Test
    @DisplayName("Task sets are only for EXTERNAL services: CreateTaskSet on a rolling-update service answers AWS's InvalidParameterException")
    void onlyForExternalServices() {
        create(ecs, CLUSTER, "rolling", blue, 1, r -> { });

        assertThatThrownBy(() -> ecs.createTaskSet(b -> b.cluster(CLUSTER).service("rolling").taskDefinition(blue)
                .launchType(LaunchType.FARGATE).networkConfiguration(defaultVpc())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Amazon ECS only supports task set management on services configured to use "
                        + "external deployment controllers.");
    }

    @Test
    @DisplayName("What runs belongs to the task sets: CreateService and UpdateService of an EXTERNAL service refuse a task definition")
    void externalServiceRefusesTaskSetParameters() {
        assertThatThrownBy(() -> ecs.createService(b -> b.cluster(CLUSTER).serviceName("other").taskDefinition(blue)
                .desiredCount(1).deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("[taskDefinition]");
        assertThatThrownBy(() -> ecs.updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(green)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("CreateTaskSet");
        assertThatThrownBy(() -> createTaskSet(blue, 150)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("from 0 to 100");
    }

    @Test
    @DisplayName("A service holds at most five task sets: the sixth answers '5 deployments exist on the service.'")
    void atMostFiveTaskSets() {
        for (int i = 0; i < 5; i++) {
            createTaskSet(blue, 0);
        }
        assertThatThrownBy(() -> createTaskSet(blue, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("5 deployments exist on the service.");
    }

    @Test
    @DisplayName("A task set is taggable by its ARN: TagResource, ListTagsForResource, UntagResource")
    void tagsByArn() {
        TaskSet created = createTaskSet(blue, 0);

        ecs.tagResource(b -> b.resourceArn(created.taskSetArn()).tags(t -> t.key("stage").value("canary")));
        ecs.untagResource(b -> b.resourceArn(created.taskSetArn()).tagKeys("color"));

        assertThat(ecs.listTagsForResource(b -> b.resourceArn(created.taskSetArn())).tags())
                .singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("stage"));
    }

    @Test
    @DisplayName("DeleteService with force drains an EXTERNAL service: its task sets DRAINING, its tasks stopped, then INACTIVE")
    void deleteServiceDrainsTaskSets() {
        createTaskSet(blue, 100);
        clock.advance(Duration.ofMinutes(2));

        Service deleted = ecs.deleteService(b -> b.cluster(CLUSTER).service("web").force(true)).service();
        clock.advance(Duration.ofMinutes(2));

        assertThat(deleted.status()).isEqualTo("DRAINING");
        assertThat(deleted.taskSets()).extracting(TaskSet::status).containsOnly("DRAINING");
        assertThat(describe(ecs, CLUSTER, "web").status()).isEqualTo("INACTIVE");
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).isEmpty();
    }
}
