package dev.ecslabs.labkit.cleanup;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Deletes what {@link TaggedInventory} found, in the order AWS accepts: ECS services (scaled to 0,
 * deleted, waited for), then tasks, clusters, task definitions, ECR repositories with their images,
 * Cloud Map services and namespaces ({@link ResourceCleaner}); then the IAM roles the course created
 * (their policies detached and deleted first, as DeleteRole requires), which no task uses any more,
 * and the log groups. Load balancers and target groups are not among them yet: labkit has no ELB
 * client.
 */
public final class TaggedCleanup {
    /** What was deleted (or would be, on a dry run) and what could not be. */
    public record Outcome(TaggedInventory.Leftovers deleted, List<String> problems) {
        public boolean complete() {
            return problems.isEmpty();
        }
    }

    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ServiceDiscoveryClient cloudMap;
    private final IamClient iam;
    private final CloudWatchLogsClient logs;
    private final Poll poll;

    public TaggedCleanup(EcsClient ecs, EcrClient ecr, ServiceDiscoveryClient cloudMap, IamClient iam,
                         CloudWatchLogsClient logs, Poll poll) {
        this.ecs = ecs;
        this.ecr = ecr;
        this.cloudMap = cloudMap;
        this.iam = iam;
        this.logs = logs;
        this.poll = poll;
    }

    public Outcome delete(TaggedInventory.Leftovers found) {
        CleanupReport first = new ResourceCleaner(ecs, ecr, cloudMap, poll).delete(found.resources());
        List<String> problems = new ArrayList<>(first.problems());
        List<String> roles = new ArrayList<>();
        for (String role : found.roles()) {
            try {
                iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies()
                        .forEach(p -> iam.detachRolePolicy(b -> b.roleName(role).policyArn(p.policyArn())));
                iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames()
                        .forEach(p -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(p)));
                iam.deleteRole(b -> b.roleName(role));
                roles.add(role);
            } catch (NoSuchEntityException gone) {
                roles.add(role);
            } catch (AwsServiceException e) {
                problems.add("Could not delete the role " + role + ": " + e.getMessage());
            }
        }
        List<String> groups = new ArrayList<>();
        for (String group : found.logGroups()) {
            try {
                logs.deleteLogGroup(b -> b.logGroupName(group));
                groups.add(group);
            } catch (ResourceNotFoundException gone) {
                groups.add(group);
            } catch (AwsServiceException e) {
                problems.add("Could not delete the log group " + group + ": " + e.getMessage());
            }
        }
        return new Outcome(new TaggedInventory.Leftovers(first.deleted(), roles, groups), problems);
    }
}
