package dev.ecslabs.rolesandlogs;

import dev.ecslabs.labkit.NotDoneYet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

/** The task role: the role the app's own AWS calls use, through the SDK's default credential chain inside the task. */
public final class TaskRole {
    /** The name of the task role's inline policy. */
    public static final String POLICY_NAME = "read-repositories";
    /** The course app's container and its port; GET /ecr/repositories makes the app call ECR DescribeRepositories. */
    public static final String APP = "app";
    public static final int APP_PORT = 8080;

    private TaskRole() {
    }

    /** Exercise 09.5: a role ECS tasks may assume whose only permission is listing the account's ECR repositories; answers its ARN. */
    public static String create(IamClient iam, String roleName, String region, String accountId) {
        // TODO: create the role trusted by ECS tasks and put the inline policy POLICY_NAME allowing ecr:DescribeRepositories on the Region's repositories; return its ARN
        throw new NotDoneYet();
    }

    /** Exercise 09.5: the course app as a Fargate task definition with both roles; answers its ARN. */
    public static String registerApp(EcsClient ecs, String family, String image, String executionRoleArn, String taskRoleArn) {
        // TODO: register a Fargate task definition (awsvpc, cpu 256, memory 512) with both roles, whose essential container APP runs image with APP_PORT mapped; return its ARN
        throw new NotDoneYet();
    }
}
