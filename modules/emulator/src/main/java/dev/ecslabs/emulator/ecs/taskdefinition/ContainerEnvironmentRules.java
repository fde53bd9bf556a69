package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;

/**
 * What a container gets in its environment: named variables, up to ten {@code .env} files from
 * Amazon S3, and secrets from Secrets Manager or the SSM Parameter Store
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html).
 */
final class ContainerEnvironmentRules {
    /** "You can specify up to ten environment files." */
    static final int MAX_ENVIRONMENT_FILES = 10;
    private static final Pattern S3_ENV_FILE = Pattern.compile("arn:aws[a-z-]*:s3:::[^/]+/.+\\.env");
    private static final Pattern SECRET_SOURCE = Pattern.compile(
            "arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:\\d{12}:.+|[A-Za-z0-9_.\\-/]+");

    private ContainerEnvironmentRules() {
    }

    static void check(List<ContainerDefinition> containers) {
        for (ContainerDefinition container : containers) {
            for (KeyValuePair variable : container.environment()) {
                if (variable.name() == null || variable.name().isBlank()) {
                    throw EcsErrors.client("Container '" + container.name() + "' has an environment variable without a "
                            + "name. Each entry of environment needs a name and a value.");
                }
            }
            checkEnvironmentFiles(container);
            for (Secret secret : container.secrets()) {
                checkSecret(container.name(), secret);
            }
        }
    }

    /** Whether the container reads secrets, in its environment or in its log configuration. */
    static boolean usesSecrets(ContainerDefinition container) {
        boolean logSecrets = container.logConfiguration() != null && container.logConfiguration().hasSecretOptions()
                && !container.logConfiguration().secretOptions().isEmpty();
        return (container.hasSecrets() && !container.secrets().isEmpty()) || logSecrets;
    }

    private static void checkEnvironmentFiles(ContainerDefinition container) {
        List<EnvironmentFile> files = container.environmentFiles();
        if (files.size() > MAX_ENVIRONMENT_FILES) {
            throw EcsErrors.client("Container '" + container.name() + "' has " + files.size() + " environmentFiles; a "
                    + "container can have up to " + MAX_ENVIRONMENT_FILES + ".");
        }
        for (EnvironmentFile file : files) {
            if (!S3_ENV_FILE.matcher(file.value()).matches()) {
                throw EcsErrors.client("Invalid environmentFiles value '" + file.value() + "' for container '"
                        + container.name() + "'. Give the ARN of an Amazon S3 object with the .env file extension, for "
                        + "example arn:aws:s3:::my-bucket/web.env.");
            }
        }
    }

    private static void checkSecret(String container, Secret secret) {
        if (secret.name().isBlank() || !SECRET_SOURCE.matcher(secret.valueFrom()).matches()) {
            throw EcsErrors.client("Invalid secret '" + secret.name() + "' for container '" + container + "'. valueFrom is "
                    + "the ARN of a Secrets Manager secret or of an SSM parameter (or the name of an SSM parameter in this "
                    + "Region), not '" + secret.valueFrom() + "'.");
        }
    }
}
