package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.iam.AccountIam;
import dev.ecslabs.emulator.iam.IamRole;
import dev.ecslabs.emulator.iam.PolicyEvaluator;
import dev.ecslabs.emulator.runtime.ImageReference;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What ECS does with a task's roles, as the ECS developer guide describes it. The task execution
 * role (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html) is
 * assumed by the Fargate agent when the task starts: it must exist, trust {@code ecs-tasks.amazonaws.com},
 * and allow what the start needs: {@code ecr:GetAuthorizationToken}, {@code ecr:BatchGetImage} and
 * {@code ecr:GetDownloadUrlForLayer} for an image in a private ECR repository, {@code logs:CreateLogStream}
 * and {@code logs:PutLogEvents} (and {@code logs:CreateLogGroup} with {@code awslogs-create-group})
 * for the awslogs driver, {@code secretsmanager:GetSecretValue} or {@code ssm:GetParameters} for
 * {@code secrets}. Otherwise the task stops, {@code TaskFailedToStart}, with the reason Fargate gives
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html).
 *
 * <p>The course's compatibility rule: an account that holds no IAM role at all is not checked (labs
 * written before roles existed name {@code ecsTaskExecutionRole} without creating it); the emulator
 * logs once per account that it did not check. Once the account holds one role, every task is checked.
 */
