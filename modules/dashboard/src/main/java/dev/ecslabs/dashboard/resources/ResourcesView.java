package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.labkit.cleanup.AccountInventory;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.Poll;
import dev.ecslabs.labkit.cleanup.ResourceCleaner;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * What exists in the backend, read through the AWS SDK and written as HTML: ECS clusters drawn
 * with their services and tasks, who reaches whom by name, task definitions, ECR and Cloud Map;
 * and, from the course's emulator, what Service Connect's client aliases resolve to. Each part
 * that the backend can't answer says so in place; the others still show. It also empties the
 * account, for the page's clean button.
 */
public final class ResourcesView implements AutoCloseable {
    private final BackendConnection backend;
    private final EmulatorRoutes routes;
    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ServiceDiscoveryClient cloudMap;
    private final IamClient iam;
    private final CloudWatchLogsClient logs;

    public ResourcesView(BackendConnection backend) {
        this.backend = backend;
        this.routes = new EmulatorRoutes(backend);
        this.ecs = backend.ecs();
        this.ecr = backend.ecr();
        this.cloudMap = backend.cloudMap();
        this.iam = backend.iam();
        this.logs = backend.logs();
    }

    public BackendConnection backend() {
        return backend;
    }

    /** Every section, read now. */
    public String render() {
        Optional<JsonNode> health = routes.health();
        AwsTime time = AwsTime.of(health);
        Unanswered unanswered = new Unanswered();
        List<ClusterView> clusters = List.of();
        String ecsHtml;
        try {
            clusters = new EcsReader(ecs, unanswered).read();
            ecsHtml = health.isPresent() ? EcsSection.render(clusters, time, unanswered, this::workloads)
                    : EcsSection.render(clusters, time, unanswered);
        } catch (SdkException e) {
            ecsHtml = EcsSection.unavailable(e);
        }
        JsonNode aliases = null;
        String whyNoAliases = "it is not the course's emulator";
        if (health.isPresent()) {
            try {
                aliases = routes.clientAliases();
            } catch (IOException e) {
                whyNoAliases = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                whyNoAliases = "interrupted";
            }
        }
        return time.note() + ecsHtml + ConnectionsSection.render(clusters, cloudMap, Optional.ofNullable(aliases))
                + TaskDefinitionsSection.render(ecs) + EcrSection.render(ecr, time) + CloudMapSection.render(cloudMap, time)
                + ServiceConnectSection.render(backend, aliases, whyNoAliases);
    }

    /** Which runtime the task's containers got and their local URLs, from the course's emulator; nothing when it can't tell. */
    private TaskWorkloads workloads(Task task) {
        try {
            return TaskWorkloads.of(routes.taskPorts(task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1)));
        } catch (IOException e) {
            return TaskWorkloads.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskWorkloads.NONE;
        }
    }

    /** Everything the learner's account holds now, to say before emptying it; an SDK exception if the backend can't tell. */
    public ResourceSet inventory() {
        return AccountInventory.list(ecs, ecr, cloudMap, iam, logs);
    }

    /**
     * Deletes everything the learner's account holds, in dependency order, waiting (every 200 ms,
     * at most a minute for each wait) for what must stop before the next thing can go.
     */
    public CleanupReport empty() {
        ResourceSet everything = inventory();
        return new ResourceCleaner(ecs, ecr, cloudMap, iam, logs, Poll.every(Duration.ofMillis(200), 300)).delete(everything);
    }

    @Override
    public void close() {
        ecs.close();
        ecr.close();
        cloudMap.close();
        iam.close();
        logs.close();
    }
}
