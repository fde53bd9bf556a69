package dev.ecslabs.emulator.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.SessionCredentials;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container credentials endpoint of a task with a task role
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html): a real process
 * gets {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} ({@code http://127.0.0.1:<port>/_emulator/task-credentials/<task-id>})
 * and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, and the SDK's default credential chain inside it asks
 * {@code GET} that URL with the token as its {@code Authorization} header for a session of the role:
 * {@code {"AccessKeyId","SecretAccessKey","Token","Expiration","RoleArn"}}. The token is the
 * credential (as the ECR layer URL's is): it names the task's account and role, never a parameter.
 * An account with no IAM role at all (the compatibility rule) gets its own keys, which are not checked.
 */
public final class TaskCredentials implements HttpRoutes {
    public static final String PATH = "/_emulator/task-credentials/{task}";
    private static final Map<String, Grant> BY_TOKEN = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Grant(String accountId, String roleArn, String taskId) {
    }

    private final StateStore store;

    public TaskCredentials(StateStore store) {
        this.store = store;
    }

    /** The token a task's containers present for its role's credentials. */
    public static String grant(String accountId, String roleArn, String taskId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        BY_TOKEN.put(token, new Grant(accountId, roleArn, taskId));
        return token;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> {
            String token = ctx.header("Authorization");
            Grant grant = token == null ? null : BY_TOKEN.get(token);
            if (grant == null || !grant.taskId().equals(ctx.pathParam("task"))) {
                ObjectNode error = AwsJsonCodec.MAPPER.createObjectNode().put("code", "AccessDenied").put("message",
                        "The Authorization header is not the AWS_CONTAINER_AUTHORIZATION_TOKEN of this task: send the token "
                                + "the task's environment holds.");
                ctx.status(403).contentType("application/json").result(error.toString());
                return;
            }
            Instant expiration = Instant.now().plus(Duration.ofHours(6));
            Optional<String> roleId = AccountIam.read(store, grant.accountId(), iam -> iam.map(account ->
                    account.role(grant.roleArn()).map(role -> role.role().roleId()).orElse("AROAUNKNOWNROLE")));
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            if (roleId.isEmpty()) {
                answer.put("AccessKeyId", grant.accountId()).put("SecretAccessKey", "emulator").put("Token", "emulator");
            } else {
                SessionCredentials.Session session = SessionCredentials.issue(grant.accountId(), grant.roleArn(), roleId.get(),
                        grant.taskId(), expiration);
                answer.put("AccessKeyId", session.accessKeyId()).put("SecretAccessKey", session.secretAccessKey())
                        .put("Token", session.sessionToken());
            }
            answer.put("Expiration", expiration.toString()).put("RoleArn", grant.roleArn());
            ctx.contentType("application/json").result(answer.toString());
        });
    }
}
