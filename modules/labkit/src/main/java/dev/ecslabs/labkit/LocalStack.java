package dev.ecslabs.labkit;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * LocalStack in Docker, the one backend that needs a container engine. It lives in the optional
 * module {@value #DEPENDENCY}, which {@link #find()} finds through {@link ServiceLoader}: a lab
 * that never chooses LocalStack carries no Docker client on its class path.
 */
public interface LocalStack {
    /** The dependency that brings LocalStack, as a lab's pom.xml names it. */
    String DEPENDENCY = "dev.ecslabs:ecs-labs-labkit-localstack";

    /** Why LocalStack cannot run here (no Docker engine answers), if it can't. */
    Optional<String> unavailable();

    /** Starts a container of {@code image}, with {@code authToken}, serving ECS, ECR and Cloud Map. */
    Running start(String image, String authToken);

    /** A started LocalStack: where it answers, with which credentials; {@link #close()} stops it. */
    interface Running extends AutoCloseable {
        URI endpoint();

        String region();

        String accessKeyId();

        String secretAccessKey();

        @Override
        void close();
    }

    /** The LocalStack backend, when {@value #DEPENDENCY} is on the class path. */
    static Optional<LocalStack> find() {
        Optional<LocalStack> found = ServiceLoader.load(LocalStack.class).findFirst();
        return found.isPresent() ? found
                : ServiceLoader.load(LocalStack.class, LocalStack.class.getClassLoader()).findFirst();
    }

    /** What to do when {@link #find()} finds nothing: the sentence names the dependency to add. */
    static String missing(String choice) {
        return choice + ", but LocalStack's backend is not on the class path: it is an optional part of labkit. Add "
                + "<dependency><groupId>dev.ecslabs</groupId><artifactId>ecs-labs-labkit-localstack</artifactId>"
                + "<scope>test</scope></dependency> to the lab's pom.xml (it brings Testcontainers and its Docker "
                + "client), or use the embedded backend.";
    }
}
