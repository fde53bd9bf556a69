package dev.ecslabs.services;

import dev.ecslabs.labkit.Backend;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * What the exercises set up for themselves: a cluster, lab 02's web app as a task definition
 * (with nginx standing in for its image), services created and waited for, and at the end every
 * service deleted again (on AWS a forgotten service keeps its tasks running, and costs money).
 */
final class LabServices {
    static final String WEB = "web";
    static final String WEB_IMAGE = "public.ecr.aws/nginx/nginx:1.27";

    private final Backend backend;
    private final EcsClient ecs;
    private final List<Tracked> services = new ArrayList<>();

    /** A service the exercise made, to delete afterwards. */
    private record Tracked(String cluster, String service) {
    }

    LabServices(Backend backend, EcsClient ecs) {
        this.backend = backend;
        this.ecs = ecs;
    }

    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(request -> request.clusterName(name));
        return name;
    }

    List<String> subnets() {
        return backend.defaultSubnets();
    }

    /** Remembers a service the learner's code creates, so that it is deleted after the exercise. */
    void track(String cluster, String service) {
        services.add(new Tracked(cluster, service));
    }

    /** The web app as in lab 02: one essential container, port 80 named http, and a curl health check. */
    String registerWeb(String family) {
        return register(family, ContainerDefinition.builder().name(WEB).image(WEB_IMAGE).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost/ || exit 1").build())
                .build());
    }

    /** A revision of the family whose image is not in the account's registry: its tasks never start. */
    String registerMissingImage(String family) {
        return register(family, ContainerDefinition.builder().name(WEB).image(missingImage()).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").build()).build());
    }

    String missingImage() {
        return backend.accountId() + ".dkr.ecr." + backend.region().id() + ".amazonaws.com/web:does-not-exist";
    }

    /** A service of the task definition as the exercises expect one, created and waited for until it is stable. */
    Service createStable(EcsWaiter waiter, String cluster, String service, String taskDefinition) {
        ecs.createService(request -> request.cluster(cluster).serviceName(service).taskDefinition(taskDefinition)
                .desiredCount(WebServices.DESIRED_COUNT).launchType(LaunchType.FARGATE)
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets())
                        .assignPublicIp(AssignPublicIp.ENABLED))));
        track(cluster, service);
        return waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(service))
                .matched().response().orElseThrow().services().get(0);
    }

    /** Waits until the newest event of the service says it has reached a steady state. */
    Service waitForSteadyState(String cluster, String service) {
        String steady = "(service " + service + ") has reached a steady state.";
        return backend.pollUntil(() -> describe(cluster, service), described -> !described.events().isEmpty()
                && described.events().get(0).message().equals(steady));
    }

    Service describe(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().get(0);
    }

    /** The service's tasks with that desired status (RUNNING or STOPPED), described. */
    List<Task> tasks(String cluster, String service, String desiredStatus) {
        List<String> arns = ecs.listTasksPaginator(request -> request.cluster(cluster).serviceName(service)
                .desiredStatus(desiredStatus)).taskArns().stream().toList();
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> page = arns.subList(from, Math.min(arns.size(), from + 100));
            tasks.addAll(ecs.describeTasks(request -> request.cluster(cluster).tasks(page)).tasks());
        }
        return tasks;
    }

    /** Deletes every service of the exercise that is still ACTIVE, stopping its tasks. */
    void deleteEverything() {
        for (Tracked tracked : services) {
            List<Service> current = ecs.describeServices(request -> request.cluster(tracked.cluster())
                    .services(tracked.service())).services();
            if (!current.isEmpty() && "ACTIVE".equals(current.get(0).status())) {
                ecs.deleteService(request -> request.cluster(tracked.cluster()).service(tracked.service()).force(true));
            }
        }
    }

    private String register(String family, ContainerDefinition container) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder()
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn("arn:aws:iam::" + backend.accountId() + ":role/ecsTaskExecutionRole")
                .containerDefinitions(container)
                .build()).taskDefinition().taskDefinitionArn();
    }
}
