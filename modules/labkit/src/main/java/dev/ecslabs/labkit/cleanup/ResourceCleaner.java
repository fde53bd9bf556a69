package dev.ecslabs.labkit.cleanup;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Deletes a {@link ResourceSet} in dependency order: ECS services and tasks, clusters, task
 * definitions, load balancers and target groups (once the services that registered tasks with them
 * are gone), ECR repositories (with their images), then Cloud Map (ECS deregisters its tasks
 * from Cloud Map as they stop, so Cloud Map comes last), then IAM roles (their managed policies
 * detached and inline ones deleted first, as DeleteRole requires; no task uses them any more) and
 * log groups. It never throws for a resource: what is gone already counts as deleted, and what
 * can't be deleted is a sentence in the report.
 */
public final class ResourceCleaner {
    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ServiceDiscoveryClient cloudMap;
    private final ElasticLoadBalancingV2Client elb;
    private final IamClient iam;
    private final CloudWatchLogsClient logs;
    private final Poll poll;

    /** A cleaner for ECS, ECR and Cloud Map only: load balancers, roles and log groups in the set are left, with a sentence. */
    public ResourceCleaner(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap, Poll poll) {
        this(ecs, ecr, cloudMap, null, null, null, poll);
    }

    /** A cleaner for everything labkit records; a client left null leaves that service's resources, with a sentence. */
    public ResourceCleaner(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap, ElasticLoadBalancingV2Client elb,
                           IamClient iam, CloudWatchLogsClient logs, Poll poll) {
        this.ecs = ecs;
        this.ecr = ecr;
        this.cloudMap = cloudMap;
        this.elb = elb;
        this.iam = iam;
        this.logs = logs;
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
            reachable = step(problems, () -> new CloudMapCleanup(cloudMap, poll, deleted, problems).delete(what));
        }
        if (reachable && !what.roles().isEmpty()) {
            if (iam == null) {
                problems.add("The IAM roles " + what.roles() + " were left: this clean-up has no IAM client.");
            } else {
                reachable = step(problems, () -> what.roles().forEach(role -> deleteRole(role, deleted, problems)));
            }
        }
        if (reachable && !what.logGroups().isEmpty()) {
            if (logs == null) {
                problems.add("The log groups " + what.logGroups() + " were left: this clean-up has no CloudWatch Logs client.");
            } else {
                step(problems, () -> what.logGroups().forEach(group -> deleteLogGroup(group, deleted, problems)));
            }
        }
        return new CleanupReport(deleted, problems);
    }

    private void deleteRole(String role, ResourceSet deleted, List<String> problems) {
        try {
            iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies()
                    .forEach(p -> iam.detachRolePolicy(b -> b.roleName(role).policyArn(p.policyArn())));
            iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames()
                    .forEach(p -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(p)));
            iam.deleteRole(b -> b.roleName(role));
            deleted.addRole(role);
        } catch (NoSuchEntityException gone) {
            deleted.addRole(role);
        } catch (AwsServiceException e) {
            problems.add("Could not delete the IAM role " + role + ": " + e.getMessage());
        }
    }

    private void deleteLogGroup(String group, ResourceSet deleted, List<String> problems) {
        try {
            logs.deleteLogGroup(b -> b.logGroupName(group));
            deleted.addLogGroup(group);
        } catch (ResourceNotFoundException gone) {
            deleted.addLogGroup(group);
        } catch (AwsServiceException e) {
            problems.add("Could not delete the log group " + group + ": " + e.getMessage());
        }
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
