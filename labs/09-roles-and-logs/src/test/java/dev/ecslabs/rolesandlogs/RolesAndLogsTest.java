package dev.ecslabs.rolesandlogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.CourseAppImage;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.labkit.PolicyDocuments;
import dev.ecslabs.labkit.RealWorkloads;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

@Lab("09")
class RolesAndLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    LabRoles lab;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs, EcrClient ecr, IamClient iam, CloudWatchLogsClient logs) {
        lab = new LabRoles(backend, ecs, ecr, iam, logs);
    }

    @AfterEach
    void deleteEverything() {
        lab.deleteEverything();
    }

    @Exercise(value = 1, title = "Create the task execution role: trusted by ECS tasks, with AWS's managed policy",
            hints = {
                    "A role has two policies of different kinds: its trust policy says WHO may assume it (here the "
                            + "service principal ecs-tasks.amazonaws.com), its permissions policies say WHAT a session of it "
                            + "may do. AWS's managed AmazonECSTaskExecutionRolePolicy has what starting a task needs.",
                    "IAM CreateRole: roleName, assumeRolePolicyDocument (JSON: Version 2012-10-17, a Statement with "
                            + "Effect Allow, Principal {\"Service\": \"ecs-tasks.amazonaws.com\"}, Action sts:AssumeRole); "
                            + "role().arn(). Then AttachRolePolicy: roleName, policyArn MANAGED_POLICY_ARN.",
                    "String arn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(\"\"\" {\"Version\": "
                            + "\"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": "
                            + "\"ecs-tasks.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]} \"\"\")).role().arn(); "
                            + "iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(MANAGED_POLICY_ARN)); return arn;"})
    void createsTheExecutionRole(Backend backend, IamClient iam) {
        String name = lab.roleName("ecsTaskExecutionRole");
        String cluster = lab.cluster("first-role");

        String arn = ExecutionRole.create(iam, name);

        assertThat(arn).as("the role's ARN you returned").isEqualTo("arn:aws:iam::" + backend.accountId() + ":role/" + name);
        Role role = iam.getRole(r -> r.roleName(name)).role();
        assertThat(PolicyDocuments.statements(role.assumeRolePolicyDocument())).as("the trust policy's statements")
                .anySatisfy(statement -> {
                    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                    assertThat(PolicyDocuments.strings(statement.path("Principal").path("Service"))).contains(ExecutionRole.ECS_TASKS);
                    assertThat(PolicyDocuments.strings(statement.path("Action"))).contains("sts:AssumeRole");
                });
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(ExecutionRole.MANAGED_POLICY_ARN);
        Task task = lab.runToRunning(cluster, lab.register("first-role", arn, lab.job("echo ready; sleep 3600")));
        assertThat(task.lastStatus()).as("a task of the app's ECR image, started with your role").isEqualTo("RUNNING");
    }

    @Exercise(value = 2, title = "See a task fail to start without the execution role's permissions, name what was denied, then start it",
            hints = {
                    "ECS assumes the execution role while it starts the task. If the role may not log in to ECR, the "
                            + "task never runs: it goes STOPPED with stopCode TaskFailedToStart and a stoppedReason that quotes "
                            + "IAM's sentence, \"… is not authorized to perform: <action> on resource: …\".",
                    "RunTask (launchType FARGATE, awsvpc subnets), then waiter.waitUntilTasksRunning; it throws "
                            + "SdkClientException when the task stopped instead: DescribeTasks then. For the action, a regex "
                            + "on task.stoppedReason(): \"is not authorized to perform: ([\\\\w-]+:[\\\\w*-]+)\".",
                    "try { return waiter.waitUntilTasksRunning(r -> r.cluster(cluster).tasks(arn)).matched().response()"
                            + ".orElseThrow().tasks().get(0); } catch (SdkClientException e) { return ecs.describeTasks(r -> "
                            + "r.cluster(cluster).tasks(arn)).tasks().get(0); }   and   Matcher m = "
                            + "PATTERN.matcher(reason); return m.find() ? Optional.of(m.group(1)) : Optional.empty();"})
    void explainsAFailedStart(EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("start");
        String bare = lab.role("no-permissions", false);
        String definition = lab.register("web", bare, lab.job("echo ready; sleep 3600"));

        Task failed = StartFailures.runUntilSettled(ecs, waiter, cluster, definition, lab.subnets());
        Optional<String> denied = StartFailures.deniedAction(failed);
        lab.attachManagedPolicy(LabRoles.nameOf(bare));
        Task started = StartFailures.runUntilSettled(ecs, waiter, cluster, definition, lab.subnets());

        assertThat(failed).as("the task you returned").isNotNull();
        assertThat(failed.lastStatus()).as("a task whose role has no permission").isEqualTo("STOPPED");
        assertThat(failed.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(failed.stoppedReason()).contains("AccessDeniedException").contains(LabRoles.nameOf(bare));
        assertThat(denied).as("the action you read from: " + failed.stoppedReason()).hasValue("ecr:GetAuthorizationToken");
        assertThat(started.lastStatus()).as("the same task definition once the managed policy is attached").isEqualTo("RUNNING");
        assertThat(StartFailures.deniedAction(started)).as("a running task was denied nothing").isEmpty();
        Task explicitDeny = Task.builder().lastStatus("STOPPED").stoppedReason("CannotPullContainerError: pull image manifest "
                + "has been retried 5 time(s): failed to resolve ref web: AccessDeniedException: User: "
                + "arn:aws:sts::123456789012:assumed-role/web/1a2b is not authorized to perform: ecr:BatchGetImage on resource: "
                + "arn:aws:ecr:us-east-1:123456789012:repository/web with an explicit deny in an identity-based policy").build();
        assertThat(StartFailures.deniedAction(explicitDeny)).as("the action of an explicit deny").hasValue("ecr:BatchGetImage");
    }

    @Exercise(value = 3, title = "Send the app's output to CloudWatch Logs with the awslogs driver",
            hints = {
                    "A log group holds the streams of one app and says how long their events are kept (by default "
                            + "forever). The awslogs driver sends each container's stdout and stderr to a stream of its own, "
                            + "<prefix>/<container>/<task id>; the execution role needs logs:CreateLogStream and logs:PutLogEvents.",
                    "CloudWatch Logs CreateLogGroup (logGroupName), PutRetentionPolicy (retentionInDays), "
                            + "DescribeLogGroups (logGroupNamePrefix) for logGroupArn(). ContainerDefinition.toBuilder()"
                            + ".logConfiguration(logDriver LogDriver.AWSLOGS, options awslogs-group, awslogs-region, "
                            + "awslogs-stream-prefix).",
                    "logs.createLogGroup(r -> r.logGroupName(name)); logs.putRetentionPolicy(r -> "
                            + "r.logGroupName(name).retentionInDays(days)); ...   and   return container.toBuilder()"
                            + ".logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(\"awslogs-group\", group, "
                            + "\"awslogs-region\", region, \"awslogs-stream-prefix\", STREAM_PREFIX))).build();"})
    void sendsTheLogs(Backend backend, CloudWatchLogsClient logs) {
        String cluster = lab.cluster("logs");
        String role = lab.role("execution", true);
        String group = lab.logGroupName("nightly-report");
        ContainerDefinition report = lab.job("echo starting the nightly report; echo 3 orders read; echo report written");

        String arn = AppLogs.createLogGroup(logs, group, 7);
        ContainerDefinition logged = AppLogs.withAwsLogs(report, group, lab.region());

        assertThat(arn).as("the log group's ARN you returned")
                .isEqualTo("arn:aws:logs:" + lab.region() + ":" + backend.accountId() + ":log-group:" + group);
        LogGroup created = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0);
        assertThat(created.retentionInDays()).as("days its events are kept").isEqualTo(7);
        assertThat(logged).as("the container you returned").isNotNull();
        assertThat(logged.logConfiguration()).as("its log configuration").isNotNull();
        assertThat(logged.logConfiguration().logDriver()).isEqualTo(LogDriver.AWSLOGS);
        assertThat(logged.logConfiguration().options()).containsAllEntriesOf(Map.of("awslogs-group", group,
                "awslogs-region", lab.region(), "awslogs-stream-prefix", AppLogs.STREAM_PREFIX));
        assertThat(logged.entryPoint()).as("the rest of the container, unchanged").isEqualTo(report.entryPoint());
        Task done = lab.runToStopped(cluster, lab.register("nightly-report", role, logged));
        assertThat(done.stopCode()).as(done.stoppedReason()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(lab.messages(group, done, 3)).as("what the job wrote, in its stream")
                .containsExactly("starting the nightly report", "3 orders read", "report written");
    }

    @Exercise(value = 4, title = "Read a task's log stream page by page, and find the errors of every task",
            hints = {
                    "GetLogEvents reads one stream a page at a time; from the head, each answer's nextForwardToken "
                            + "leads to the next page, and at the end it comes back unchanged. FilterLogEvents searches every "
                            + "stream of a group with a filter pattern: a term (ERROR) or a JSON pattern ({ $.level = \"ERROR\" }).",
                    "GetLogEvents: logGroupName, logStreamName, startFromHead(true), limit, nextToken; events() each "
                            + "have message(). FilterLogEvents: logGroupName, filterPattern, through filterLogEventsPaginator"
                            + "(...).events(). The stream: prefix + \"/\" + container + \"/\" + the ARN's last part.",
                    "String token = null; while (true) { GetLogEventsResponse page = logs.getLogEvents(r -> "
                            + "r.logGroupName(g).logStreamName(s).startFromHead(true).limit(pageSize).nextToken(sent)); add "
                            + "page.events() messages; if (page.nextForwardToken().equals(sent)) return messages; token = "
                            + "page.nextForwardToken(); }"})
    void readsAndFindsTheLogs(CloudWatchLogsClient logs) {
        String cluster = lab.cluster("payments");
        String role = lab.role("execution", true);
        String group = lab.logGroupName("payments");
        lab.createLogGroup(group);
        String jsonError = "{\"level\":\"ERROR\",\"order\":3,\"reason\":\"card expired\"}";
        Task payments = lab.runToStopped(cluster, lab.register("payments", role, lab.withLogs(lab.job(
                "echo charging 3 orders; echo ERROR card declined for order 2; echo '" + jsonError + "'; "
                        + "echo 1 of 3 orders charged; exit 1"), group)));
        Task stocktake = lab.runToStopped(cluster, lab.register("stocktake", role, lab.withLogs(lab.job(
                "echo counting the stock; echo 12 items counted, 0 errors"), group)));
        lab.messages(group, payments, 4);
        lab.messages(group, stocktake, 2);
        String taskId = payments.taskArn().substring(payments.taskArn().lastIndexOf('/') + 1);

        String stream = LogEvents.streamName(AppLogs.STREAM_PREFIX, LabRoles.CONTAINER, payments.taskArn());
        List<String> lines = LogEvents.readStream(logs, group, "app/app/" + taskId, 2);
        List<String> errors = LogEvents.find(logs, group, "ERROR");
        List<String> jsonErrors = LogEvents.find(logs, group, "{ $.level = \"ERROR\" }");

        assertThat(stream).as("the payments task's stream").isEqualTo("app/app/" + taskId);
        assertThat(lines).as("the stream read 2 events a page").containsExactly("charging 3 orders",
                "ERROR card declined for order 2", jsonError, "1 of 3 orders charged");
        assertThat(errors).as("the lines with the term ERROR, in either task's stream (terms are case-sensitive: not '0 errors')")
                .containsExactly("ERROR card declined for order 2", jsonError);
        assertThat(jsonErrors).as("the JSON lines whose level is ERROR").containsExactly(jsonError);
    }

    @Exercise(value = 5, title = "Give the app a task role that lets it list the ECR repositories, and see AccessDenied without it",
            hints = {
                    "The task role is the app's own: ECS hands the task's containers a credentials endpoint, and the SDK's "
                            + "default credential chain inside the app gets a session of that role from it. Its trust policy names "
                            + "ecs-tasks.amazonaws.com, like the execution role's; its permissions are only what the app calls.",
                    "CreateRole as in 09.1, then PutRolePolicy: roleName, policyName POLICY_NAME, policyDocument allowing "
                            + "ecr:DescribeRepositories on arn:aws:ecr:<region>:<account>:repository/*. RegisterTaskDefinition "
                            + "takes executionRoleArn and taskRoleArn.",
                    "iam.putRolePolicy(r -> r.roleName(roleName).policyName(POLICY_NAME).policyDocument(\"\"\" "
                            + "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
                            + "\"ecr:DescribeRepositories\", \"Resource\": \"arn:aws:ecr:%s:%s:repository/*\"}]} "
                            + "\"\"\".formatted(region, accountId)));   and   ecs.registerTaskDefinition(r -> ... "
                            + ".executionRoleArn(executionRoleArn).taskRoleArn(taskRoleArn).containerDefinitions(...))"})
    void givesTheAppATaskRole(Backend backend, EcsClient ecs, IamClient iam) throws Exception {
        RealWorkloads.assumeAvailable(backend);
        String cluster = lab.cluster("apps");
        String execution = lab.role("execution", true);
        String unprivileged = lab.role("no-permissions", false);
        String readerName = lab.roleName("repository-reader");
        String image = lab.image();

        String reader = TaskRole.create(iam, readerName, lab.region(), backend.accountId());
        String allowedApp = TaskRole.registerApp(ecs, backend.uniqueName("reader-app"), image, execution, reader);
        String deniedApp = TaskRole.registerApp(ecs, backend.uniqueName("unprivileged-app"), image, execution, unprivileged);

        assertThat(iam.listRolePolicies(r -> r.roleName(readerName)).policyNames()).containsExactly(TaskRole.POLICY_NAME);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(readerName)).attachedPolicies()).as("no managed policy").isEmpty();
        TaskDefinition definition = ecs.describeTaskDefinition(r -> r.taskDefinition(allowedApp)).taskDefinition();
        assertThat(definition.executionRoleArn()).isEqualTo(execution);
        assertThat(definition.taskRoleArn()).isEqualTo(reader);
        Task allowed = lab.runToRunning(cluster, allowedApp);
        Task denied = lab.runToRunning(cluster, deniedApp);
        JsonNode repositories = RealWorkloads.getJson(backend, allowed.taskArn(), TaskRole.APP_PORT, "/ecr/repositories");
        assertThat(repositories.path("repositories")).as("the repositories the app listed with its task role")
                .extracting(JsonNode::asText).contains(CourseAppImage.REPOSITORY);
        URI url = RealWorkloads.localUrl(backend, denied.taskArn(), TaskRole.APP_PORT).resolve("/ecr/repositories");
        HttpResponse<String> refused = RealWorkloads.get(backend, url);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.path("errorCode").asText()).as("the app with a role that may not list: " + refused.body())
                .isEqualTo("AccessDeniedException");
        assertThat(error.path("message").asText()).contains("assumed-role/" + LabRoles.nameOf(unprivileged) + "/")
                .contains("ecr:DescribeRepositories");
    }

    @Exercise(value = 6, title = "Least privilege: replace the managed policy by an inline one with only what the app's start needs",
            hints = {
                    "AmazonECSTaskExecutionRolePolicy allows its ECR and logs actions on every resource (\"*\"): any "
                            + "repository, any log group. Least privilege names the resources: the registry login "
                            + "(ecr:GetAuthorizationToken, which has no narrower resource), pulls from the app's repository, "
                            + "log streams of the app's group.",
                    "PutRolePolicy (roleName, policyName, policyDocument) with three statements: ecr:GetAuthorizationToken on "
                            + "*, ecr:BatchGetImage + ecr:GetDownloadUrlForLayer on repositoryArn, logs:CreateLogStream + "
                            + "logs:PutLogEvents on logGroupArn + \":log-stream:*\"; then DetachRolePolicy (roleName, policyArn).",
                    "iam.putRolePolicy(r -> r.roleName(roleName).policyName(INLINE_POLICY_NAME).policyDocument(\"\"\" "
                            + "{\"Version\": \"2012-10-17\", \"Statement\": [ {...\"Resource\": \"*\"}, {...\"Resource\": \"%s\"}, "
                            + "{...\"Resource\": \"%s:log-stream:*\"} ]} \"\"\".formatted(repositoryArn, logGroupArn))); "
                            + "iam.detachRolePolicy(r -> r.roleName(roleName).policyArn(MANAGED_POLICY_ARN));"})
    void keepsOnlyWhatIsNeeded(IamClient iam) {
        String cluster = lab.cluster("least");
        String role = lab.role("execution", true);
        String roleName = LabRoles.nameOf(role);
        String orders = lab.logGroupName("orders");
        String ordersArn = lab.createLogGroup(orders);
        String elsewhere = lab.logGroupName("elsewhere");
        lab.createLogGroup(elsewhere);
        String repositoryArn = lab.repositoryArn();

        ExecutionRole.leastPrivilege(iam, roleName, repositoryArn, ordersArn);

        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies()).as("managed policies left")
                .isEmpty();
        assertThat(iam.listRolePolicies(r -> r.roleName(roleName)).policyNames()).containsExactly(ExecutionRole.INLINE_POLICY_NAME);
        List<JsonNode> statements = PolicyDocuments.statements(iam.getRolePolicy(r -> r.roleName(roleName)
                .policyName(ExecutionRole.INLINE_POLICY_NAME)).policyDocument());
        assertThat(statements).as("the inline policy's statements").isNotEmpty().allSatisfy(statement -> {
            List<String> actions = PolicyDocuments.strings(statement.path("Action"));
            assertThat(actions).as("actions named one by one").isNotEmpty().noneMatch(a -> a.contains("*"));
            if (PolicyDocuments.strings(statement.path("Resource")).contains("*")) {
                assertThat(actions).as("the only actions allowed on every resource").containsOnly("ecr:GetAuthorizationToken");
            }
        });
        Task packed = lab.runToStopped(cluster, lab.register("packing", role, lab.withLogs(
                lab.job("echo order 1 packed; echo order 2 packed"), orders)));
        assertThat(packed.stopCode()).as("the app, started with only the inline policy: " + packed.stoppedReason())
                .isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(lab.messages(orders, packed, 2)).containsExactly("order 1 packed", "order 2 packed");
        Task stray = lab.runToStopped(cluster, lab.register("stray", role, lab.withLogs(lab.job("echo hello"), elsewhere)));
        assertThat(stray.stopCode()).as("a task logging to another group").isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(stray.stoppedReason()).contains("logs:CreateLogStream");
    }
}
