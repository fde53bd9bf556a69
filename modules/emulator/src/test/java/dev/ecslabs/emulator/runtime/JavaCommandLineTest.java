package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's java command as a local process runs it: this JDK's java, the image's paths inside the unpacked image. */
class JavaCommandLineTest {
    static final Path JAVA = Path.of("/jdk/bin/java");

    @Test
    @DisplayName("Jib's 'java -cp @/app/jib-classpath-file Main': the argument file is rewritten with the image's paths")
    void jibArgumentFile(@TempDir Path work) throws IOException {
        Path image = Files.createDirectories(work.resolve("image"));
        Files.createDirectories(image.resolve("app"));
        Files.writeString(image.resolve("app/jib-classpath-file"), "/app/resources:/app/classes:/app/libs/*");
        List<String> argv = List.of("java", "-Xss1m", "-cp", "@/app/jib-classpath-file", "com.example.Main", "/app/arg");

        List<String> command = JavaCommandLine.of(argv, JAVA, List.of("-XX:ActiveProcessorCount=1"), image, work.resolve("scratch"));

        Path rewritten = work.resolve("scratch/jib-classpath-file");
        assertThat(command).containsExactly(JAVA.toString(), "-XX:ActiveProcessorCount=1", "-Xss1m", "-cp", "@" + rewritten,
                "com.example.Main", "/app/arg");
        assertThat(Files.readString(rewritten).trim()).isEqualTo(String.join(File.pathSeparator,
                image.resolve("app/resources").toString(), image.resolve("app/classes").toString(), image.resolve("app/libs/*").toString()));
        assertThat(JavaCommandLine.mainFile(argv)).contains("/app/jib-classpath-file");
    }

    @Test
    @DisplayName("'java -jar /app/app.jar --port 8080': the jar is the image's, the app's own arguments stay as given")
    void jarForm(@TempDir Path image) throws IOException {
        List<String> argv = List.of("/usr/bin/java", "-jar", "/app/app.jar", "-cp", "/not/a/path/option");

        List<String> command = JavaCommandLine.of(argv, JAVA, List.of(), image, image.resolve("scratch"));

        assertThat(command).containsExactly(JAVA.toString(), "-jar", image.resolve("app/app.jar").toString(), "-cp",
                "/not/a/path/option");
        assertThat(JavaCommandLine.runsJava(argv)).isTrue();
        assertThat(JavaCommandLine.mainFile(argv)).contains("/app/app.jar");
    }

    @Test
    @DisplayName("Only a java program is a JVM: nginx, sh -c \"java …\" and an empty command are not")
    void onlyJava() {
        assertThat(JavaCommandLine.runsJava(List.of("nginx", "-g", "daemon off;"))).isFalse();
        assertThat(JavaCommandLine.runsJava(List.of("sh", "-c", "java -jar /app.jar"))).isFalse();
        assertThat(JavaCommandLine.runsJava(List.of())).isFalse();
    }
}
