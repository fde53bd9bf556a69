package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} on every command and subcommand of {@code ./lab} prints its usage and exits 0 (it said "Unknown option"). */
class HelpOptionTest {

    @Test
    @DisplayName("Every command answers --help and -h with its usage and exit code 0, starting nothing")
    void everyCommandHasHelp() {
        List<List<String>> commands = new ArrayList<>();
        collect(LabCommand.commandLine(), new ArrayList<>(), commands);
        assertThat(commands).extracting(path -> String.join(" ", path))
                .contains("start", "classroom", "classroom rename", "classroom merge", "classroom remove", "check", "reset");

        for (List<String> path : commands) {
            for (String option : List.of("--help", "-h")) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                List<String> args = new ArrayList<>(path);
                args.add(option);
                int exit = LabCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                        .execute(args.toArray(String[]::new));

                assertThat(exit).as("lab %s: %s", String.join(" ", args), err).isZero();
                assertThat(out.toString()).as("lab %s", String.join(" ", args))
                        .startsWith("Usage: lab " + String.join(" ", path));
                assertThat(err.toString()).doesNotContain("Unknown option");
            }
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            into.add(subPath);
            collect(sub.getValue(), subPath, into);
        }
    }
}
