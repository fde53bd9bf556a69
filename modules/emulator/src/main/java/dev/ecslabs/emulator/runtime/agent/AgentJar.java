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
 * the ASM inside ByteBuddy, copied from the emulator's own class path (a jar or, in a build, a directory), so
 * the app's class path gets nothing of the emulator's.
 */
public final class AgentJar {
    /** Where ByteBuddy keeps its copy of ASM: all the agent needs of it. */
    private static final String ASM = "net/bytebuddy/jar/asm/";
    /** The agent's classes, nested ones included. */
    private static final List<String> AGENT_CLASSES = List.of(TaskNetworkAgent.class.getName(), TaskAddresses.class.getName(),
            SocketCallRewriter.class.getName(), SocketCallRewriter.class.getName() + "$1",
            SocketCallRewriter.class.getName() + "$HookCall");

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
            for (String type : AGENT_CLASSES) {
                String name = type.replace('.', '/') + ".class";
                try (InputStream in = AgentJar.class.getClassLoader().getResourceAsStream(name)) {
                    copy(out, name, in);
                }
            }
            copyAsm(out);
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static void copyAsm(JarOutputStream out) throws IOException {
        Path source;
        try {
            source = Path.of(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("ByteBuddy's classes can't be found", e);
        }
        if (Files.isDirectory(source)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(source.resolve(ASM))) {
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
                // The ASM that ByteBuddy carries (with its multi-release versions) and the licence notices.
                String name = entry.getName();
                boolean wanted = name.startsWith(ASM) || name.startsWith("META-INF/versions/") && name.contains("/" + ASM)
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
