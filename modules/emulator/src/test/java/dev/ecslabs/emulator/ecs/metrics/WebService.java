package dev.ecslabs.emulator.ecs.metrics;

import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/** A simulated nginx Fargate service of 0.25 vCPU and 512 MiB per task, for the metrics and scaling tests. */
public final class WebService {
    private WebService() {
    }

    /** Creates the cluster and the service with {@code desiredCount} tasks, and plays the clock until they run. */
    public static void create(EcsClient ecs, ManualClock clock, String cluster, String service, int desiredCount) {
        ecs.createCluster(b -> b.clusterName(cluster));
        String taskDefinition = ecs.registerTaskDefinition(b -> b.family(service).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                        .image("public.ecr.aws/nginx/nginx:1.27").essential(true).portMappings(p -> p.containerPort(80))))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(b -> b.cluster(cluster).serviceName(service).taskDefinition(taskDefinition).desiredCount(desiredCount)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets(DefaultVpc.SUBNET_IDS).securityGroups(DefaultVpc.SECURITY_GROUP_ID))));
        clock.advance(Duration.ofMinutes(2));
    }

    /** How many of the service's tasks are RUNNING. */
    public static int running(EcsClient ecs, String cluster, String service) {
        return ecs.describeServices(b -> b.cluster(cluster).services(service)).services().get(0).runningCount();
    }
}
