package dev.ecslabs.rolesandlogs;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
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
        String arn = iam.createRole(r -> r.roleName(roleName)
                .description("The course app's own calls: it lists the repositories of the Region's ECR")
                .assumeRolePolicyDocument(ExecutionRole.TRUST_ECS_TASKS)).role().arn();
        String policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Effect": "Allow",
                    "Action": "ecr:DescribeRepositories",
                    "Resource": "arn:aws:ecr:%s:%s:repository/*"
                  }]
                }""".formatted(region, accountId);
        iam.putRolePolicy(r -> r.roleName(roleName).policyName(POLICY_NAME).policyDocument(policy));
        return arn;
    }

    /** Exercise 09.5: the course app as a Fargate task definition with both roles; answers its ARN. */
    public static String registerApp(EcsClient ecs, String family, String image, String executionRoleArn, String taskRoleArn) {
        return ecs.registerTaskDefinition(r -> r.family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn(executionRoleArn)
                .taskRoleArn(taskRoleArn)
                .containerDefinitions(c -> c.name(APP).image(image).essential(true)
                        .portMappings(p -> p.containerPort(APP_PORT).protocol(TransportProtocol.TCP))))
                .taskDefinition().taskDefinitionArn();
    }
}