final class ExecutionRoleCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRoleCheck.class);
    /** The sentence RunTask answers for a role ECS cannot assume. */
    static final String UNABLE_TO_ASSUME = "ECS was unable to assume the role '%s' that was provided for this task. "
            + "Please verify that the role being passed has the proper trust relationship and permissions and that "
            + "your IAM user has permissions to pass this role.";

    private final StateStore store;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ExecutionRoleCheck(StateStore store) {
        this.store = store;
    }

    /**
     * At RunTask: the ClientException message for a task role ECS cannot assume (it does not exist, or
     * does not trust ecs-tasks.amazonaws.com), once the account holds IAM roles.
     */
    Optional<String> unassumableTaskRole(String accountId, String taskRoleArn) {
        if (taskRoleArn == null || taskRoleArn.isBlank()) {
            return Optional.empty();
        }
        return AccountIam.read(store, accountId, iam -> iam.flatMap(account -> {
            Optional<IamRole> role = account.role(taskRoleArn);
            return role.isPresent() && AccountIam.trusts(role.get(), AccountIam.ECS_TASKS) ? Optional.empty()
                    : Optional.of(String.format(UNABLE_TO_ASSUME, taskRoleArn));
        }));
    }

    /** At the task's start (its image pull): the stoppedReason of the first thing its execution role does not allow. */
    Optional<String> startProblem(AccountRegion region, Task task, TaskDefinition definition) {
        String roleArn = task.overrides() != null && task.overrides().executionRoleArn() != null
                ? task.overrides().executionRoleArn() : definition.executionRoleArn();
        List<Need> needs = needs(region, task, definition);
        if (roleArn == null || needs.isEmpty()) {
            return Optional.empty();
        }
        return AccountIam.read(store, region.accountId(), iam -> {
            if (iam.isEmpty()) {
                if (warned.add(region.accountId())) {
                    LOG.warn("Account {} has no IAM role, so the execution role {} of task {} was not checked: once the "
                            + "account creates a role, tasks need a real execution role.", region.accountId(), roleArn,
                            task.taskArn());
                }
                return Optional.empty();
            }
            Optional<IamRole> role = iam.get().role(roleArn);
            if (role.isEmpty() || !AccountIam.trusts(role.get(), AccountIam.ECS_TASKS)) {
                return Optional.of("ResourceInitializationError: unable to pull secrets or registry auth: execution "
                        + "resource retrieval failed: unable to get credentials for the task execution role: "
                        + String.format(UNABLE_TO_ASSUME, roleArn));
            }
            String session = AccountIam.sessionArn(role.get(), region.accountId(), taskId(task));
            for (Need need : needs) {
                PolicyEvaluator.Decision decision = iam.get().evaluate(role.get(), need.action(), need.resource());
                if (!decision.allowed()) {
                    return Optional.of(String.format(need.reason(), "AccessDeniedException: "
                            + AccountIam.accessDenied(session, need.action(), need.resource(), decision)));
                }
            }
            return Optional.empty();
        });
    }

    /** One permission the start needs, and the stoppedReason around IAM's sentence when it is missing. */
    private record Need(String action, String resource, String reason) {
    }

    private static List<Need> needs(AccountRegion region, Task task, TaskDefinition definition) {
        List<Need> registry = new ArrayList<>();
        List<Need> secrets = new ArrayList<>();
        List<Need> pulls = new ArrayList<>();
        List<Need> logs = new ArrayList<>();
        String retrieval = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
                + "retrieval failed: ";
        for (ContainerDefinition container : definition.containerDefinitions()) {
            Optional<ImageReference> image = container.image() == null ? Optional.empty() : ImageReference.parse(container.image());
            if (image.isPresent() && image.get().privateRegistry().isPresent()) {
                ImageReference.PrivateRegistryHost host = image.get().privateRegistry().get();
                String repository = "arn:aws:ecr:" + (host.region() == null ? region.region() : host.region()) + ":"
                        + (host.accountId() == null ? region.accountId() : host.accountId()) + ":repository/"
                        + image.get().repository();
                if (registry.isEmpty()) {
                    registry.add(new Need("ecr:GetAuthorizationToken", "*", retrieval + "unable to retrieve ecr registry "
                            + "auth: service call has been retried 3 time(s): %s. Please check the execution role permissions."));
                }
                String pull = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                        + image.get() + ": %s";
                pulls.add(new Need("ecr:BatchGetImage", repository, pull));
                pulls.add(new Need("ecr:GetDownloadUrlForLayer", repository, pull));
            }
            for (Secret secret : container.secrets()) {
                secrets.add(secretNeed(region, secret.valueFrom(), retrieval));
            }
            if (container.logConfiguration() != null && container.logConfiguration().logDriver() == LogDriver.AWSLOGS) {
                Map<String, String> options = container.logConfiguration().options();
                String logRegion = options.getOrDefault("awslogs-region", region.region());
                String group = "arn:aws:logs:" + logRegion + ":" + region.accountId() + ":log-group:"
                        + options.getOrDefault("awslogs-group", "");
                String stream = group + ":log-stream:" + options.getOrDefault("awslogs-stream-prefix", "") + "/"
                        + container.name() + "/" + taskId(task);
                String reason = "ResourceInitializationError: failed to validate logger args: create stream has been "
                        + "retried 1 times: failed to create Cloudwatch log stream: %s : exit status 1";
                if ("true".equals(options.get("awslogs-create-group"))) {
                    logs.add(new Need("logs:CreateLogGroup", group + ":*", reason.replace("create stream", "create group")
                            .replace("log stream", "log group")));
                }
                logs.add(new Need("logs:CreateLogStream", stream, reason));
                logs.add(new Need("logs:PutLogEvents", stream, reason));
            }
        }
        List<Need> all = new ArrayList<>(registry);
        all.addAll(secrets);
        all.addAll(pulls);
        all.addAll(logs);
        return all;
    }

    /** A secret from Secrets Manager (an ARN of it) or from Systems Manager Parameter Store (an ARN or a name). */
    private static Need secretNeed(AccountRegion region, String valueFrom, String retrieval) {
        if (valueFrom.startsWith("arn:aws:secretsmanager:")) {
            String[] parts = valueFrom.split(":");
            // arn:aws:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id]
            String secretArn = String.join(":", java.util.Arrays.copyOf(parts, Math.min(parts.length, 7)));
            return new Need("secretsmanager:GetSecretValue", secretArn, retrieval + "unable to retrieve secret from asm: "
                    + "service call has been retried 1 time(s): failed to fetch secret " + secretArn + " from secrets manager: %s");
        }
        String parameter = valueFrom.startsWith("arn:") ? valueFrom : "arn:aws:ssm:" + region.region() + ":"
                + region.accountId() + ":parameter" + (valueFrom.startsWith("/") ? "" : "/") + valueFrom;
        return new Need("ssm:GetParameters", parameter, retrieval + "unable to retrieve secrets from ssm: service call "
                + "has been retried 1 time(s): %s");
    }

    private static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }
}
