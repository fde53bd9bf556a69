package dev.ecslabs.emulator.ecs.service.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * Registrations stay true to the tasks across a restart of an emulator with a data directory
 * ({@code ./lab start}): a registration under way when it stopped finishes after it started
 * again, and a task stopped after the restart leaves Cloud Map.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class RegistrationRestartTest {
    @TempDir
    Path data;

    @Test
    @DisplayName("A registration under way at a restart completes, and a task stopped after the restart is deregistered")
    void registrationsSurviveARestart() {
        String serviceId;
        ManualClock clock = new ManualClock();
        try (Emulator first = Restarts.start(data, clock);
             EcsClient ecs = AwsClients.ecs(first);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            String operationId = cloudMap.createPrivateDnsNamespace(b -> b.name("kept.local").vpc(DefaultVpc.VPC_ID))
                    .operationId();
            clock.advance(Duration.ofMinutes(1));
            String namespaceId = cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings()
                    .get("NAMESPACE");
            Service backend = cloudMap.createService(b -> b.name("backend").namespaceId(namespaceId)
                    .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L)))).service();
            serviceId = backend.id();
            ecs.createCluster(b -> b.clusterName("kept"));
            String taskDefinition = ecs.registerTaskDefinition(b -> b.family("backend")
                    .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image(DiscoveryTestBase.NGINX).essential(true)))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(b -> b.cluster("kept").serviceName("backend").taskDefinition(taskDefinition).desiredCount(2)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                    .serviceRegistries(r -> r.registryArn(backend.arn())));
            clock.advance(Duration.ofSeconds(25));
            assertThat(cloudMap.listInstances(b -> b.serviceId(backend.id())).instances())
                    .as("registrations in progress when the emulator stops").isEmpty();
        }

        try (Emulator second = Restarts.start(data, Restarts.resumedClock(data));
             EcsClient ecs = AwsClients.ecs(second);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            ManualClock resumed = (ManualClock) second.clock();
            resumed.advance(Duration.ofSeconds(20));
            List<String> running = ecs.listTasks(b -> b.cluster("kept").serviceName("backend")).taskArns();
            assertThat(ids(cloudMap, serviceId)).containsExactlyInAnyOrderElementsOf(running.stream()
                    .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).toList());

            ecs.stopTask(b -> b.cluster("kept").task(running.get(0)));
            resumed.advance(Duration.ofMinutes(2));

            List<String> now = ecs.listTasks(b -> b.cluster("kept").serviceName("backend")).taskArns();
            assertThat(now).hasSize(2).doesNotContain(running.get(0));
            assertThat(ids(cloudMap, serviceId)).containsExactlyInAnyOrderElementsOf(now.stream()
                    .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).toList());
        }
    }

    private static List<String> ids(ServiceDiscoveryClient cloudMap, String serviceId) {
        return cloudMap.listInstances(b -> b.serviceId(serviceId)).instances().stream().map(InstanceSummary::id).toList();
    }
}
