package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.resources.BackendConnection;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.LabSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The backend {@code ./lab start} serves the course on: the course's emulator (the default), a
 * LocalStack container, or any AWS-compatible endpoint; and how to stop it.
 */
final class CourseBackend implements AutoCloseable {
    private final BackendConnection connection;
    private final AutoCloseable running;
    private final String note;

    private CourseBackend(BackendConnection connection, AutoCloseable running, String note) {
        this.connection = connection;
        this.running = running;
        this.note = note;
    }

    /** The course's emulator on {@code host:port}, keeping the learner's resources in {@code dataDirectory}. */
    static CourseBackend emulator(String host, int port, Path dataDirectory) {
        Emulator emulator = Emulator.builder().host(host).port(port).dataDirectory(dataDirectory).start();
        String saved = emulator.persistence().map(p -> p.report()).orElse("");
        return new CourseBackend(BackendConnection.learnerAccount("the course's emulator", reachable(emulator.url())), emulator, saved);
    }

    /**
     * A URL this machine can call: a server listening on every address ({@code --host 0.0.0.0})
     * is called on 127.0.0.1, since 0.0.0.0 is no address to call on every system.
     */
    static URI reachable(URI url) {
        String host = url.getHost();
        boolean wildcard = "0.0.0.0".equals(host) || "[::]".equals(host) || "[0:0:0:0:0:0:0:0]".equals(host);
        return wildcard ? URI.create(url.getScheme() + "://127.0.0.1:" + url.getPort()) : url;
    }

    /** An AWS-compatible endpoint that runs elsewhere: nothing to start or stop. */
    static CourseBackend endpoint(String endpoint) {
        URI uri = URI.create(endpoint);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be a URL such as http://localhost:4566, not '" + endpoint + "'.");
        }
        return new CourseBackend(BackendConnection.learnerAccount("the endpoint", uri), () -> { }, "");
    }

    /** LocalStack in Docker, through Testcontainers: ECS, ECR and Cloud Map need its licensed image and a token. */
    static CourseBackend localstack() {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("--backend localstack needs LOCALSTACK_AUTH_TOKEN: LocalStack serves ECS, ECR and "
                    + "Cloud Map only with a licence token. Set it, or start without --backend to use the course's emulator.");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("--backend localstack needs Docker, and no Docker engine answers here. "
                    + "Start Docker, or start without --backend to use the course's emulator.");
        }
        LocalStackContainer container = new LocalStackContainer(LabSettings.localstackImage())
                .withEnv("LOCALSTACK_AUTH_TOKEN", token)
                .withServices("ecs", "ecr", "servicediscovery");
        container.start();
        return new CourseBackend(BackendConnection.learnerAccount("LocalStack", container.getEndpoint()), container::stop,
                "LocalStack keeps nothing when it stops.");
    }

    BackendConnection connection() {
        return connection;
    }

    /** What happened to the learner's saved resources, for the start-up message; empty when there is nothing to say. */
    Optional<String> note() {
        return note.isBlank() ? Optional.empty() : Optional.of(note);
    }

    @Override
    public void close() throws Exception {
        running.close();
    }
}
