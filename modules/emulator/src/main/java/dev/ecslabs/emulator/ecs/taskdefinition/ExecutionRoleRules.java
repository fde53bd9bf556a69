package dev.ecslabs.emulator.ecs.taskdefinition;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * When a Fargate task definition needs a task execution role: the role is what lets Fargate pull
 * an image from a private Amazon ECR repository, send awslogs logs to CloudWatch and read secrets
 * on the task's behalf, so ECS refuses such a task definition without {@code executionRoleArn}
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).
 */
final class ExecutionRoleRules {
    /** A private ECR repository: {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>} (public.ecr.aws needs no role). */
    private static final Pattern PRIVATE_ECR_IMAGE =
            Pattern.compile("\\d{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.+");

    private ExecutionRoleRules() {
    }

    /** Why the task definition needs an execution role it lacks, in AWS's words; empty when it has one or needs none. */
    static Optional<String> problem(String executionRoleArn, List<ContainerDefinition> containers) {
        if (executionRoleArn != null && !executionRoleArn.isBlank()) {
            return Optional.empty();
        }
        String fix = " Set executionRoleArn to a task execution role, for example "
                + "arn:aws:iam::123456789012:role/ecsTaskExecutionRole.";
        if (containers.stream().anyMatch(ExecutionRoleRules::pullsFromPrivateEcr)) {
            return Optional.of("Fargate requires task definition to have execution role ARN to support ECR images." + fix);
        }
        if (containers.stream().anyMatch(LogConfigurationRules::usesAwslogs)) {
            return Optional.of("Fargate requires task definition to have execution role ARN to support log driver awslogs."
                    + fix);
        }
        if (containers.stream().anyMatch(ContainerEnvironmentRules::usesSecrets)) {
            // Worded like AWS's two messages above; the secrets case has no message AWS documents.
            return Optional.of("Fargate requires task definition to have execution role ARN to support secrets." + fix);
        }
        return Optional.empty();
    }

    static boolean pullsFromPrivateEcr(ContainerDefinition container) {
        return container.image() != null && PRIVATE_ECR_IMAGE.matcher(container.image()).matches();
    }
}
