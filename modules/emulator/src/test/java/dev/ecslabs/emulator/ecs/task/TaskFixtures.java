package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.network.DefaultVpc;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Task definitions and RunTask requests that the task tests set up for themselves. */
final class TaskFixtures {
    static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";
    static final String BUSYBOX = "public.ecr.aws/docker/library/busybox:1.37";
    static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

    private TaskFixtures() {
    }

    /** A Fargate task definition (0.25 vCPU, 512 MiB) with the given containers. */
    static TaskDefinition register(EcsClient ecs, String family, ContainerDefinition... containers) {
        return ecs.registerTaskDefinition(fargate(family).containerDefinitions(containers).build()).taskDefinition();
    }

    static RegisterTaskDefinitionRequest.Builder fargate(String family) {
        return RegisterTaskDefinitionRequest.builder()
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn(EXECUTION_ROLE);
    }

    /** nginx, listening on 80 until stopped. */
    static ContainerDefinition web() {
        return ContainerDefinition.builder().name("web").image(NGINX)
                .portMappings(PortMapping.builder().containerPort(80).build()).build();
    }

    /** busybox running {@code sh -c script}. */
    static ContainerDefinition shell(String name, String script) {
        return ContainerDefinition.builder().name(name).image(BUSYBOX).command("sh", "-c", script).build();
    }

    static NetworkConfiguration defaultVpc() {
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED)).build();
    }

    /** RunTask on Fargate in the default VPC, one task. */
    static Task run(EcsClient ecs, String cluster, String taskDefinition) {
        return run(ecs, cluster, taskDefinition, r -> { });
    }

    static Task run(EcsClient ecs, String cluster, String taskDefinition, Consumer<RunTaskRequest.Builder> more) {
        RunTaskRequest.Builder request = RunTaskRequest.builder().cluster(cluster).taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE).networkConfiguration(defaultVpc());
        more.accept(request);
        List<Task> tasks = ecs.runTask(request.build()).tasks();
        return tasks.get(0);
    }

    static Task describe(EcsClient ecs, String cluster, String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }
}
