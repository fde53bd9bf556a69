package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;

/**
 * The course's whole loop across a restart of {@code ./lab start}: an image pushed with Jib over
 * {@code /v2/}, a task definition that runs it, a task running, and its IP being registered in
 * Cloud Map when the emulator stops; all there and going on when it starts again.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class EveryAreaRestartTest {
    static final String REGISTRY = "000000000000.dkr.ecr.us-east-1.amazonaws.com";

    @TempDir
    Path data;

    @Test
    @DisplayName("An image, a task definition, a running task and its Cloud Map registration survive a restart, and the image runs again after it")
    void theWholeLoopSurvives(@TempDir Path work) throws Exception {
        System.setProperty("sendCredentialsOverHttp", "true");
        ManualClock clock = new ManualClock();
        Task web;
        String serviceId;
        String registration;
        try (Emulator first = Restarts.start(data, clock); EcrClient ecr = AwsClients.ecr(first);
             EcsClient ecs = AwsClients.ecs(first); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            String uri = ecr.createRepository(b -> b.repositoryName("jobs")).repository().repositoryUri();
            Path script = Files.writeString(work.resolve("job.sh"), "exit 4");
            Jib.fromScratch().addLayer(List.of(script), AbsoluteUnixPath.get("/app"))
                    .setEntrypoint("sh", "-c", "sleep 3; exit 4")
                    .containerize(Containerizer.to(registryImage(ecr, uri + ":1")).setAllowInsecureRegistries(true)
                            .setApplicationLayersCache(work.resolve("cache")));
            ecs.createCluster(b -> b.clusterName("lab"));
            register(ecs, "web", "public.ecr.aws/nginx/nginx:1.27");
            register(ecs, "job", REGISTRY + "/jobs:1");
            String webArn = run(ecs, "web").taskArn();
            clock.advance(Duration.ofSeconds(30));
            web = ecs.describeTasks(b -> b.cluster("lab").tasks(webArn)).tasks().get(0);
            String namespace = cloudMap.createHttpNamespace(b -> b.name("lab")).operationId();
            clock.advance(Duration.ofSeconds(30));
            String namespaceId = cloudMap.getOperation(b -> b.operationId(namespace)).operation().targetsAsStrings().get("NAMESPACE");
            serviceId = cloudMap.createService(b -> b.name("web").namespaceId(namespaceId)).service().id();
            String webIp = ip(web);
            String id = serviceId;
            registration = cloudMap.registerInstance(b -> b.serviceId(id).instanceId("web-1")
                    .attributes(Map.of("AWS_INSTANCE_IPV4", webIp))).operationId();
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Restarts.start(data, resumed); EcsClient ecs = AwsClients.ecs(second);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            Task job = run(ecs, "job");
            resumed.advance(Duration.ofMinutes(1));

            Task stoppedJob = ecs.describeTasks(b -> b.cluster("lab").tasks(job.taskArn())).tasks().get(0);
            assertThat(stoppedJob.stopCode()).as("the image's entrypoint, read from its config blob after the restart")
                    .isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
            assertThat(stoppedJob.containers().get(0).exitCode()).isEqualTo(4);
            Task stillRunning = ecs.describeTasks(b -> b.cluster("lab").tasks(web.taskArn())).tasks().get(0);
            assertThat(stillRunning.lastStatus()).isEqualTo("RUNNING");
            assertThat(ip(stillRunning)).isEqualTo(ip(web));
            assertThat(cloudMap.getOperation(b -> b.operationId(registration)).operation().status())
                    .isEqualTo(OperationStatus.SUCCESS);
            String id = serviceId;
            assertThat(cloudMap.listInstances(b -> b.serviceId(id)).instances()).singleElement()
                    .satisfies(instance -> assertThat(instance.id()).isEqualTo("web-1"));
        }
    }

    private static void register(EcsClient ecs, String family, String image) {
        ecs.registerTaskDefinition(b -> b.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                .containerDefinitions(c -> c.name(family).image(image)));
    }

    private static Task run(EcsClient ecs, String family) {
        return ecs.runTask(b -> b.cluster("lab").taskDefinition(family).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))))
                .tasks().get(0);
    }

    private static String ip(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
    }

    private static RegistryImage registryImage(EcrClient ecr, String reference) throws Exception {
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String[] credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
        return RegistryImage.named(reference).addCredential(credentials[0], credentials[1]);
    }
}
