package dev.ecslabs.dashboard.resources;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * What exists in the backend, read through the AWS SDK and written as HTML: ECR, ECS clusters
 * (services, tasks), task definitions and Cloud Map; and, from the course's emulator, what
 * Service Connect's client aliases resolve to. Each part that the backend can't answer says
 * so in place; the others still show.
 */
public final class ResourcesView implements AutoCloseable {
    private final BackendConnection backend;
    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ServiceDiscoveryClient cloudMap;

    public ResourcesView(BackendConnection backend) {
        this.backend = backend;
        this.ecs = backend.ecs();
        this.ecr = backend.ecr();
        this.cloudMap = backend.cloudMap();
    }

    public BackendConnection backend() {
        return backend;
    }

    /** Every section, read now. */
    public String render() {
        return EcsSection.render(ecs) + TaskDefinitionsSection.render(ecs) + EcrSection.render(ecr) + CloudMapSection.render(cloudMap)
                + ServiceConnectSection.render(backend);
    }

    @Override
    public void close() {
        ecs.close();
        ecr.close();
        cloudMap.close();
    }
}
