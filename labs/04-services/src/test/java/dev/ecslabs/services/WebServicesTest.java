package dev.ecslabs.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.CourseAppImage;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.labkit.RealWorkloads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

@Lab("04")
class WebServicesTest {
    LabServices lab;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs) {
        lab = new LabServices(backend, ecs);
    }

    @AfterEach
    void deleteServices() {
        lab.deleteEverything();
    }

    @Exercise(value = 1, title = "Create a service of two tasks and wait until it is stable",
            hints = {
                    "A service keeps desiredCount tasks running. CreateService answers before any task runs; the "
                            + "service is stable once its one deployment runs all its tasks.",
                    "CreateService: cluster, serviceName, taskDefinition, desiredCount, launchType FARGATE, "
                            + "networkConfiguration (awsvpcConfiguration: subnets, assignPublicIp). "
                            + "waiter.waitUntilServicesStable(r -> r.cluster(...).services(name)).",
                    "ecs.createService(r -> "
                            + "r.cluster(cluster).serviceName(name).taskDefinition(td).desiredCount(DESIRED_COUNT).launchType(LaunchType.FARGATE).networkConfiguration(n "
                            + "-> n.awsvpcConfiguration(a -> a.subnets(subnets).assignPublicIp(AssignPublicIp.ENABLED)))); then "
                            + "the waiter's matched().response().orElseThrow().services().get(0)"})
    void createsAService(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("services");
        String name = backend.uniqueName("web");
        String web = lab.registerWeb(backend.uniqueName("web"));
        lab.track(cluster, name);

        Service service = WebServices.createService(ecs, waiter, cluster, name, web, lab.subnets());

        assertThat(service).as("the service you returned").isNotNull();
        assertThat(service.serviceName()).isEqualTo(name);
        assertThat(service.status()).isEqualTo("ACTIVE");
        assertThat(service.taskDefinition()).isEqualTo(web);
        assertThat(service.launchType()).isEqualTo(LaunchType.FARGATE);
        assertThat(service.desiredCount()).isEqualTo(2);
        assertThat(service.runningCount()).as("runningCount, as the waiter last saw it").isEqualTo(2);
        assertThat(service.deployments()).as("one deployment: the service is stable").hasSize(1);
        assertThat(service.networkConfiguration().awsvpcConfiguration().subnets())
                .containsExactlyInAnyOrderElementsOf(lab.subnets());
        assertThat(lab.tasks(cluster, name, "RUNNING")).hasSize(2).allSatisfy(task -> {
            assertThat(task.group()).as("a service's tasks are in the group service:<name>").isEqualTo("service:" + name);
            assertThat(task.startedBy()).as("and started by its deployment").isEqualTo(service.deployments().get(0).id());
        });
    }

    @Exercise(value = 2, title = "Read what the service scheduler did, in the order it happened",
            hints = {
                    "The service scheduler reports what it does as service events (\"has started 2 tasks\", \"has "
                            + "reached a steady state\"), newest first, the 100 latest.",
                    "DescribeServices: services().get(0).events(), each a ServiceEvent with createdAt() and "
                            + "message().",
                    "Take the events' message()s into a new ArrayList and Collections.reverse it."})
    void readsTheEvents(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("events");
        String name = backend.uniqueName("web");
        lab.createStable(waiter, cluster, name, lab.registerWeb(backend.uniqueName("web")));
        Service steady = lab.waitForSteadyState(cluster, name);

        List<String> messages = WebServices.eventMessages(ecs, cluster, name);

        assertThat(messages).as("the events you returned").isNotNull().isNotEmpty();
        List<String> newestFirst = new ArrayList<>(steady.events().stream().map(ServiceEvent::message).toList());
        Collections.reverse(newestFirst);
        assertThat(messages).as("every event, oldest first").containsExactlyElementsOf(newestFirst);
        assertThat(messages.get(0)).startsWith("(service " + name + ") has started 2 tasks: (task ");
        assertThat(messages).contains("(service " + name + ") (deployment " + steady.deployments().get(0).id()
                + ") deployment completed.");
        assertThat(messages.get(messages.size() - 1)).isEqualTo("(service " + name + ") has reached a steady state.");
    }

    @Exercise(value = 3, title = "Stop one of the service's tasks and watch the scheduler replace it",
            hints = {
                    "When a service's task stops, the scheduler starts a replacement. Right after StopTask the task "
                            + "may still count as RUNNING, so wait for the task first, then for the service.",
                    "StopTask (reason), waiter.waitUntilTasksStopped for that task, waiter.waitUntilServicesStable, "
                            + "then ListTasks with cluster, serviceName (desiredStatus RUNNING).",
                    "ecs.stopTask(...); waiter.waitUntilTasksStopped(r -> r.cluster(cluster).tasks(taskArn)); "
                            + "waiter.waitUntilServicesStable(r -> r.cluster(cluster).services(name)); return ecs.listTasks(r "
                            + "-> r.cluster(cluster).serviceName(name)).taskArns();"})
    void replacesATask(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("replace");
        String name = backend.uniqueName("web");
        lab.createStable(waiter, cluster, name, lab.registerWeb(backend.uniqueName("web")));
        Task victim = lab.tasks(cluster, name, "RUNNING").get(0);

        List<String> running = WebServices.replaceTask(ecs, waiter, cluster, name, victim.taskArn());

        assertThat(running).as("the service's RUNNING tasks you returned").isNotNull().hasSize(2)
                .doesNotContain(victim.taskArn());
        Task stopped = ecs.describeTasks(request -> request.cluster(cluster).tasks(victim.taskArn())).tasks().get(0);
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        Task replacement = lab.tasks(cluster, name, "RUNNING").stream()
                .filter(task -> task.createdAt().isAfter(victim.createdAt())).findFirst().orElseThrow();
        assertThat(privateIp(replacement)).as("a new task gets a new IP address").isNotEqualTo(privateIp(victim));
        assertThat(replacement.startedBy()).as("started by the same deployment").isEqualTo(victim.startedBy());
    }

    @Exercise(value = 4, title = "Scale the service to four tasks and back to two",
            hints = {
                    "Changing desiredCount scales a service in or out; it starts no new deployment: the same "
                            + "deployment runs more or fewer tasks.",
                    "UpdateService takes cluster, service and desiredCount; then waitUntilServicesStable.",
                    "ecs.updateService(r -> r.cluster(cluster).service(name).desiredCount(desiredCount)); return the "
                            + "stable waiter's services().get(0)."})
    void scalesOutAndIn(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("scale");
        String name = backend.uniqueName("web");
        Service created = lab.createStable(waiter, cluster, name, lab.registerWeb(backend.uniqueName("web")));

        Service four = WebServices.scale(ecs, waiter, cluster, name, 4);
        Service two = WebServices.scale(ecs, waiter, cluster, name, 2);

        assertThat(four).as("the service you returned after scaling to 4").isNotNull();
        assertThat(four.desiredCount()).isEqualTo(4);
        assertThat(four.runningCount()).isEqualTo(4);
        assertThat(two.desiredCount()).isEqualTo(2);
        assertThat(two.runningCount()).isEqualTo(2);
        assertThat(two.deployments()).singleElement().as("scaling starts no new deployment")
                .satisfies(d -> assertThat(d.id()).isEqualTo(created.deployments().get(0).id()));
        assertThat(lab.tasks(cluster, name, "STOPPED")).as("the tasks stopped to scale in").hasSize(2)
                .allSatisfy(task -> assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated"));
    }

    @Exercise(value = 5, title = "Read a service's deployments in the middle of a rollout",
            hints = {
                    "During a rollout a service has two deployments: PRIMARY (the new task definition) and ACTIVE "
                            + "(the old), each with its counts and rollout state.",
                    "Service.deployments(): each Deployment has status(), taskDefinition() (an ARN ending in "
                            + "/family:revision), rolloutStateAsString(), desiredCount(), runningCount(), pendingCount().",
                    "service.deployments().stream().map(d -> new DeploymentSummary(d.status(), "
                            + "d.taskDefinition().substring(d.taskDefinition().lastIndexOf('/') + 1), d.rolloutStateAsString(), "
                            + "...)).toList()"})
    void readsTheDeployments(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("rollout");
        String name = backend.uniqueName("web");
        String family = backend.uniqueName("web");
        String v1 = lab.registerWeb(family);
        lab.createStable(waiter, cluster, name, v1);
        lab.waitForSteadyState(cluster, name);
        String v2 = lab.registerWeb(family);
        Service rolling = ecs.updateService(request -> request.cluster(cluster).service(name).taskDefinition(v2)).service();

        List<DeploymentSummary> deployments = WebServices.deployments(rolling);

        assertThat(deployments).as("the deployments you returned").isNotNull().hasSize(2);
        DeploymentSummary primary = deployments.get(0);
        assertThat(primary.status()).isEqualTo("PRIMARY");
        assertThat(primary.taskDefinition()).isEqualTo(familyRevision(v2));
        assertThat(primary.rolloutState()).isEqualTo("IN_PROGRESS");
        assertThat(primary.desiredCount()).isEqualTo(2);
        assertThat(primary.runningCount()).isEqualTo(rolling.deployments().get(0).runningCount());
        assertThat(primary.pendingCount()).isEqualTo(rolling.deployments().get(0).pendingCount());
        DeploymentSummary active = deployments.get(1);
        assertThat(active.status()).isEqualTo("ACTIVE");
        assertThat(active.taskDefinition()).isEqualTo(familyRevision(v1));
        assertThat(active.rolloutState()).isEqualTo("COMPLETED");
        assertThat(active.runningCount()).as("the old tasks run until the new ones are healthy").isEqualTo(2);
    }

    @Exercise(value = 6, title = "Roll out a new revision with minimumHealthyPercent 100 and maximumPercent 200",
            hints = {
                    "A new task definition starts a rolling deployment: minimumHealthyPercent 100 keeps all old tasks "
                            + "until new ones are healthy, maximumPercent 200 lets all new ones start beside them.",
                    "UpdateService: taskDefinition and deploymentConfiguration(minimumHealthyPercent, "
                            + "maximumPercent); waitUntilServicesStable; the PRIMARY deployment is then COMPLETED.",
                    "ecs.updateService(r -> "
                            + "r.cluster(cluster).service(name).taskDefinition(td).deploymentConfiguration(d -> "
                            + "d.minimumHealthyPercent(100).maximumPercent(200))); wait; find the deployment whose status() is "
                            + "\"PRIMARY\"."})
    void rollsOutANewRevision(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("deploy");
        String name = backend.uniqueName("web");
        String family = backend.uniqueName("web");
        String v1 = lab.registerWeb(family);
        ecs.createService(request -> request.cluster(cluster).serviceName(name).taskDefinition(v1).desiredCount(2)
                .launchType(LaunchType.FARGATE).deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(100))
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(lab.subnets()))));
        lab.track(cluster, name);
        waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(name));
        lab.waitForSteadyState(cluster, name);
        String v2 = lab.registerWeb(family);

        Deployment deployment = WebServices.rollOut(ecs, waiter, cluster, name, v2);

        assertThat(deployment).as("the deployment you returned").isNotNull();
        assertThat(deployment.status()).isEqualTo("PRIMARY");
        assertThat(deployment.taskDefinition()).isEqualTo(v2);
        assertThat(deployment.rolloutStateAsString()).isEqualTo("COMPLETED");
        assertThat(deployment.rolloutStateReason()).isEqualTo("ECS deployment " + deployment.id() + " completed.");
        assertThat(deployment.runningCount()).isEqualTo(2);
        Service service = lab.describe(cluster, name);
        assertThat(service.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
        assertThat(service.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        assertThat(lab.tasks(cluster, name, "STOPPED")).as("the old tasks, replaced").hasSize(2).allSatisfy(task -> {
            assertThat(task.taskDefinitionArn()).isEqualTo(v1);
            assertThat(task.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + deployment.id() + ")");
        });
    }

    @Exercise(value = 7, title = "Roll out a broken revision safely: the circuit breaker fails it and rolls back",
            hints = {
                    "The deployment circuit breaker fails a rollout whose tasks keep failing to start and, with "
                            + "rollback, goes back to the last COMPLETED deployment. A service deployment records how it ended.",
                    "deploymentConfiguration(deploymentCircuitBreaker(enable, rollback)); UpdateService's "
                            + "service().currentServiceDeployment() names the service deployment; "
                            + "DescribeServiceDeployments(serviceDeploymentArns) tells its status() and statusReason().",
                    "String arn = ecs.updateService(r -> ... .deploymentConfiguration(d -> "
                            + "d.deploymentCircuitBreaker(b -> "
                            + "b.enable(true).rollback(true)))).service().currentServiceDeployment(); wait until stable; "
                            + "ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(arn)).serviceDeployments().get(0)"})
    void rollsBackABrokenRevision(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("breaker");
        String name = backend.uniqueName("web");
        String family = backend.uniqueName("web");
        String good = lab.registerWeb(family);
        lab.createStable(waiter, cluster, name, good);
        lab.waitForSteadyState(cluster, name);
        String broken = lab.registerMissingImage(family);

        RolloutResult result = WebServices.rollOutSafely(ecs, waiter, cluster, name, broken);

        assertThat(result).as("the result you returned").isNotNull();
        assertThat(result.status()).as("the service deployment rolled back").isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(result.statusReason()).as("ECS says why").isNotBlank();
        assertThat(result.taskDefinition()).as("the service runs the good revision again").isEqualTo(good);
        Service service = lab.describe(cluster, name);
        assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().enable()).isTrue();
        assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().rollback()).isTrue();
        assertThat(service.events()).extracting(ServiceEvent::message)
                .anySatisfy(m -> assertThat(m).endsWith("deployment failed: tasks failed to start."))
                .anySatisfy(m -> assertThat(m).startsWith("(service " + name + ") rolling back to deployment "));
    }

    @Exercise(value = 8, title = "Delete the service properly",
            hints = {
                    "ECS refuses to delete a service that still runs tasks: scale it to 0 first. A deleted service is "
                            + "DRAINING while its tasks stop, then INACTIVE.",
                    "UpdateService desiredCount 0, DeleteService (cluster, service), "
                            + "waiter.waitUntilServicesInactive.",
                    "ecs.updateService(r -> ... .desiredCount(0)); ecs.deleteService(r -> "
                            + "r.cluster(cluster).service(name)); return "
                            + "waiter.waitUntilServicesInactive(...).matched().response().orElseThrow().services().get(0);"})
    void deletesTheService(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("delete");
        String name = backend.uniqueName("web");
        Service created = lab.createStable(waiter, cluster, name, lab.registerWeb(backend.uniqueName("web")));

        Service deleted = WebServices.deleteService(ecs, waiter, cluster, name);

        assertThat(deleted).as("the service you returned").isNotNull();
        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(ecs.listServicesPaginator(request -> request.cluster(cluster)).serviceArns())
                .as("ListServices lists ACTIVE services only").doesNotContain(created.serviceArn());
        assertThat(lab.tasks(cluster, name, "STOPPED")).hasSize(2)
                .allSatisfy(task -> assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated"));
        assertThat(lab.tasks(cluster, name, "RUNNING")).isEmpty();
    }

    private static String familyRevision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    private static String privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(KeyValuePair::value).findFirst().orElseThrow();
    }

    @Exercise(value = 9, title = "Run the course's own app as a service of two tasks and get an answer from each task",
            hints = {
                    "A service runs the tasks of one task definition; each task of the course app answers GET / with the task "
                            + "it runs in. Register the task definition first (Fargate: awsvpc, task cpu and memory, the "
                            + "container's port 8080 in portMappings), then create the service as in 04.1 and wait until it "
                            + "is stable: only then do both tasks run.",
                    "RegisterTaskDefinition (family, requiresCompatibilities FARGATE, networkMode AWSVPC, cpu \"256\", "
                            + "memory \"512\", a container \"app\" with image and portMappings containerPort 8080); your "
                            + "createService from 04.1 with its taskDefinitionArn; ListTasks with serviceName and desiredStatus "
                            + "RUNNING (its paginator's taskArns()).",
                    "String td = ecs.registerTaskDefinition(r -> r.family(serviceName).requiresCompatibilities(Compatibility"
                            + ".FARGATE).networkMode(NetworkMode.AWSVPC).cpu(\"256\").memory(\"512\").containerDefinitions(c -> "
                            + "c.name(\"app\").image(image).essential(true).portMappings(p -> p.containerPort(8080))))"
                            + ".taskDefinition().taskDefinitionArn(); createService(ecs, waiter, cluster, serviceName, td, "
                            + "subnets); return ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(serviceName)"
                            + ".desiredStatus(DesiredStatus.RUNNING)).taskArns().stream().toList();"})
    void runsTheCourseAppAsAService(Backend backend, EcsClient ecs, EcrClient ecr, EcsWaiter waiter) {
        RealWorkloads.assumeAvailable(backend);
        String image = CourseAppImage.push(ecr);
        String cluster = lab.cluster("apps");
        String name = backend.uniqueName("course-app");
        lab.track(cluster, name);

        List<String> tasks = WebServices.runCourseApp(ecs, waiter, cluster, name, image, lab.subnets());

        assertThat(tasks).as("the running tasks you returned").hasSize(WebServices.DESIRED_COUNT).doesNotHaveDuplicates();
        for (String task : tasks) {
            JsonNode answer = RealWorkloads.getJson(backend, task, CourseAppImage.PORT, "/");
            assertThat(answer.path("task").path("taskArn").asText()).as("the task that answered at the local URL of " + task)
                    .isEqualTo(task);
        }
    }
}
