package dev.ecslabs.courseapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * The app's own AWS call: ECR DescribeRepositories with the SDK's default chains, as an app on ECS
 * makes it. Inside a task the credentials come from the task role
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} or {@code _RELATIVE_URI},
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html), the Region from
 * {@code AWS_REGION}, which ECS sets, and the endpoint from {@code AWS_ENDPOINT_URL} where one is set
 * (the course's emulator sets it; on AWS it is absent and the Region's endpoint is used).
 */
final class EcrRepositories {
    /** What the call came to: 200 with the repositories' names, or the service's status with its error code and message. */
    record Outcome(int status, Map<String, Object> body) {
    }

    private final Supplier<EcrClient> client;

    EcrRepositories() {
        this(() -> EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    EcrRepositories(Supplier<EcrClient> clients) {
        this.client = new Memoized<>(clients);
    }

    Outcome describe() {
        try {
            List<String> names = client.get().describeRepositoriesPaginator(r -> { }).repositories().stream()
                    .map(Repository::repositoryName).toList();
            return new Outcome(200, Map.of("repositories", names));
        } catch (AwsServiceException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorCode", e.awsErrorDetails().errorCode());
            error.put("message", e.awsErrorDetails().errorMessage());
            return new Outcome(e.statusCode(), error);
        } catch (SdkException e) {
            // no credentials, no Region, no answer: the app could not make the call at all
            return new Outcome(500, Map.of("errorCode", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage())));
        }
    }
}
