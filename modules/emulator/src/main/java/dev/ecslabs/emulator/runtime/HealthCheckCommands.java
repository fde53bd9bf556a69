package dev.ecslabs.emulator.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Runs a container health check's command in the simulation and answers its exit status (0 is
 * healthy). The rules, for lab authors:
 * <ul>
 *   <li>{@code ["CMD-SHELL", "script"]} runs the script with the shell of {@link ContainerCommands};
 *       {@code ["CMD", "prog", …]} runs the program;</li>
 *   <li>{@code exit N}, {@code true} and {@code false} are what they say;</li>
 *   <li>{@code curl [-f] URL} and {@code wget URL} succeed when something in reach answers HTTP on
 *       that host and port (see {@link ProbeEnvironment}), and fail with curl's status 7 when not;</li>
 *   <li>any other command (pg_isready, a script of the image) succeeds: the simulation can't run
 *       it and does not fail a task for that.</li>
 * </ul>
 */
public final class HealthCheckCommands {
    private HealthCheckCommands() {
    }

    /** The exit status of one run of the health check command. */
    public static int run(List<String> command, ProbeEnvironment environment) {
        if (command == null || command.isEmpty()) {
            return 0;
        }
        String kind = command.get(0);
        if (kind.equals("CMD-SHELL")) {
            return runScript(ShellScript.parse(String.join(" ", command.subList(1, command.size()))), environment);
        }
        List<String> argv = kind.equals("CMD") ? command.subList(1, command.size()) : command;
        if (argv.isEmpty()) {
            return 0;
        }
        if (ShellScript.isShellWithScript(argv)) {
            return runScript(ShellScript.parse(String.join(" ", argv.subList(2, argv.size()))), environment);
        }
        return runScript(List.of(new ShellScript.Step(ShellScript.Join.ALWAYS, argv)), environment);
    }

    private static int runScript(List<ShellScript.Step> steps, ProbeEnvironment environment) {
        int status = 0;
        for (ShellScript.Step step : steps) {
            if (!step.runsAfter(status)) {
                continue;
            }
            switch (step.program()) {
                case "exit" -> {
                    return ShellScript.exitStatus(step.argument(String.valueOf(status)));
                }
                case "false" -> status = 1;
                case "curl", "wget" -> status = http(step.words(), environment);
                default -> status = 0;
            }
        }
        return status;
    }

    private static int http(List<String> words, ProbeEnvironment environment) {
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("http://") || word.startsWith("https://")) {
                try {
                    URI uri = new URI(word);
                    int port = uri.getPort() != -1 ? uri.getPort() : word.startsWith("https") ? 443 : 80;
                    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                    return environment.answersHttp(uri.getHost(), port, path) ? 0 : 7;
                } catch (URISyntaxException e) {
                    return 3;
                }
            }
        }
        return 2;
    }
}
