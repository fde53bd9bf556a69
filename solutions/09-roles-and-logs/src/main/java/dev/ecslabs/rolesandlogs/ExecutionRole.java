package dev.ecslabs.rolesandlogs;

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

    /** Who may assume the role: ECS tasks, and nobody else. */
    static final String TRUST_ECS_TASKS = """
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole"
              }]
            }""";

    private ExecutionRole() {
    }

    /** Exercise 09.1: a role ECS tasks may assume, with AWS's managed execution policy attached; answers its ARN. */
    public static String create(IamClient iam, String roleName) {
        String arn = iam.createRole(r -> r.roleName(roleName)
                .description("Lets ECS pull the app's image and write its logs")
                .assumeRolePolicyDocument(TRUST_ECS_TASKS)).role().arn();
        iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(MANAGED_POLICY_ARN));
        return arn;
    }

    /**
     * Exercise 09.6: least privilege. The role keeps only what starting the app needs: the registry
     * login, pulls from the app's repository, and log streams in the app's log group.
     */
    public static void leastPrivilege(IamClient iam, String roleName, String repositoryArn, String logGroupArn) {
        // GetAuthorizationToken logs in to the whole registry: it has no resource narrower than "*".
        String policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "LogInToTheRegistry", "Effect": "Allow",
                     "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                    {"Sid": "PullTheAppImage", "Effect": "Allow",
                     "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "%s"},
                    {"Sid": "WriteTheAppLogs", "Effect": "Allow",
                     "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "%s:log-stream:*"}
                  ]
                }""".formatted(repositoryArn, logGroupArn);
        // First the new permissions, then the old ones go: the role is never without what a starting task needs.
        iam.putRolePolicy(r -> r.roleName(roleName).policyName(INLINE_POLICY_NAME).policyDocument(policy));
        iam.detachRolePolicy(r -> r.roleName(roleName).policyArn(MANAGED_POLICY_ARN));
    }
}
