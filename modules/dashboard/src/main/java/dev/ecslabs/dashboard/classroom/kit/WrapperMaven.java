package dev.ecslabs.dashboard.classroom.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The Maven that the course's {@code ./mvnw} runs: its distribution URL (from
 * {@code .mvn/wrapper/maven-wrapper.properties}) and where the wrapper unpacked it on this machine,
 * {@code ~/.m2/wrapper/dists/apache-maven-<version>/<hash>/}.
 */
record WrapperMaven(String distributionUrl, String name) {

    static WrapperMaven of(Path courseRoot) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(courseRoot.resolve(".mvn/wrapper/maven-wrapper.properties"))) {
            properties.load(in);
        }
        String url = properties.getProperty("distributionUrl");
        if (url == null || !url.endsWith("-bin.zip")) {
            throw new IOException("The course's .mvn/wrapper/maven-wrapper.properties names no Maven distribution (-bin.zip).");
        }
        String file = url.substring(url.lastIndexOf('/') + 1);
        return new WrapperMaven(url.trim(), file.substring(0, file.length() - "-bin.zip".length()));
    }

    /** Where the wrapper keeps its Maven distributions: {@code $MAVEN_USER_HOME/wrapper/dists}, else {@code ~/.m2/wrapper/dists}. */
    static Path dists() {
        String mavenUserHome = System.getenv("MAVEN_USER_HOME");
        Path m2 = mavenUserHome != null && !mavenUserHome.isBlank() ? Path.of(mavenUserHome)
                : Path.of(System.getProperty("user.home"), ".m2");
        return m2.resolve("wrapper").resolve("dists");
    }

    /** The unpacked distribution on this machine, under whichever hash the wrapper used here. */
    Optional<Path> installed() throws IOException {
        Path versions = dists().resolve(name);
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> hashes = Files.list(versions)) {
            return hashes.filter(dir -> Files.isRegularFile(dir.resolve("bin/mvn"))).findFirst();
        }
    }
}
