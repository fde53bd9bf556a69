package dev.ecslabs.emulator.runtime.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;

/**
 * Writes the {@link TaskNetworkAgent}'s jar for {@code -javaagent:}: the agent's classes and
 * ByteBuddy's, copied from the emulator's own class path (a jar or, in a build, a directory), so
 * the app's class path gets nothing of the emulator's.
 */
public final class AgentJar {
    private static final List<Class<?>> AGENT_CLASSES = List.of(TaskNetworkAgent.class, TaskAddresses.class,
            BindAdvice.class, ConnectAdvice.class);

    private AgentJar() {
    }

    /** Writes the agent jar into {@code directory} and answers its path. */
    public static Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path jar = directory.resolve("task-network-agent.jar");
        Path partial = Files.createTempFile(directory, "task-network-agent", ".partial");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", TaskNetworkAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        manifest.getMainAttributes().putValue("Multi-Release", "true");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
            for (Class<?> type : AGENT_CLASSES) {
                String name = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                    copy(out, name, in);
                }
            }
            copyByteBuddy(out);
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static void copyByteBuddy(JarOutputStream out) throws IOException {
        Path source;
        try {
            source = Path.of(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("ByteBuddy's classes can't be found", e);
        }
        if (Files.isDirectory(source)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(source.resolve("net/bytebuddy"))) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    copy(out, source.relativize(file).toString().replace('\\', '/'), in);
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                // ByteBuddy's classes (with their multi-release versions) and its licence notices.
                String name = entry.getName();
                boolean wanted = name.startsWith("net/bytebuddy/") || name.startsWith("META-INF/versions/") && name.contains("/net/bytebuddy/")
                        || name.startsWith("META-INF/licenses/") || name.equals("META-INF/LICENSE") || name.equals("META-INF/NOTICE");
                if (!entry.isDirectory() && wanted) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        copy(out, entry.getName(), in);
                    }
                }
            }
        }
    }

    private static void copy(JarOutputStream out, String name, InputStream in) throws IOException {
        if (in == null) {
            throw new IOException(name + " is missing from the emulator's class path");
        }
        out.putNextEntry(new JarEntry(name));
        in.transferTo(out);
        out.closeEntry();
    }

}
