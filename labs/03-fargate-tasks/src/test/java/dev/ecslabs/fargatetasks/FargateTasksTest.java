package dev.ecslabs.fargatetasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.CourseAppImage;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.labkit.RealWorkloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

@Lab("03")
class FargateTasksTest {
    LabTasks lab;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs) {
        lab = new LabTasks(backend, ecs);
    }

    @AfterEach
    void stopTasks() {
        lab.stopEverything();
    }

    @Exercise(value = 1, title = "Create a cluster with Fargate and Fargate Spot and a default capacity provider strategy",
            hints = {
                    "A cluster can have capacity providers, and a default strategy that shares tasks among them: base "
                            + "tasks go to one provider first, then weights share the rest (here 1 on FARGATE for 3 on "
                            + "FARGATE_SPOT).",
                    "CreateCluster takes capacityProviders(\"FARGATE\", \"FARGATE_SPOT\") and "
                            + "defaultCapacityProviderStrategy(CapacityProviderStrategyItem...): capacityProvider, base, "
                            + "weight.",
                    "ecs.createCluster(r -> r.clusterName(name).capacityProviders(\"FARGATE\", "
                            + "\"FARGATE_SPOT\").defaultCapacityProviderStrategy(s -> "
                            + "s.capacityProvider(\"FARGATE\").base(1).weight(1), s -> "
                            + "s.capacityProvider(\"FARGATE_SPOT\").weight(3))).cluster()"})
    void createsAFargateCluster(Backend backend, EcsClient ecs) {
        String name = backend.uniqueName("fargate");

        Cluster cluster = FargateTasks.createFargateCluster(ecs, name);
        lab.track(name);

        assertThat(cluster).as("the cluster you returned").isNotNull();
        assertThat(cluster.clusterName()).isEqualTo(name);
        assertThat(cluster.status()).isEqualTo("ACTIVE");
        assertThat(cluster.capacityProviders()).containsExactlyInAnyOrder(FargateTasks.FARGATE, FargateTasks.FARGATE_SPOT);
        assertThat(cluster.defaultCapacityProviderStrategy())
                .extracting(CapacityProviderStrategyItem::capacityProvider, item -> orZero(item.base()),
                        item -> orZero(item.weight()))
                .containsExactlyInAnyOrder(tuple(FargateTasks.FARGATE, 1, 1), tuple(FargateTasks.FARGATE_SPOT, 0, 3));
        String web = lab.registerWeb(backend.uniqueName("web"));
        List<Task> tasks = ecs.runTask(request -> request.cluster(name).taskDefinition(web).count(5)
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(lab.subnets()))))
                .tasks();
        Map<String, Long> byProvider = tasks.stream()
                .collect(Collectors.groupingBy(Task::capacityProviderName, Collectors.counting()));
        assertThat(byProvider).as("5 tasks run without a launch type: 1 for FARGATE's base, then 1:3")
                .containsExactlyInAnyOrderEntriesOf(Map.of(FargateTasks.FARGATE, 2L, FargateTasks.FARGATE_SPOT, 3L));
    }

    @Exercise(value = 2, title = "Run the web app as a Fargate task and wait until it is RUNNING",
            hints = {
                    "RunTask answers at once, with a task still PROVISIONING; it is RUNNING only later. An awsvpc "
                            + "task needs subnets for its network interface. A waiter asks again until the task runs (or "
                            + "fails).",
                    "RunTask: cluster, taskDefinition, launchType FARGATE, networkConfiguration(awsvpcConfiguration: "
                            + "subnets, assignPublicIp ENABLED). waiter.waitUntilTasksRunning(r -> r.cluster(...).tasks(arn)); "
                            + "its matched().response() holds the last DescribeTasks answer.",
                    "String arn = ecs.runTask(...).tasks().get(0).taskArn(); return waiter.waitUntilTasksRunning(r -> "
                            + "r.cluster(cluster).tasks(arn)).matched().response().orElseThrow().tasks().get(0);"})
    void runsTheWebApp(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("web-app");
        String web = lab.registerWeb(backend.uniqueName("web"));

        Task task = FargateTasks.runAndWait(ecs, waiter, cluster, web, lab.subnets());

        assertThat(task).as("the task you returned").isNotNull();
        assertThat(task.taskDefinitionArn()).isEqualTo(web);
        assertThat(task.clusterArn()).endsWith(":cluster/" + cluster);
        assertThat(task.launchType()).isEqualTo(LaunchType.FARGATE);
        assertThat(task.lastStatus()).as("last status").isEqualTo("RUNNING");
        assertThat(task.desiredStatus()).as("desired status").isEqualTo("RUNNING");
        assertThat(task.pullStoppedAt()).as("the image was pulled before the task started").isBeforeOrEqualTo(task.startedAt());
        assertThat(task.createdAt()).isBefore(task.startedAt());
        assertThat(task.containers()).singleElement().satisfies(container -> {
            assertThat(container.name()).isEqualTo(LabTasks.WEB);
            assertThat(container.lastStatus()).isEqualTo("RUNNING");
            assertThat(container.imageDigest()).startsWith("sha256:");
        });
    }

    @Exercise(value = 3, title = "Read a task's private IP address from its network interface",
            hints = {
                    "Every awsvpc task gets its own elastic network interface, and so its own private IP address. The "
                            + "task describes it as an attachment.",
                    "task.attachments(): the Attachment of type \"ElasticNetworkInterface\" has details(), name/value "
                            + "pairs, among them privateIPv4Address.",
                    "task.attachments().stream().filter(a -> a.type().equals(\"ElasticNetworkInterface\")).flatMap(a -> "
                            + "a.details().stream()).filter(d -> "
                            + "d.name().equals(\"privateIPv4Address\")).map(KeyValuePair::value).findFirst().orElseThrow()"})
    void readsThePrivateIp(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("addresses");
        String web = lab.registerWeb(backend.uniqueName("web"));
        Task first = lab.runAndWait(waiter, cluster, web);
        Task second = lab.runAndWait(waiter, cluster, web);

        String firstIp = FargateTasks.privateIpOf(first);
        String secondIp = FargateTasks.privateIpOf(second);

        assertThat(firstIp).as("an IPv4 address").matches("\\d{1,3}(\\.\\d{1,3}){3}");
        assertThat(secondIp).as("every task has an address of its own").isNotEqualTo(firstIp);
        assertThat(first.containers().get(0).networkInterfaces()).singleElement()
                .satisfies(eni -> assertThat(eni.privateIpv4Address()).isEqualTo(firstIp));
        if (backend.isCourseEmulator()) {
            assertThat(firstIp).as("in the default VPC, 172.31.0.0/16").startsWith("172.31.");
        }
    }

    @Exercise(value = 4, title = "Run a batch job to its end and read its exit code",
            hints = {
                    "A task whose essential container exits stops: stopCode EssentialContainerExited. A batch job is "
                            + "such a task; its container's exit code says whether it worked (0 for success).",
                    "RunTask as before, then waiter.waitUntilTasksStopped; task.containers() each have name() and "
                            + "exitCode().",
                    "waiter.waitUntilTasksStopped(r -> "
                            + "r.cluster(cluster).tasks(arn)).matched().response().orElseThrow().tasks().get(0); then the "
                            + "container whose name() equals containerName, its exitCode()"})
    void runsABatchJob(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("batch");
        String succeeds = lab.registerJob(backend.uniqueName("report"), "echo building the report; sleep 5; exit 0");
        String fails = lab.registerJob(backend.uniqueName("import"), "echo importing; sleep 2; exit 3");

        Task done = FargateTasks.runToCompletion(ecs, waiter, cluster, succeeds, lab.subnets());
        Task failed = FargateTasks.runToCompletion(ecs, waiter, cluster, fails, lab.subnets());

        assertThat(done).as("the task you returned").isNotNull();
        assertThat(done.lastStatus()).isEqualTo("STOPPED");
        assertThat(done.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(done.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(FargateTasks.exitCodeOf(done, LabTasks.JOB)).as("the report's exit code").isZero();
        assertThat(FargateTasks.exitCodeOf(failed, LabTasks.JOB)).as("the import's exit code").isEqualTo(3);
    }

    @Exercise(value = 5, title = "Find out why a task never started: an image that does not exist",
            hints = {
                    "A task that can't start (an image that doesn't exist) goes STOPPED without ever RUNNING; its "
                            + "stopCode and stoppedReason say why. A waiter for RUNNING fails as soon as the task is STOPPED.",
                    "waitUntilTasksRunning throws SdkClientException when the task stopped; then DescribeTasks: the "
                            + "task's lastStatus, stopCodeAsString() (TaskFailedToStart) and stoppedReason(). Rethrow when the "
                            + "task is not STOPPED.",
                    "try { waiter.waitUntilTasksRunning(...); return Optional.empty(); } catch (SdkClientException e) "
                            + "{ Task t = ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0); if "
                            + "(!\"STOPPED\".equals(t.lastStatus())) throw e; return Optional.of(t.stopCodeAsString() + \": \" + "
                            + "t.stoppedReason()); }"})
    void explainsAFailedStart(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("broken");
        String broken = lab.registerMissingImage(backend.uniqueName("broken"));
        String web = lab.registerWeb(backend.uniqueName("web"));
        Task failing = lab.run(cluster, broken, 1).get(0);
        Task healthy = lab.run(cluster, web, 1).get(0);

        Optional<String> why = FargateTasks.whyItDidNotStart(ecs, waiter, cluster, failing.taskArn());
        Optional<String> running = FargateTasks.whyItDidNotStart(ecs, waiter, cluster, healthy.taskArn());

        assertThat(why).as("why the task with the missing image stopped").hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("TaskFailedToStart: CannotPullContainerError")
                .contains(lab.missingImage()));
        assertThat(running).as("a task that runs has nothing to explain").isEmpty();
    }

    @Exercise(value = 6, title = "Override the command of one run",
            hints = {
                    "One run can change what a container does (its command, its environment) without a new task "
                            + "definition: overrides are for this task only, and the task shows them.",
                    "RunTask takes overrides(TaskOverride) with containerOverrides(ContainerOverride: name, command).",
                    "ecs.runTask(r -> "
                            + "r.cluster(...).taskDefinition(...).launchType(LaunchType.FARGATE).networkConfiguration(...).overrides(o "
                            + "-> o.containerOverrides(c -> c.name(containerName).command(command)))).tasks().get(0)"})
    void overridesTheCommand(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("overrides");
        String job = lab.registerJob(backend.uniqueName("worker"), "sleep 3600");
        List<String> command = List.of("sh", "-c", "echo a one-off run; exit 7");

        Task task = FargateTasks.runWithCommand(ecs, cluster, job, lab.subnets(), LabTasks.JOB, command);

        assertThat(task).as("the task you returned").isNotNull();
        assertThat(task.overrides().containerOverrides()).filteredOn(o -> o.name().equals(LabTasks.JOB)).singleElement()
                .satisfies(o -> assertThat(o.command()).isEqualTo(command));
        Task stopped = waiter.waitUntilTasksStopped(request -> request.cluster(cluster).tasks(task.taskArn()))
                .matched().response().orElseThrow().tasks().get(0);
        assertThat(stopped.containers().get(0).exitCode()).as("the overridden command's exit code").isEqualTo(7);
        assertThat(ecs.describeTaskDefinition(request -> request.taskDefinition(job)).taskDefinition()
                .containerDefinitions().get(0).command()).as("the task definition's command, unchanged")
                .containsExactly("sh", "-c", "sleep 3600");
    }

    @Exercise(value = 7, title = "Stop a task with a reason and wait until it is STOPPED",
            hints = {
                    "StopTask answers at once: desiredStatus STOPPED, lastStatus still RUNNING. The task then goes "
                            + "DEACTIVATING, STOPPING (SIGTERM), DEPROVISIONING and STOPPED; waiting for the end is your part.",
                    "StopTask takes cluster, task and reason; waiter.waitUntilTasksStopped waits for STOPPED and its "
                            + "matched response holds the task.",
                    "ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason(reason)); return "
                            + "waiter.waitUntilTasksStopped(r -> "
                            + "r.cluster(cluster).tasks(taskArn)).matched().response().orElseThrow().tasks().get(0);"})
    void stopsATask(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("stopping");
        Task task = lab.runAndWait(waiter, cluster, lab.registerWeb(backend.uniqueName("web")));

        Task stopped = FargateTasks.stopAndWait(ecs, waiter, cluster, task.taskArn(), "Replaced by version 2");

        assertThat(stopped).as("the task you returned").isNotNull();
        assertThat(stopped.taskArn()).isEqualTo(task.taskArn());
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
        assertThat(stopped.stoppedReason()).isEqualTo("Replaced by version 2");
        assertThat(stopped.stoppingAt()).isBeforeOrEqualTo(stopped.executionStoppedAt());
        assertThat(stopped.executionStoppedAt()).isBeforeOrEqualTo(stopped.stoppedAt());
        assertThat(stopped.containers().get(0).exitCode()).as("nginx's exit code after SIGTERM").isNotNull();
    }

    @Exercise(value = 8, title = "List the tasks of a family, running and stopped",
            hints = {
                    "ListTasks lists a cluster's tasks, filtered (by family, by desired status: RUNNING unless you "
                            + "ask for STOPPED), at most 100 a page.",
                    "ListTasks through listTasksPaginator(r -> r.cluster(...).family(...).desiredStatus(...)); "
                            + "taskArns() walks every page.",
                    "ecs.listTasksPaginator(r -> "
                            + "r.cluster(cluster).family(family).desiredStatus(desiredStatus)).taskArns().stream().toList()"})
    void listsTheTasksOfAFamily(Backend backend, EcsClient ecs) {
        String cluster = lab.cluster("families");
        String workerFamily = backend.uniqueName("worker");
        String worker = lab.registerJob(workerFamily, "sleep 3600");
        String other = lab.registerJob(backend.uniqueName("other"), "sleep 3600");
        List<Task> workers = new ArrayList<>(lab.run(cluster, worker, 10));
        workers.addAll(lab.run(cluster, worker, 2));
        lab.run(cluster, other, 2);
        List<String> stoppedArns = List.of(workers.get(0).taskArn(), workers.get(1).taskArn());
        stoppedArns.forEach(arn -> ecs.stopTask(request -> request.cluster(cluster).task(arn)));

        List<String> running = FargateTasks.taskArnsOfFamily(ecs, cluster, workerFamily, DesiredStatus.RUNNING);
        List<String> stopped = FargateTasks.taskArnsOfFamily(ecs, cluster, workerFamily, DesiredStatus.STOPPED);

        assertThat(running).as("the family's tasks still meant to run")
                .containsExactlyInAnyOrderElementsOf(workers.subList(2, 12).stream().map(Task::taskArn).toList());
        assertThat(stopped).as("the family's stopped tasks").containsExactlyInAnyOrderElementsOf(stoppedArns);
    }

    @Exercise(value = 9, title = "Run the course's own app as a task and ask it which task answered",
            hints = {
                    "A task definition for Fargate needs the awsvpc network mode and task-level cpu and memory; a container "
                            + "that serves HTTP declares its port in portMappings, or nothing outside the task reaches it. The "
                            + "app answers GET / with the task it runs in, read from the task metadata endpoint "
                            + "(ECS_CONTAINER_METADATA_URI_V4) ECS gives every container.",
                    "RegisterTaskDefinition: family, requiresCompatibilities(Compatibility.FARGATE), "
                            + "networkMode(NetworkMode.AWSVPC), cpu(\"256\"), memory(\"512\"), containerDefinitions(c -> "
                            + "c.name(\"app\").image(image).essential(true).portMappings(p -> p.containerPort(8080)...)); "
                            + "the answer's taskDefinition().taskDefinitionArn().",
                    "ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)"
                            + ".networkMode(NetworkMode.AWSVPC).cpu(\"256\").memory(\"512\").containerDefinitions(c -> "
                            + "c.name(\"app\").image(image).essential(true).portMappings(p -> p.containerPort(8080)"
                            + ".protocol(TransportProtocol.TCP)))).taskDefinition().taskDefinitionArn()"})
    void theCourseAppAnswersWithItsTask(Backend backend, EcsClient ecs, EcrClient ecr, EcsWaiter waiter) {
        RealWorkloads.assumeAvailable(backend);
        String image = CourseAppImage.push(ecr);
        String cluster = lab.cluster("apps");

        String definition = FargateTasks.registerCourseApp(ecs, backend.uniqueName("course-app"), image);

        assertThat(definition).as("the task definition's ARN you returned").contains(":task-definition/");
        Task task = lab.runAndWait(waiter, cluster, definition);
        JsonNode answer = RealWorkloads.getJson(backend, task.taskArn(), CourseAppImage.PORT, "/");
        assertThat(answer.path("task").path("taskArn").asText()).as("the task the app says it runs in")
                .isEqualTo(task.taskArn());
    }

    /** ECS's default for a base or weight left out. */
    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
