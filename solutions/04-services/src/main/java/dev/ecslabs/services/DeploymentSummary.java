package dev.ecslabs.services;

/**
 * One deployment of a service, as exercise 04.5 reads it from DescribeServices. Given: nothing to
 * write here.
 *
 * @param status         PRIMARY (the deployment the service is moving to) or ACTIVE (an older one still running tasks)
 * @param taskDefinition the task definition's family and revision, for example {@code web:2}
 * @param rolloutState   IN_PROGRESS, COMPLETED or FAILED
 * @param desiredCount   how many tasks the deployment is meant to run
 * @param runningCount   how many of its tasks are RUNNING
 * @param pendingCount   how many of its tasks are on their way to RUNNING
 */
public record DeploymentSummary(String status, String taskDefinition, String rolloutState, int desiredCount,
                                int runningCount, int pendingCount) {
}
