package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * ECS assumes a task's execution role when the task starts and needs it to pull from ECR and to
 * write awslogs (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html);
 * a role that is missing, does not trust ecs-tasks.amazonaws.com, or lacks or is denied a permission
 * stops the task with Fargate's reason (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html).
 * Until the account holds an IAM role, nothing is checked (the course's compatibility rule).
 */
@EmulatorTest(account = ExecutionRoleEnforcementTest.ACCOUNT, scope = EmulatorTest.Scope.EACH_TEST)
class ExecutionRoleEnforcementTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "roles";
    static final String IMAGE = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/web:1.0";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/ecsTaskExecutionRole";
    static final String ECS_TASKS_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    ManualClock clock;
    EcsClient ecs;
    EcrClient ecr;
    IamClient iam;
    CloudWatchLogsClient logs;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        logs.createLogGroup(b -> b.logGroupName("/ecs/web")); // the awslogs driver wants its group (no awslogs-create-group)
        ecr.createRepository(b -> b.repositoryName("web"));
        EcrImages.Blob layer = EcrImages.Blob.of(EcrImages.tarGz(Map.of("app/web", "web".getBytes())));
        EcrImages.Blob config = EcrImages.Blob.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{"
                + "\"Cmd\":[\"sh\",\"-c\",\"sleep 3600\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        EcrImages.push(ecr, "web", "1.0", new EcrImages.Image(config, List.of(layer),
                EcrImages.manifest(EcrImages.DOCKER_MANIFEST, config, List.of(layer)), EcrImages.DOCKER_MANIFEST));
        ContainerDefinition web = ContainerDefinition.builder().name("web").image(IMAGE)
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/web",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "ecs"))).build();
        ecs.registerTaskDefinition(TaskFixtures.fargate("web").executionRoleArn(ROLE).containerDefinitions(web).build());
    }

    private Task started() {
        Task task = run(ecs, CLUSTER, "web");
        clock.advance(Duration.ofMinutes(1));
        return describe(ecs, CLUSTER, task.taskArn());
    }

    private static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    @Test
    @DisplayName("An account with no IAM role at all is not checked: the task runs with a role that doesn't exist")
    void noRolesNoChecks() {
        assertThat(started().lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("With AmazonECSTaskExecutionRolePolicy attached to a role that trusts ecs-tasks, the task runs")
    void rightRoleRuns() {
        iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        iam.attachRolePolicy(b -> b.roleName("ecsTaskExecutionRole").policyArn(EXECUTION_POLICY));
        assertThat(started().lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("Missing role, once the account has roles: the task stops, TaskFailedToStart, ECS was unable to assume the role")
    void missingRole() {
        iam.createRole(b -> b.roleName("someOtherRole").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        Task task = started();
        assertThat(task.lastStatus()).isEqualTo("STOPPED");
        assertThat(task.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason()).startsWith("ResourceInitializationError: unable to pull secrets or registry auth:")
                .contains("ECS was unable to assume the role '" + ROLE + "' that was provided for this task.");
    }

    @Test
    @DisplayName("Wrong trust (ec2.amazonaws.com): the task stops, ECS was unable to assume the role")
    void wrongTrust() {
        iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST.replace("ecs-tasks", "ec2")));
        iam.attachRolePolicy(b -> b.roleName("ecsTaskExecutionRole").policyArn(EXECUTION_POLICY));
        assertThat(started().stoppedReason()).contains("ECS was unable to assume the role '" + ROLE + "'");
    }

    @Test
    @DisplayName("Missing permission: a role allowed only the ECR pull stops at the awslogs stream with AccessDeniedException")
    void missingPermission() {
        iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        iam.attachRolePolicy(b -> b.roleName("ecsTaskExecutionRole").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
        Task task = started();
        assertThat(task.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason()).isEqualTo("ResourceInitializationError: failed to validate logger args: create "
                + "stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: "
                + "arn:aws:sts::" + ACCOUNT + ":assumed-role/ecsTaskExecutionRole/" + id(task) + " is not authorized to "
                + "perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/ecs/web:"
                + "log-stream:ecs/web/" + id(task) + " because no identity-based policy allows the logs:CreateLogStream "
                + "action : exit status 1");
    }

    @Test
    @DisplayName("No ECR permission at all: registry auth fails first, on ecr:GetAuthorizationToken")
    void noRegistryAuth() {
        iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        iam.putRolePolicy(b -> b.roleName("ecsTaskExecutionRole").policyName("logs").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}"));
        assertThat(started().stoppedReason()).startsWith("ResourceInitializationError: unable to pull secrets or registry "
                + "auth: execution resource retrieval failed: unable to retrieve ecr registry auth:")
                .contains("is not authorized to perform: ecr:GetAuthorizationToken on resource: *");
    }

    @Test
    @DisplayName("Explicit deny: an inline Deny on the repository beats the managed policy's Allow: CannotPullContainerError")
    void explicitDeny() {
        iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        iam.attachRolePolicy(b -> b.roleName("ecsTaskExecutionRole").policyArn(EXECUTION_POLICY));
        iam.putRolePolicy(b -> b.roleName("ecsTaskExecutionRole").policyName("no-web").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ecr:BatchGet*\","
                        + "\"Resource\":\"arn:aws:ecr:*:*:repository/web\"}]}"));
        Task task = started();
        assertThat(task.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason()).startsWith("CannotPullContainerError: pull image manifest has been retried 5 time(s): "
                + "failed to resolve ref " + IMAGE + ": AccessDeniedException:")
                .endsWith("is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:" + ACCOUNT
                        + ":repository/web with an explicit deny in an identity-based policy");
    }

    @Test
    @DisplayName("RunTask refuses a task role ECS cannot assume, once the account has roles (ClientException)")
    void runTaskRefusesTaskRole() {
        iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(ECS_TASKS_TRUST));
        String missing = "arn:aws:iam::" + ACCOUNT + ":role/appRole";
        assertThatThrownBy(() -> run(ecs, CLUSTER, "web", b -> b.overrides(o -> o.taskRoleArn(missing))))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("ECS was unable to assume the role '" + missing + "' that was provided for this task.");
    }
}
