package dev.ecslabs.labkit;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The course's own web app (modules/course-app: {@code /} names the task that answered, {@code /health},
 * {@code BACKEND_URL} makes it a web tier calling its backend by name) as an image in the
 * backend's ECR, in one call a lab test makes: {@code String image = CourseAppImage.push(ecr);}
 * answers {@code <repositoryUri>@sha256:…} for a task definition's {@code image}. Built with Jib
 * as Jib's Maven plugin lays out an app ({@code java -cp @/app/jib-classpath-file …}, port 8080),
 * without Docker. The tag is the app jar's own hash ({@code app-<12 hex>}): when the repository
 * holds it already, nothing is built and the call is one DescribeImages.
 */
public final class CourseAppImage {
    /** The repository the labs keep the app in. */
    public static final String REPOSITORY = "course-app";
    public static final int PORT = 8080;
    static final String MAIN_CLASS = "dev.ecslabs.courseapp.CourseApp";
    static final String JAR_RESOURCE = "/dev/ecslabs/courseapp/course-app.jar";
    /** On AWS the image needs a Java runtime of its own; the emulator runs the app with its own JDK. */
    static final String JRE_BASE_IMAGE = "public.ecr.aws/docker/library/eclipse-temurin:17-jre";

    private CourseAppImage() {
    }

    /** Pushes the app to the repository {@value #REPOSITORY} (created if missing); answers {@code <uri>@<digest>}. */
    public static String push(EcrClient ecr) {
        return push(ecr, REPOSITORY);
    }

    /** Pushes the app to {@code repositoryName} (created if missing) unless it is there already; answers {@code <uri>@<digest>}. */
    public static String push(EcrClient ecr, String repositoryName) {
        Path work = null;
        try {
            work = Files.createTempDirectory("course-app-image");
            Path jar = work.resolve("app").resolve("libs").resolve("course-app.jar");
            Files.createDirectories(jar.getParent());
            String tag = "app-" + copyJar(jar).substring(0, 12);
            Repository repository = repository(ecr, repositoryName);
            Optional<String> pushed = digestOf(ecr, repositoryName, tag);
            if (pushed.isPresent()) {
                return repository.repositoryUri() + "@" + pushed.get();
            }
            return repository.repositoryUri() + "@" + build(ecr, repository.repositoryUri() + ":" + tag, work);
        } catch (IOException e) {
            throw new UncheckedIOException("The course app's image could not be written: " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static String build(EcrClient ecr, String reference, Path work) throws IOException {
        Path app = work.resolve("app");
        Files.writeString(app.resolve("jib-classpath-file"), "/app/libs/course-app.jar");
        Files.writeString(app.resolve("jib-main-class-file"), MAIN_CLASS);
        AuthorizationData login = ecr.getAuthorizationToken().authorizationData().get(0);
        String[] credentials = new String(Base64.getDecoder().decode(login.authorizationToken()), StandardCharsets.UTF_8)
                .split(":", 2);
        boolean onAws = reference.contains(".amazonaws.com");
        if (!onAws) {
            // The course's registry speaks plain HTTP on this machine; Jib sends credentials there only when told to.
            System.setProperty("sendCredentialsOverHttp", "true");
        }
        try {
            JibContainerBuilder builder = onAws ? Jib.from(JRE_BASE_IMAGE) : Jib.fromScratch();
            JibContainer container = builder
                    .addLayer(List.of(app.resolve("libs"), app.resolve("jib-classpath-file"), app.resolve("jib-main-class-file")),
                            AbsoluteUnixPath.get("/app"))
                    .setEntrypoint("java", "-cp", "@/app/jib-classpath-file", MAIN_CLASS)
                    .setExposedPorts(Set.of(Port.tcp(PORT)))
                    .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                    .containerize(Containerizer.to(RegistryImage.named(reference).addCredential(credentials[0], credentials[1]))
                            .setAllowInsecureRegistries(!onAws)
                            .setBaseImageLayersCache(work.resolve("base-cache"))
                            .setApplicationLayersCache(work.resolve("app-cache")));
            return container.getDigest().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pushing the course app to " + reference, e);
        } catch (Exception e) {
            throw new IllegalStateException("Jib could not push the course app to " + reference + ": " + e.getMessage(), e);
        }
    }

    private static Repository repository(EcrClient ecr, String name) {
        try {
            return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
        } catch (RepositoryNotFoundException missing) {
            return ecr.createRepository(r -> r.repositoryName(name)).repository();
        }
    }

    private static Optional<String> digestOf(EcrClient ecr, String repositoryName, String tag) {
        try {
            return ecr.describeImages(r -> r.repositoryName(repositoryName).imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                    .imageDetails().stream().findFirst().map(detail -> detail.imageDigest());
        } catch (ImageNotFoundException missing) {
            return Optional.empty();
        }
    }

    /** Copies the app's runnable jar out of labkit's class path; answers its sha256 in hex. */
    private static String copyJar(Path target) throws IOException {
        try (InputStream resource = CourseAppImage.class.getResourceAsStream(JAR_RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException("The course app's jar " + JAR_RESOURCE + " is not on the class path: build it "
                        + "with ./mvnw install -pl modules/course-app (labkit depends on ecs-labs-course-app, classifier image).");
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(resource, sha256)) {
                Files.copy(in, target);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK has no SHA-256", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException leftBehind) {
            // a temporary directory left behind is harmless; the push itself succeeded or failed on its own
        }
    }
}
