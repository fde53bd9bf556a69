package dev.ecslabs.labkit.localstack;

import dev.ecslabs.labkit.LocalStack;
import java.net.URI;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;

/** {@link LocalStack} through Testcontainers' LocalStack module; labkit finds it through {@link java.util.ServiceLoader}. */
public final class TestcontainersLocalStack implements LocalStack {

    @Override
    public Optional<String> unavailable() {
        return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty()
                : Optional.of("no Docker engine answers here: LocalStack runs in Docker.");
    }

    @Override
    public Running start(String image, String authToken) {
        LocalStackContainer container = new LocalStackContainer(image)
                .withEnv("LOCALSTACK_AUTH_TOKEN", authToken)
                .withServices("ecs", "ecr", "servicediscovery");
        container.start();
        return new Running() {
            @Override
            public URI endpoint() {
                return container.getEndpoint();
            }

            @Override
            public String region() {
                return container.getRegion();
            }

            @Override
            public String accessKeyId() {
                return container.getAccessKey();
            }

            @Override
            public String secretAccessKey() {
                return container.getSecretKey();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
