package dev.ecslabs.rolesandlogs;

import dev.ecslabs.labkit.NotDoneYet;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The task execution role: the role ECS's agent assumes to start a task (pull its image from ECR,
 * create its log stream, read its secrets), never the app's own role.
 */
public final class ExecutionRole {
    /** The service principal of ECS tasks: the one the trust policy of both of a task's roles names. */
    public static final String ECS_TASKS = "ecs-tasks.amazonaws.com";
    /** AWS's managed policy for execution roles: ECR pulls and awslogs streams, on every resource. */
    public static final String MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    /** The name of the inline policy that replaces the managed one in exercise 09.6. */
    public static final String INLINE_POLICY_NAME = "start-the-app";

    private ExecutionRole() {
    }

    /** Exercise 09.1: a role ECS tasks may assume, with AWS's managed execution policy attached; answers its ARN. */
    public static String create(IamClient iam, String roleName) {
        // TODO: create the role with a trust policy that lets ecs-tasks.amazonaws.com assume it, attach MANAGED_POLICY_ARN, and return the role's ARN
        throw new NotDoneYet();
    }

    /**
     * Exercise 09.6: least privilege. The role keeps only what starting the app needs: the registry
     * login, pulls from the app's repository, and log streams in the app's log group.
     */
    public static void leastPrivilege(IamClient iam, String roleName, String repositoryArn, String logGroupArn) {
        // TODO: put the inline policy INLINE_POLICY_NAME allowing only those actions on only those resources, then detach MANAGED_POLICY_ARN
        throw new NotDoneYet();
    }
}
