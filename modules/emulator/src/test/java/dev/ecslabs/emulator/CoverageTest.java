package dev.ecslabs.emulator;

import dev.ecslabs.emulator.ec2.DefaultNetworkActions;
import dev.ecslabs.emulator.protocol.query.Ec2QueryEndpoint;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.Operation;
import dev.ecslabs.emulator.protocol.ServiceModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code COVERAGE.md}: every action of every vendored model, served or not, generated from the
 * emulator's operation table against the models, for every {@link AwsService} there is. The
 * committed file must be what the code serves; {@code -Dcoverage.write=true} rewrites it.
 */
@EmulatorTest
class CoverageTest {
    static final Path FILE = Path.of("COVERAGE.md");
    static final String REGENERATE = "./mvnw -o -pl modules/emulator test -Dtest=CoverageTest -Dcoverage.write=true";
    static final String SOURCES = "dev.ecslabs.emulator.";

    static Emulator emulator;

    @Test
    @DisplayName("COVERAGE.md lists every action of every model the emulator serves, as the operation table serves them")
    void coverageFileIsCurrent() throws IOException {
        String generated = coverage();
        if (Boolean.getBoolean("coverage.write")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";

        if (!committed.equals(generated)) {
            fail("modules/emulator/COVERAGE.md is stale (an action was added or removed, or a model changed): "
                    + firstDifference(committed, generated) + ". Regenerate it with%n  %s%nand commit it.", REGENERATE);
        }
    }

    private static String firstDifference(String committed, String generated) {
        List<String> was = committed.lines().toList();
        List<String> is = generated.lines().toList();
        int line = 0;
        while (line < was.size() && line < is.size() && was.get(line).equals(is.get(line))) {
            line++;
        }
        return "line " + (line + 1) + " is \"" + (line < was.size() ? was.get(line) : "(end of file)")
                + "\", the code says \"" + (line < is.size() ? is.get(line) : "(end of file)") + "\"";
    }

    private static String coverage() {
        StringBuilder totals = new StringBuilder();
        StringBuilder sections = new StringBuilder();
        int servedAll = 0;
        int modelAll = 0;
        for (AwsService service : AwsService.values()) {
            ServiceModel model = ServiceModel.of(service);
            Map<String, Operation<?, ?>> served = emulator.operations().of(service).stream()
                    .collect(Collectors.toMap(Operation::action, Function.identity()));
            JsonNode metadata = metadata(service);
            String title = metadata.path("serviceFullName").asText(service.name());
            int total = model.operationNames().size();
            servedAll += served.size();
            modelAll += total;
            totals.append("| [").append(title).append("](#").append(service.name().toLowerCase().replace('_', '-'))
                    .append(") | `").append(service.name()).append("` | ").append(metadata.path("apiVersion").asText())
                    .append(" | ").append(served.size()).append(" / ").append(total).append(" |\n");
            sections.append("\n## ").append(service.name().toLowerCase().replace('_', '-')).append("\n\n")
                    .append(title).append(" (`").append(service.targetPrefix()).append("`): ").append(served.size())
                    .append(" of ").append(total).append(" actions served.\n\n")
                    .append("| action | served | note |\n|---|---|---|\n");
            for (String action : model.operationNames()) {
                Operation<?, ?> operation = served.get(action);
                sections.append("| ").append(action).append(" | ").append(operation == null ? "no" : "yes").append(" | ")
                        .append(operation == null
                                ? "answers `" + model.notServedError(action) + "`: not served by this emulator"
                                        + emulator.operations().whyNotServed(service, action).map(why -> ": " + why).orElse("")
                                : "`" + source(operation.registeredBy()) + "`"
                                        + emulator.operations().limitsOf(service, action).map(limits -> ": " + limits).orElse(""))
                        .append(" |\n");
            }
        }
        // EC2's model is not vendored (half a megabyte for the three actions served): its served actions are listed alone
        totals.append("| [Amazon Elastic Compute Cloud](#ec2) | (EC2's own Query dialect) | ").append(Ec2QueryEndpoint.VERSION)
                .append(" | ").append(emulator.ec2Actions().size()).append(" / model not vendored |\n");
        sections.append("\n## ec2\n\nAmazon Elastic Compute Cloud (`").append(Ec2QueryEndpoint.SIGNING_NAME)
                .append("`, EC2's own dialect of AWS Query, `protocol/query/Ec2QueryEndpoint`): the default VPC's network only. ")
                .append("Its model is not vendored, so only the served actions are listed; any other EC2 action answers ")
                .append("`InvalidAction`.\n\n| action | served | note |\n|---|---|---|\n");
        for (String action : emulator.ec2Actions()) {
            sections.append("| ").append(action).append(" | yes | `").append(source(DefaultNetworkActions.class)).append("` |\n");
        }
        return "# What the emulator serves\n\n"
                + "Generated by `CoverageTest` from the emulator's operation table and the AWS models it vendors\n"
                + "(`src/main/resources/aws-models/`); do not edit it by hand. After adding an action\n"
                + "([docs/adding-aws-actions.md](../../docs/adding-aws-actions.md)), regenerate it:\n\n"
                + "```\n" + REGENERATE + "\n```\n\n"
                + "A served action's note names the class that registers it (under `src/main/java/dev/ecslabs/emulator/`)\n"
                + "and, where it models less than all AWS does, what it leaves out;\n"
                + "an action that is not served answers at once, after the model's checks, with the 4xx in its note.\n\n"
                + "| service | `AwsService` | API version | served |\n|---|---|---|---|\n"
                + totals
                + "| all with a vendored model | | | " + servedAll + " / " + modelAll + " |\n"
                + sections;
    }

    /** {@code ecs/cluster/ClusterActions} for {@code dev.ecslabs.emulator.ecs.cluster.ClusterActions}. */
    private static String source(Class<?> type) {
        String name = type.getName();
        return (name.startsWith(SOURCES) ? name.substring(SOURCES.length()) : name).replace('.', '/');
    }

    /** The model's metadata: {@code serviceFullName}, {@code apiVersion}. */
    private static JsonNode metadata(AwsService service) {
        String resource = "/aws-models/" + service.modelName() + ".json.gz";
        try (InputStream in = new GZIPInputStream(ServiceModel.class.getResourceAsStream(resource))) {
            return new ObjectMapper().readTree(in).path("metadata");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
