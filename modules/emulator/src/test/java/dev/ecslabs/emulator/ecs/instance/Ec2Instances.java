package dev.ecslabs.emulator.ecs.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Launches simulated EC2 instances into a cluster through {@code POST /_emulator/container-instances}, as a test would by hand. */
public final class Ec2Instances {
    private Ec2Instances() {
    }

    /** The container instance ARNs of {@code count} new instances; {@code query} adds parameters ("&subnet=…"). */
    public static List<String> launch(Emulator emulator, String account, String cluster, String instanceType, int count,
                                      String query) {
        HttpResponse<String> response = post(emulator, account, "?cluster=" + cluster + "&instanceType=" + instanceType
                + "&count=" + count + query);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("launch answered " + response.statusCode() + ": " + response.body());
        }
        try {
            List<String> arns = new ArrayList<>();
            for (JsonNode instance : new ObjectMapper().readTree(response.body()).path("containerInstances")) {
                arns.add(instance.path("containerInstanceArn").asText());
            }
            return arns;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> post(Emulator emulator, String account, String query) {
        try {
            return HttpClient.newHttpClient().send(SignedRequests.signed("POST", URI.create(emulator.url()
                    + ContainerInstancesRoute.PATH + query), account, "secret", "us-east-1").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
