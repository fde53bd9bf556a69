package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.Emulator;
import java.net.URI;
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

/** The course app pushed with one call, run as a task for real, answering with its own task id; a second push builds nothing. */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class CourseAppImageTest {
    private static final String ACCOUNT = "123456789088";
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
    @DisplayName("CourseAppImage.push builds the app into the course's ECR; a task of it answers / with its own task id from "
            + "the task metadata endpoint; pushing again answers the same digest and adds no image")
    void pushedAppRunsAsATask() {
        EcrClient ecr = backend.ecr();
        EcsClient ecs = backend.ecs();
        String image = CourseAppImage.push(ecr);
        assertThat(image).contains("/" + CourseAppImage.REPOSITORY + "@sha256:");
        long started = System.nanoTime();
        assertThat(CourseAppImage.push(ecr)).as("the second push").isEqualTo(image);
        System.out.printf("second push (image already there): %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(ecr.describeImages(r -> r.repositoryName(CourseAppImage.REPOSITORY)).imageDetails()).hasSize(1);

        ecs.createCluster(r -> r.clusterName("apps"));
        ecs.registerTaskDefinition(r -> r.family("course-app").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("app").image(image).essential(true)
                        .portMappings(p -> p.containerPort(CourseAppImage.PORT))));
        Task task = ecs.runTask(r -> r.cluster("apps").taskDefinition("course-app").launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(backend.defaultSubnets())
                        .assignPublicIp(AssignPublicIp.DISABLED)))).tasks().get(0);
        try (var waiter = backend.ecsWaiter(ecs)) {
            waiter.waitUntilTasksRunning(r -> r.cluster("apps").tasks(task.taskArn()));
        }
        long asked = System.nanoTime();
        JsonNode answer = RealWorkloads.getJson(backend, task.taskArn(), CourseAppImage.PORT, "/");
        System.out.printf("RUNNING to the app's first answer: %d ms%n", (System.nanoTime() - asked) / 1_000_000);
        URI url = RealWorkloads.localUrl(backend, task.taskArn(), CourseAppImage.PORT);

        assertThat(answer.path("task").path("taskArn").asText()).isEqualTo(task.taskArn());
        assertThat(answer.path("task").path("family").asText()).isEqualTo("course-app");
        assertThat(RealWorkloads.getJson(backend, url.resolve("/health")).path("status").asText()).isEqualTo("UP");
        ecs.stopTask(r -> r.cluster("apps").task(task.taskArn()));
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
