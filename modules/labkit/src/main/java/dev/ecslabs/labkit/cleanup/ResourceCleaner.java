package dev.ecslabs.labkit.cleanup;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Deletes a {@link ResourceSet} in dependency order: ECS services and tasks, clusters, task
 * definitions, load balancers and target groups (once the services that registered tasks with them
 * are gone), ECR repositories (with their images), then Cloud Map (ECS deregisters its tasks from
 * Cloud Map as they stop, so Cloud Map comes last). It never throws for a resource: what is
 * gone already counts as deleted, and what can't be deleted is a sentence in the report.
 */
public final class ResourceCleaner {
    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ServiceDiscoveryClient cloudMap;
    private final ElasticLoadBalancingV2Client elb;
    private final Poll poll;

    /** A cleaner without Elastic Load Balancing: load balancers and target groups are left alone. */
    public ResourceCleaner(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap, Poll poll) {
        this(ecs, ecr, cloudMap, null, poll);
    }

    public ResourceCleaner(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap, ElasticLoadBalancingV2Client elb,
                           Poll poll) {
        this.ecs = ecs;
        this.ecr = ecr;
        this.cloudMap = cloudMap;
        this.elb = elb;
        this.poll = poll;
    }

    public CleanupReport delete(ResourceSet what) {
        ResourceSet deleted = new ResourceSet();
        List<String> problems = new ArrayList<>();
        boolean reachable = step(problems, () -> new EcsCleanup(ecs, poll, deleted, problems).delete(what))
                && (elb == null || step(problems, () -> new ElbCleanup(elb, poll, deleted, problems).delete(what)))
                && step(problems, () -> {
                    for (String repository : what.repositories()) {
                        deleteRepository(repository, deleted, problems);
                    }
                });
        if (reachable) {
            step(problems, () -> new CloudMapCleanup(cloudMap, poll, deleted, problems).delete(what));
        }
        return new CleanupReport(deleted, problems);
    }

    private void deleteRepository(String name, ResourceSet deleted, List<String> problems) {
        try {
            // force: a repository that still holds images is deleted with them
            ecr.deleteRepository(b -> b.repositoryName(name).force(true));
            deleted.addRepository(name, -1);
        } catch (RepositoryNotFoundException gone) {
            deleted.addRepository(name, -1);
        } catch (AwsServiceException e) {
            problems.add("Could not delete the repository " + name + ": " + e.getMessage());
        }
    }

    /**
     * One service's part. A backend that stops answering (a refused connection, a timeout) ends the
     * clean-up with one sentence instead of one slow failure per resource; answers false then.
     */
    private static boolean step(List<String> problems, Runnable part) {
        try {
            part.run();
            return true;
        } catch (SdkClientException e) {
            problems.add("The backend stopped answering, so the clean-up stopped: " + e.getMessage());
            return false;
        } catch (AwsServiceException e) {
            problems.add("The clean-up stopped: " + e.getMessage());
            return true;
        }
    }
}
