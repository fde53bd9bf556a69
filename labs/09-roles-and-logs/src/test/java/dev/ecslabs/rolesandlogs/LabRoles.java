package dev.ecslabs.rolesandlogs;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.CourseAppImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * What the exercises set up for themselves: the course app's image in the account's ECR, roles with
 * or without permissions, log groups, short jobs that write a few lines, and tasks run and waited
 * for; and at the end every role and log group deleted again. Roles matter beyond this lab: once an
 * account holds an IAM role, the course's emulator checks every task's execution role, as AWS does,
 * so a role left behind would make the other labs' tasks (whose execution role was never created)
 * stop at start.
 */
final class LabRoles {
    static final String CONTAINER = "app";
    /** The trust policy of the lab's own roles: ECS tasks may assume them. */
    static final String TRUST_ECS_TASKS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final Backend backend;
    private final EcsClient ecs;
    private final EcrClient ecr;
    private final IamClient iam;
    private final CloudWatchLogsClient logs;
    private final EcsWaiter waiter;
    private final List<String> roles = new ArrayList<>();
    private final List<String> logGroups = new ArrayList<>();
    private final List<String> clusters = new ArrayList<>();
    private String image;

    LabRoles(Backend backend, EcsClient ecs, EcrClient ecr, IamClient iam, CloudWatchLogsClient logs) {
        this.backend = backend;
        this.ecs = ecs;
        this.ecr = ecr;
        this.iam = iam;
        this.logs = logs;
        this.waiter = backend.ecsWaiter(ecs);
    }

    /** The course app's image in the account's ECR (pushed once): pulling it needs the execution role's ECR permissions. */
    String image() {
        if (image == null) {
            image = CourseAppImage.push(ecr);
        }
        return image;
    }

    String repositoryArn() {
        image();
        return ecr.describeRepositories(r -> r.repositoryNames(CourseAppImage.REPOSITORY)).repositories().get(0).repositoryArn();
    }

    String region() {
        return backend.region().id();
    }

    /** A role name no other run uses, deleted (with its policies) after the exercise. */
    String roleName(String base) {
        String name = backend.uniqueName(base);
        roles.add(name);
        return name;
    }

    /** A role ECS tasks may assume, with AWS's managed execution policy or with no permission at all; answers its ARN. */
    String role(String base, boolean managedPolicy) {
        String name = roleName(base);
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST_ECS_TASKS)).role().arn();
        if (managedPolicy) {
            attachManagedPolicy(name);
        }
        return arn;
    }

    void attachManagedPolicy(String roleName) {
        iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(ExecutionRole.MANAGED_POLICY_ARN));
    }

    static String nameOf(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** A log group name no other run uses, such as {@code /ecs/roles-and-logs/orders}; deleted after the exercise. */
    String logGroupName(String base) {
        String name = "/ecs/roles-and-logs/" + backend.uniqueName(base);
        logGroups.add(name);
        return name;
    }

    /** Creates a log group of {@link #logGroupName}; answers its ARN. */
    String createLogGroup(String name) {
        logs.createLogGroup(r -> r.logGroupName(name));
        return logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().get(0).logGroupArn();
    }

    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(r -> r.clusterName(name));
        clusters.add(name);
        return name;
    }

    /** A container of the app's image that runs a shell script instead of the app: a short job writing a few lines. */
    ContainerDefinition job(String script) {
        return ContainerDefinition.builder().name(CONTAINER).image(image()).essential(true)
                .entryPoint("sh", "-c").command(script).build();
    }

    /** The container with its output sent to the log group, as exercise 09.3 teaches (the lab's own copy). */
    ContainerDefinition withLogs(ContainerDefinition container, String logGroupName) {
        return container.toBuilder().logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group",
                logGroupName, "awslogs-region", region(), "awslogs-stream-prefix", AppLogs.STREAM_PREFIX))).build();
    }

    /**
     * The messages of a task's stream in the group, oldest first, once it holds {@code lines} of them:
     * on the emulator at once; on AWS the driver's last batch can arrive a few seconds after the task
     * stopped (one page: the lab's jobs write a few lines).
     */
    List<String> messages(String logGroupName, Task task, int lines) {
        String stream = AppLogs.STREAM_PREFIX + "/" + CONTAINER + "/" + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        return backend.pollUntil(() -> {
            try {
                return logs.getLogEvents(r -> r.logGroupName(logGroupName).logStreamName(stream).startFromHead(true)).events()
                        .stream().map(e -> e.message()).toList();
            } catch (ResourceNotFoundException notYet) {
                return List.<String>of();
            }
        }, messages -> messages.size() >= lines);
    }

    /** A Fargate task definition of one container with this execution role; answers its ARN. */
    String register(String family, String executionRoleArn, ContainerDefinition container) {
        return ecs.registerTaskDefinition(r -> r.family(backend.uniqueName(family))
                        .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                        .executionRoleArn(executionRoleArn).containerDefinitions(container))
                .taskDefinition().taskDefinitionArn();
    }

    Task run(String cluster, String taskDefinition) {
        return ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(backend.defaultSubnets())))).tasks().get(0);
    }

    Task runToStopped(String cluster, String taskDefinition) {
        String taskArn = run(cluster, taskDefinition).taskArn();
        return waiter.waitUntilTasksStopped(r -> r.cluster(cluster).tasks(taskArn)).matched().response().orElseThrow()
                .tasks().get(0);
    }

    Task runToRunning(String cluster, String taskDefinition) {
        String taskArn = run(cluster, taskDefinition).taskArn();
        return waiter.waitUntilTasksRunning(r -> r.cluster(cluster).tasks(taskArn)).matched().response().orElseThrow()
                .tasks().get(0);
    }

    List<String> subnets() {
        return backend.defaultSubnets();
    }

    /** Stops the exercise's tasks, then deletes its roles (policies first, as IAM requires) and log groups. */
    void deleteEverything() {
        for (String cluster : clusters) {
            ecs.listTasksPaginator(r -> r.cluster(cluster)).taskArns()
                    .forEach(arn -> ecs.stopTask(r -> r.cluster(cluster).task(arn).reason("lab 09 clean-up")));
        }
        for (String role : roles) {
            try {
                iam.listAttachedRolePoliciesPaginator(r -> r.roleName(role)).attachedPolicies()
                        .forEach(p -> iam.detachRolePolicy(r -> r.roleName(role).policyArn(p.policyArn())));
                iam.listRolePoliciesPaginator(r -> r.roleName(role)).policyNames()
                        .forEach(p -> iam.deleteRolePolicy(r -> r.roleName(role).policyName(p)));
                iam.deleteRole(r -> r.roleName(role));
            } catch (NoSuchEntityException neverCreated) {
                // the exercise failed before it made this role
            }
        }
        for (String group : logGroups) {
            try {
                logs.deleteLogGroup(r -> r.logGroupName(group));
            } catch (ResourceNotFoundException neverCreated) {
                // the exercise failed before it made this group
            }
        }
    }
}
