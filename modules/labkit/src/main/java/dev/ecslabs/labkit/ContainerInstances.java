package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches simulated EC2 instances into a cluster on the course emulator, through
 * {@code POST /_emulator/container-instances} signed with the backend's credentials (the account
 * comes from the signature). On AWS an Auto Scaling group (a capacity provider) launches them.
 */
public final class ContainerInstances {
    private ContainerInstances() {
    }

    /** The container instance ARNs of {@code count} new {@code instanceType} instances registered with {@code cluster}. */
    public static List<String> launch(Backend backend, String cluster, String instanceType, int count) {
        if (!backend.isCourseEmulator()) {
            throw new IllegalStateException("launching container instances needs the course emulator; on " + backend
                    + " launch EC2 instances with the ECS-optimized AMI (an Auto Scaling group) instead");
        }
        URI uri = URI.create(backend.endpoint().toString().replaceAll("/$", "")
                + "/_emulator/container-instances?cluster=" + cluster + "&instanceType=" + instanceType + "&count=" + count);
        var credentials = backend.credentials().resolveCredentials();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(SignedRequests.signed("POST", uri,
                    credentials.accessKeyId(), credentials.secretAccessKey(), backend.region().id()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("launching " + count + " " + instanceType + " into " + cluster
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            List<String> arns = new ArrayList<>();
            for (JsonNode instance : new ObjectMapper().readTree(response.body()).path("containerInstances")) {
                arns.add(instance.path("containerInstanceArn").asText());
            }
            return arns;
        } catch (IOException e) {
            throw new IllegalStateException("could not reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
