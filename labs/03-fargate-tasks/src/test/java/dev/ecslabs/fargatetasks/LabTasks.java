package dev.ecslabs.fargatetasks;

import dev.ecslabs.labkit.Backend;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * What the exercises set up for themselves: a cluster, the task definitions of lab 02's web app
 * and of small batch jobs, tasks started and waited for, and at the end the tasks stopped again
 * (on AWS a forgotten task costs money).
 */
final class LabTasks {
    /** The web app's container: nginx from the Amazon ECR Public Gallery, answering on port 80. */
    static final String WEB = "web";
    static final String WEB_IMAGE = "public.ecr.aws/nginx/nginx:1.27";
    static final String JOB = "job";
    static final String JOB_IMAGE = "public.ecr.aws/docker/library/busybox:1.37";

    private final Backend backend;
    private final EcsClient ecs;
    private final List<String> clusters = new ArrayList<>();

    LabTasks(Backend backend, EcsClient ecs) {
        this.backend = backend;
        this.ecs = ecs;
    }

    /** A new cluster for one exercise, its tasks stopped by {@link #stopEverything()}. */
    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(request -> request.clusterName(name));
        clusters.add(name);
        return name;
    }

    /** Remembers a cluster the learner's code created, so that its tasks are stopped too. */
    void track(String cluster) {
        clusters.add(cluster);
    }

    List<String> subnets() {
        return backend.defaultSubnets();
    }

    /** The web app as in lab 02: a Fargate task definition with one container, a named port and a health check. */
    String registerWeb(String family) {
        ContainerDefinition web = ContainerDefinition.builder()
                .name(WEB)
                .image(WEB_IMAGE)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").appProtocol(ApplicationProtocol.HTTP).build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost/ || exit 1").build())
                .build();
        return register(fargate(family).containerDefinitions(web));
    }

    /** A batch job: busybox running {@code sh -c script}. */
    String registerJob(String family, String script) {
        return register(fargate(family).containerDefinitions(ContainerDefinition.builder()
                .name(JOB).image(JOB_IMAGE).essential(true).command("sh", "-c", script).build()));
    }

    /** A task definition of an image that is not in the account's ECR registry. */
    String registerMissingImage(String family) {
        String image = missingImage();
        return register(fargate(family)
                .executionRoleArn("arn:aws:iam::" + backend.accountId() + ":role/ecsTaskExecutionRole")
                .containerDefinitions(ContainerDefinition.builder().name(WEB).image(image).essential(true).build()));
    }

    String missingImage() {
        return backend.accountId() + ".dkr.ecr." + backend.region().id() + ".amazonaws.com/web:does-not-exist";
    }

    /** Starts tasks the way the exercises expect them started: on Fargate in the default subnets. */
    List<Task> run(String cluster, String taskDefinition, int count) {
        return ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinition).count(count)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets())
                        .assignPublicIp(AssignPublicIp.ENABLED)))).tasks();
    }

    Task runAndWait(EcsWaiter waiter, String cluster, String taskDefinition) {
        Task started = run(cluster, taskDefinition, 1).get(0);
        return waiter.waitUntilTasksRunning(request -> request.cluster(cluster).tasks(started.taskArn()))
                .matched().response().orElseThrow().tasks().get(0);
    }

    Task describe(String cluster, String taskArn) {
        return ecs.describeTasks(request -> request.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    /** Stops every task still meant to run in the clusters of the exercise. */
    void stopEverything() {
        for (String cluster : clusters) {
            ecs.listTasksPaginator(request -> request.cluster(cluster)).taskArns()
                    .forEach(arn -> ecs.stopTask(request -> request.cluster(cluster).task(arn).reason("lab 03 clean-up")));
        }
    }

    private String register(RegisterTaskDefinitionRequest.Builder request) {
        return ecs.registerTaskDefinition(request.build()).taskDefinition().taskDefinitionArn();
    }

    private static RegisterTaskDefinitionRequest.Builder fargate(String family) {
        return RegisterTaskDefinitionRequest.builder()
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512");
    }
}
