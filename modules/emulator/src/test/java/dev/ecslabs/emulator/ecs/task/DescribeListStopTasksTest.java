package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.RunTaskApiTest.tag;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * DescribeTasks, ListTasks and StopTask through the real SDK, as the ECS API reference describes
 * them (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html,
 * …/API_ListTasks.html, …/API_StopTask.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class DescribeListStopTasksTest {
    static final String CLUSTER = "queries";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        ecs.createCluster(b -> b.clusterName("other"));
        register(ecs, "web", web());
        register(ecs, "job", shell("job", "sleep 3600"));
    }

    @Test
    @DisplayName("DescribeTasks shows tags only with include TAGS, and reports unknown tasks and tasks of other clusters as MISSING")
    void describesTasks() {
        Task task = run(ecs, CLUSTER, "web", r -> r.tags(tag("team", "a")));
        Task elsewhere = run(ecs, "other", "web");
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        DescribeTasksResponse plain = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(id, "0123456789abcdef0123456789abcdef",
                elsewhere.taskArn()));
        DescribeTasksResponse tagged = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn()).include(TaskField.TAGS));

        assertThat(plain.tasks()).extracting(Task::taskArn).containsExactly(task.taskArn());
        assertThat(plain.tasks().get(0).hasTags()).as("tags without include TAGS").isFalse();
        assertThat(plain.failures()).extracting(f -> f.arn() + " " + f.reason()).containsExactly(
                "arn:aws:ecs:us-east-1:123456789012:task/queries/0123456789abcdef0123456789abcdef MISSING",
                elsewhere.taskArn() + " MISSING");
        assertThat(tagged.tasks().get(0).tags()).containsExactly(tag("team", "a"));
    }

    @Test
    @DisplayName("DescribeTasks takes 1 to 100 tasks, in a cluster that exists")
    void describeLimits() {
        List<String> many = Collections.nCopies(101, "0123456789abcdef0123456789abcdef");

        assertThatThrownBy(() -> ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(many)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> ecs.describeTasks(r -> r.cluster("nope").tasks("x")))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(many.subList(0, 100))).failures()).hasSize(100);
    }

    @Test
    @DisplayName("ListTasks lists desired-RUNNING tasks by default, and filters by family, startedBy, desiredStatus and launch type")
    void listsWithFilters() {
        Task web = run(ecs, CLUSTER, "web", r -> r.startedBy("deploy-1"));
        Task job = run(ecs, CLUSTER, "job");
        Task stoppedJob = run(ecs, CLUSTER, "job");
        run(ecs, "other", "web");
        ecs.stopTask(r -> r.cluster(CLUSTER).task(stoppedJob.taskArn()));

        assertThat(list(r -> r.cluster(CLUSTER))).containsExactlyInAnyOrder(web.taskArn(), job.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).family("job"))).containsExactly(job.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).startedBy("deploy-1"))).containsExactly(web.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).desiredStatus(DesiredStatus.STOPPED))).containsExactly(stoppedJob.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).launchType(LaunchType.FARGATE))).hasSize(2);
        assertThat(list(r -> r.cluster(CLUSTER).launchType(LaunchType.EC2))).isEmpty();
        assertThat(list(r -> r.cluster(CLUSTER).containerInstance("any"))).as("Fargate tasks have no container instance")
                .isEmpty();
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("nope"))).isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    @DisplayName("ListTasks pages with maxResults and nextToken, and the paginator walks every page")
    void listsInPages() {
        for (int i = 0; i < 3; i++) {
            ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("web").count(10).launchType(LaunchType.FARGATE)
                    .networkConfiguration(TaskFixtures.defaultVpc()));
        }

        ListTasksResponse first = ecs.listTasks(r -> r.cluster(CLUSTER).maxResults(12));
        ListTasksResponse second = ecs.listTasks(r -> r.cluster(CLUSTER).maxResults(12).nextToken(first.nextToken()));
        List<String> all = new ArrayList<>(ecs.listTasksPaginator(r -> r.cluster(CLUSTER).maxResults(7)).taskArns().stream()
                .toList());

        assertThat(first.taskArns()).hasSize(12);
        assertThat(second.taskArns()).hasSize(12).doesNotContainAnyElementsOf(first.taskArns());
        assertThat(all).hasSize(30).doesNotHaveDuplicates();
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster(CLUSTER).maxResults(101)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    @DisplayName("StopTask: an unknown task is \"The referenced task was not found.\"; a second stop keeps the first reason; tags are deleted")
    void stopsTasks() {
        Task task = run(ecs, CLUSTER, "web", r -> r.tags(tag("team", "a")));
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> ecs.stopTask(r -> r.cluster(CLUSTER).task("0123456789abcdef0123456789abcdef")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("The referenced task was not found.");
        assertThatThrownBy(() -> ecs.stopTask(r -> r.cluster("other").task(task.taskArn())))
                .isInstanceOf(InvalidParameterException.class);
        Task first = ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("first")).task();
        Task second = ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("second")).task();

        assertThat(first.stoppedReason()).isEqualTo("first");
        assertThat(second.stoppedReason()).isEqualTo("first");
        assertThat(second.stoppingAt()).isEqualTo(first.stoppingAt());
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags())
                .as("\"Any tags associated with the task will be deleted.\"").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(describe(ecs, CLUSTER, task.taskArn()).lastStatus()).isEqualTo("STOPPED");
    }

    @Test
    @DisplayName("A task can be tagged and untagged by its ARN")
    void tagsATask() {
        Task task = run(ecs, CLUSTER, "web");

        ecs.tagResource(r -> r.resourceArn(task.taskArn()).tags(tag("env", "dev"), tag("team", "b")));
        ecs.untagResource(r -> r.resourceArn(task.taskArn()).tagKeys("team"));

        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags()).containsExactly(tag("env", "dev"));
    }

    private List<String> list(java.util.function.Consumer<software.amazon.awssdk.services.ecs.model.ListTasksRequest.Builder> request) {
        return ecs.listTasks(request).taskArns();
    }
}
