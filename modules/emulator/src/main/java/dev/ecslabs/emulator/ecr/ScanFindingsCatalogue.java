package dev.ecslabs.emulator.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;

/**
 * The emulator's vulnerability database: a small, fixed catalogue of well-known CVEs in Java
 * libraries, matched against the jar files an image's layers contain ({@code <artifact>-<version>.jar}
 * anywhere in the file system). It makes no network lookups, so a scan's findings depend only on
 * the image: an image with {@code log4j-core-2.14.1.jar} shows Log4Shell as CRITICAL, an image
 * without any catalogued jar scans clean. modules/emulator/README.md lists the catalogue.
 */
final class ScanFindingsCatalogue {
    /** One catalogued vulnerability: the artifact, the versions it affects ([from, fixedIn)), and what ECR shows. */
    record Entry(String artifact, String from, String fixedIn, String cve, FindingSeverity severity, String score,
                 String description) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("log4j-core", "2.0", "2.15.0", "CVE-2021-44228", FindingSeverity.CRITICAL, "10.0",
                    "Apache Log4j2 JNDI lookups in logged messages let an attacker run code loaded from a server "
                            + "they control (Log4Shell). Upgrade log4j-core to 2.17.1 or later."),
            new Entry("log4j-core", "2.0", "2.16.0", "CVE-2021-45046", FindingSeverity.CRITICAL, "9.0",
                    "The fix for CVE-2021-44228 in Apache Log4j 2.15.0 was incomplete in some non-default "
                            + "configurations. Upgrade log4j-core to 2.17.1 or later."),
            new Entry("log4j-core", "2.0", "2.17.0", "CVE-2021-45105", FindingSeverity.MEDIUM, "5.9",
                    "Apache Log4j2 does not protect against uncontrolled recursion from self-referential lookups "
                            + "(denial of service). Upgrade log4j-core to 2.17.1 or later."),
            new Entry("log4j-core", "2.0", "2.17.1", "CVE-2021-44832", FindingSeverity.MEDIUM, "6.6",
                    "Apache Log4j2 is open to remote code execution by an attacker who can change the logging "
                            + "configuration to use a JDBC appender. Upgrade log4j-core to 2.17.1 or later."),
            new Entry("spring-beans", "5.3.0", "5.3.18", "CVE-2022-22965", FindingSeverity.CRITICAL, "9.8",
                    "Spring MVC and WebFlux applications on JDK 9+ are open to remote code execution through data "
                            + "binding (Spring4Shell). Upgrade Spring Framework to 5.3.18 or later."),
            new Entry("commons-text", "1.5", "1.10.0", "CVE-2022-42889", FindingSeverity.CRITICAL, "9.8",
                    "Apache Commons Text variable interpolation can run code or reach remote servers when given "
                            + "untrusted input (Text4Shell). Upgrade commons-text to 1.10.0 or later."),
            new Entry("snakeyaml", "1.0", "2.0", "CVE-2022-1471", FindingSeverity.HIGH, "8.3",
                    "SnakeYAML's Constructor can create arbitrary types from untrusted YAML, which can lead to "
                            + "remote code execution. Upgrade snakeyaml to 2.0 or later and use SafeConstructor."),
            new Entry("jackson-databind", "2.0", "2.12.7.1", "CVE-2022-42003", FindingSeverity.HIGH, "7.5",
                    "jackson-databind can exhaust resources through deeply nested wrapper arrays when "
                            + "UNWRAP_SINGLE_VALUE_ARRAYS is on. Upgrade jackson-databind to 2.12.7.1, 2.13.4.2 or later."),
            new Entry("jackson-databind", "2.13.0", "2.13.4.2", "CVE-2022-42003", FindingSeverity.HIGH, "7.5",
                    "jackson-databind can exhaust resources through deeply nested wrapper arrays when "
                            + "UNWRAP_SINGLE_VALUE_ARRAYS is on. Upgrade jackson-databind to 2.13.4.2 or later."),
            new Entry("guava", "1.0", "30.0", "CVE-2020-8908", FindingSeverity.LOW, "3.3",
                    "Guava's Files.createTempDir() creates directories other local users can read. "
                            + "Upgrade guava to 32.0.0 or later, or use java.nio.file.Files.createTempDirectory."));

    private static final Pattern JAR = Pattern.compile("(.*/)?([A-Za-z][A-Za-z0-9_.-]*?)-(\\d[A-Za-z0-9_.-]*)\\.jar");

    private ScanFindingsCatalogue() {
    }

    /** The findings for an image whose layers hold these file paths, one per vulnerable jar and CVE. */
    static List<ImageScanFinding> findings(List<String> paths) {
        List<ImageScanFinding> findings = new ArrayList<>();
        for (String path : paths) {
            Matcher jar = JAR.matcher(path);
            if (!jar.matches()) {
                continue;
            }
            String artifact = jar.group(2);
            String version = jar.group(3);
            for (Entry entry : ENTRIES) {
                if (entry.artifact().equals(artifact) && compare(version, entry.from()) >= 0
                        && compare(version, entry.fixedIn()) < 0
                        && findings.stream().noneMatch(f -> f.name().equals(entry.cve()) && hasPackage(f, path))) {
                    findings.add(ImageScanFinding.builder()
                            .name(entry.cve())
                            .description(entry.description())
                            .uri("https://nvd.nist.gov/vuln/detail/" + entry.cve())
                            .severity(entry.severity())
                            .attributes(
                                    Attribute.builder().key("package_name").value(artifact).build(),
                                    Attribute.builder().key("package_version").value(version).build(),
                                    Attribute.builder().key("package_path").value(path).build(),
                                    Attribute.builder().key("CVSS3_SCORE").value(entry.score()).build())
                            .build());
                }
            }
        }
        return findings;
    }

    private static boolean hasPackage(ImageScanFinding finding, String path) {
        return finding.attributes().stream().anyMatch(a -> a.key().equals("package_path") && a.value().equals(path));
    }

    /** Compares versions by their leading numeric parts: 2.14.1 < 2.15.0, 29.0-jre < 30.0. */
    static int compare(String left, String right) {
        long[] a = numbers(left);
        long[] b = numbers(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private static long[] numbers(String version) {
        List<Long> parts = new ArrayList<>();
        for (String part : version.split("[.-]")) {
            if (!part.matches("\\d{1,18}")) {
                break;
            }
            parts.add(Long.parseLong(part));
        }
        return parts.stream().mapToLong(Long::longValue).toArray();
    }
}
