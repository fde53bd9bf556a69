package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A real process uses its task role (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html):
 * the course app's {@code GET /ecr/repositories} calls ECR DescribeRepositories with the SDK's default
 * credential, Region and endpoint chains inside its own JVM; the emulator hands the process the
 * container credentials endpoint, AWS_REGION and AWS_ENDPOINT_URL, and applies the role's policies
 * to the call: allowed with {@code ecr:DescribeRepositories}, AccessDeniedException without it.
 */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class CourseAppTaskRoleTest {
    private static final String ACCOUNT = "123456789077";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST_ECS_TASKS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    private final Map<String, String> saved = new HashMap<>();
    private Emulator emulator;
    private Backend backend;

    @BeforeEach
    void anEmulator() {
        emulator = Emulator.builder().port(0).start();
        set("labs.backend", "endpoint");
        set("labs.endpoint", emulator.url().toString());
        set("labs.accessKeyId", ACCOUNT);
        backend = Backends.forTestClass();
    }

    @AfterEach
    void close() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        emulator.close();
    }

    @Test
    @DisplayName("The app's own SDK call gets a session of its task role: allowed with ecr:DescribeRepositories, "
            + "AccessDeniedException naming the assumed role without it")
    void theAppCallsEcrWithItsTaskRole() throws Exception {
        try (EcrClient ecr = backend.ecr(); EcsClient ecs = backend.ecs(); IamClient iam = backend.iam()) {
            String image = CourseAppImage.push(ecr);
            iam.createRole(r -> r.roleName("execution").assumeRolePolicyDocument(TRUST_ECS_TASKS));
            iam.attachRolePolicy(r -> r.roleName("execution").policyArn(EXECUTION_POLICY));
            String reader = iam.createRole(r -> r.roleName("repository-reader").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                    .role().arn();
            iam.putRolePolicy(r -> r.roleName("repository-reader").policyName("describe-repositories").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:DescribeRepositories\","
                            + "\"Resource\":\"arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/*\"}]}"));
            String nothing = iam.createRole(r -> r.roleName("no-permissions").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                    .role().arn();
            ecs.createCluster(r -> r.clusterName("apps"));

            Task allowed = runApp(ecs, image, "reader", reader);
            Task denied = runApp(ecs, image, "unprivileged", nothing);

            JsonNode repositories = RealWorkloads.getJson(backend, allowed.taskArn(), CourseAppImage.PORT, "/ecr/repositories");
            assertThat(repositories.path("repositories")).extracting(JsonNode::asText).contains(CourseAppImage.REPOSITORY);
            URI url = RealWorkloads.localUrl(backend, denied.taskArn(), CourseAppImage.PORT).resolve("/ecr/repositories");
            HttpResponse<String> refused = RealWorkloads.get(backend, url);
            // the app answers the service's own status: an AWS JSON service answers AccessDeniedException with 400
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("errorCode").asText()).isEqualTo("AccessDeniedException");
            assertThat(error.path("message").asText()).contains("assumed-role/no-permissions/")
                    .contains("is not authorized to perform: ecr:DescribeRepositories");
            ecs.stopTask(r -> r.cluster("apps").task(allowed.taskArn()));
            ecs.stopTask(r -> r.cluster("apps").task(denied.taskArn()));
        }
    }

    private Task runApp(EcsClient ecs, String image, String family, String taskRoleArn) {
        ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::" + ACCOUNT + ":role/execution").taskRoleArn(taskRoleArn)
                .containerDefinitions(c -> c.name("app").image(image).essential(true)
                        .portMappings(p -> p.containerPort(CourseAppImage.PORT))));
        Task task = ecs.runTask(r -> r.cluster("apps").taskDefinition(family).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(backend.defaultSubnets())
                        .assignPublicIp(AssignPublicIp.DISABLED)))).tasks().get(0);
        try (var waiter = backend.ecsWaiter(ecs)) {
            return waiter.waitUntilTasksRunning(r -> r.cluster("apps").tasks(task.taskArn())).matched().response()
                    .orElseThrow().tasks().get(0);
        }
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
