// ECS Labs offline kit: installs the kit's Maven repository and the Maven that ./mvnw uses into your
// ~/.m2, so that the course builds and runs with no network. Nothing already there is overwritten.
//
// Run it in the kit's folder, with the JDK (17 or newer) you use for the course:
//
//     java Install.java
//
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;

public class Install {
    private static long copied;
    private static long kept;

    public static void main(String[] args) throws Exception {
        Path kit = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(kit.resolve("m2/repository")) || !Files.isRegularFile(kit.resolve("maven/distribution-url.txt"))) {
            System.err.println("Run this in the offline kit's folder (the one with m2/ and maven/ in it): cd into it, then java Install.java");
            System.exit(1);
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        String mavenUserHome = System.getenv("MAVEN_USER_HOME");
        Path wrapperHome = mavenUserHome != null && !mavenUserHome.isBlank() ? Path.of(mavenUserHome) : m2;

        copy(kit.resolve("m2/repository"), m2.resolve("repository"));
        long libraries = copied;

        // ./mvnw (sh) and mvnw.cmd (Windows) each look for Maven under a hash of its download URL, each their own hash
        String url = Files.readString(kit.resolve("maven/distribution-url.txt"), StandardCharsets.UTF_8).trim();
        String file = url.substring(url.lastIndexOf('/') + 1);
        String name = file.substring(0, file.length() - "-bin.zip".length());
        Path maven = kit.resolve("maven").resolve(name);
        for (String hash : new String[] {shellHash(url), sha256(url)}) {
            Path target = wrapperHome.resolve("wrapper/dists").resolve(name).resolve(hash);
            if (!Files.isRegularFile(target.resolve("bin/mvn"))) {
                copy(maven, target);
            }
            runnable(target.resolve("bin/mvn"));
            Files.writeString(target.resolve("mvnw.url"), url + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        // a copy from a USB stick (FAT) loses the execute bits
        runnable(kit.resolve("ecs-labs/mvnw"));
        runnable(kit.resolve("ecs-labs/lab"));

        System.out.println("Installed " + libraries + " library files into " + m2.resolve("repository") + " (" + kept
                + " were there already) and " + name + " for ./mvnw into " + wrapperHome.resolve("wrapper/dists") + ".");
        System.out.println("Next: cd " + kit.resolve("ecs-labs") + " and run ./lab start (lab.cmd start on Windows).");
        System.out.println("No network is needed from now on. Should Maven still try to reach one, add -o: ./mvnw -o verify.");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path source, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.exists(target)) {
                    kept++;
                } else {
                    // copied next to it and then renamed: an interrupted install leaves no half file behind
                    Path part = target.resolveSibling(target.getFileName() + ".part");
                    Files.copy(source, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target);
                    copied++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void runnable(Path file) {
        if (Files.isRegularFile(file) && !file.toFile().canExecute()) {
            file.toFile().setExecutable(true, false);
        }
    }

    /** The hash ./mvnw uses: Java's String.hashCode of the URL, as unsigned hex. */
    private static String shellHash(String url) {
        return Integer.toHexString(url.hashCode());
    }

    /** The hash mvnw.cmd uses: the SHA-256 of the URL, in hex. */
    private static String sha256(String url) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.US_ASCII)));
    }
}
