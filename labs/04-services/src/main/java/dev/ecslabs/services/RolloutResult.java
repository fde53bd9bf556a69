package dev.ecslabs.services;

/**
 * How a rollout ended, as exercise 04.7 finds out. Given: nothing to write here.
 *
 * @param status         the service deployment's status: SUCCESSFUL, ROLLBACK_SUCCESSFUL, STOPPED, …
 * @param statusReason   why it has that status, in ECS's words
 * @param taskDefinition the task definition ARN the service runs once the rollout is over
 */
public record RolloutResult(String status, String statusReason, String taskDefinition) {
}
