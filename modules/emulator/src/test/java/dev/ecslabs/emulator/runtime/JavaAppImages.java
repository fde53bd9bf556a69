package dev.ecslabs.emulator.runtime;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.ecslabs.emulator.runtime.apps.GrpcHelloApp;
import dev.ecslabs.emulator.runtime.apps.HelloApp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Builds the tests' {@link HelloApp} image (or another app of {@code runtime.apps} with the jars it
 * needs) and pushes it to the emulator's ECR with Jib, laid out as Jib's Maven and Gradle plugins
 * lay out an app: classes under {@code /app/classes}, jars under {@code /app/libs}, the class
 * path in {@code /app/jib-classpath-file}, entrypoint {@code java -cp @/app/jib-classpath-file <main>}.
 */
public final class JavaAppImages {
    public static final String MAIN_CLASS = HelloApp.class.getName();
    /** Where the compressed layers of apps' jars stay between test runs (the module's target directory). */
    private static final Path SHARED_LAYERS_CACHE = Path.of("target", "jib-app-layers-cache").toAbsolutePath();

    private JavaAppImages() {
    }

    /** Pushes the app to {@code repositoryUri:tag}; answers the image's digest. */
    public static String push(EcrClient ecr, String repositoryUri, String tag, Path work) throws Exception {
        return push(ecr, repositoryUri, tag, work, HelloApp.class, List.of());
    }

    /** Pushes the tests' gRPC app ({@link GrpcHelloApp}) with the jars of grpc-java on Netty; answers the image's digest. */
    public static String pushGrpc(EcrClient ecr, String repositoryUri, String tag, Path work) throws Exception {
        return push(ecr, repositoryUri, tag, work, GrpcHelloApp.class, grpcJars());
    }

    /** The jars a gRPC server on Netty runs with, from the test's own class path (those of the classes it loads). */
    private static List<Path> grpcJars() throws Exception {
        Set<Path> jars = new LinkedHashSet<>();
        for (String name : List.of("io.grpc.Server", "io.grpc.Context", "io.grpc.internal.ServerImpl", "io.grpc.util.MutableHandlerRegistry",
                "io.grpc.stub.ServerCalls", "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder", "com.google.common.base.Preconditions",
                "com.google.common.util.concurrent.internal.InternalFutureFailureAccess", "io.perfmark.PerfMark", "com.google.gson.Gson")) {
            jars.add(Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return new ArrayList<>(jars);
    }

    /**
     * Pushes {@code main} (with its nested classes) and the {@code jars} it runs with (in a layer of
     * their own, below the classes, as Jib's dependencies layer) to {@code repositoryUri:tag}; answers the digest.
     */
    public static String push(EcrClient ecr, String repositoryUri, String tag, Path work, Class<?> main, List<Path> jars)
            throws Exception {
        System.setProperty("sendCredentialsOverHttp", "true");
        String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String[] credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
        Path app = Files.createDirectories(work.resolve("app"));
        String classFile = main.getName().replace('.', '/') + ".class";
        Path compiled = app.resolve("classes").resolve(classFile);
        Files.createDirectories(compiled.getParent());
        Path classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var siblings = Files.list(classes.resolve(classFile).getParent())) {
            for (Path sibling : siblings.filter(file -> file.getFileName().toString().startsWith(main.getSimpleName() + "$")).toList()) {
                Files.copy(sibling, compiled.resolveSibling(sibling.getFileName()));
            }
        }
        try (InputStream in = main.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, compiled);
        }
        Files.writeString(app.resolve("jib-classpath-file"), "/app/resources:/app/classes:/app/libs/*");
        Files.writeString(app.resolve("jib-main-class-file"), main.getName());
        JibContainerBuilder image = Jib.fromScratch();
        if (!jars.isEmpty()) {
            // The jars from where they are (the local Maven repository), not copies: Jib knows a layer by its files' paths
            // and times, so the next run finds this one compressed in the cache below instead of compressing megabytes again.
            FileEntriesLayer.Builder dependencies = FileEntriesLayer.builder().setName("dependencies");
            jars.forEach(jar -> dependencies.addEntry(jar, AbsoluteUnixPath.get("/app/libs/" + jar.getFileName())));
            image.addFileEntriesLayer(dependencies.build());
        }
        JibContainer container = image
                .addLayer(List.of(app.resolve("classes"), app.resolve("jib-classpath-file"), app.resolve("jib-main-class-file")),
                        AbsoluteUnixPath.get("/app"))
                .setEntrypoint("java", "-cp", "@/app/jib-classpath-file", main.getName())
                .setExposedPorts(Set.of(Port.tcp(8080)))
                .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                .containerize(Containerizer.to(RegistryImage.named(repositoryUri + ":" + tag)
                                .addCredential(credentials[0], credentials[1]))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(work.resolve("base-cache"))
                        .setApplicationLayersCache(jars.isEmpty() ? work.resolve("app-cache") : SHARED_LAYERS_CACHE));
        return container.getDigest().toString();
    }
}
