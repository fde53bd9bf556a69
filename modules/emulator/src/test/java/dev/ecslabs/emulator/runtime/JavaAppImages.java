package dev.ecslabs.emulator.runtime;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.ecslabs.emulator.runtime.apps.HelloApp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Builds the tests' {@link HelloApp} image and pushes it to the emulator's ECR with Jib, laid out as
 * Jib's Maven and Gradle plugins lay out an app: classes under {@code /app/classes}, the class
 * path in {@code /app/jib-classpath-file}, entrypoint {@code java -cp @/app/jib-classpath-file <main>}.
 */
public final class JavaAppImages {
    public static final String MAIN_CLASS = HelloApp.class.getName();

    private JavaAppImages() {
    }

    /** Pushes the app to {@code repositoryUri:tag}; answers the image's digest. */
    public static String push(EcrClient ecr, String repositoryUri, String tag, Path work) throws Exception {
        System.setProperty("sendCredentialsOverHttp", "true");
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String[] credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
        Path app = Files.createDirectories(work.resolve("app"));
        String classFile = MAIN_CLASS.replace('.', '/') + ".class";
        Path compiled = app.resolve("classes").resolve(classFile);
        Files.createDirectories(compiled.getParent());
        try (InputStream in = HelloApp.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, compiled);
        }
        Files.writeString(app.resolve("jib-classpath-file"), "/app/resources:/app/classes:/app/libs/*");
        Files.writeString(app.resolve("jib-main-class-file"), MAIN_CLASS);
        JibContainer container = Jib.fromScratch()
                .addLayer(List.of(app.resolve("classes"), app.resolve("jib-classpath-file"), app.resolve("jib-main-class-file")),
                        AbsoluteUnixPath.get("/app"))
                .setEntrypoint("java", "-cp", "@/app/jib-classpath-file", MAIN_CLASS)
                .setExposedPorts(Set.of(Port.tcp(8080)))
                .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                .containerize(Containerizer.to(RegistryImage.named(repositoryUri + ":" + tag)
                                .addCredential(credentials[0], credentials[1]))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(work.resolve("base-cache"))
                        .setApplicationLayersCache(work.resolve("app-cache")));
        return container.getDigest().toString();
    }
}
