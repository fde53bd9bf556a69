package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a container runs (its {@code entryPoint} followed by its {@code command}, as Docker
 * joins them) into its simulated behaviour. The rules, for lab authors:
 * <ul>
 *   <li>{@code sleep N} (seconds, or {@code 500ms}, {@code 2m}, {@code 1h}) waits, then exits 0;
 *       {@code sleep infinity} never ends;</li>
 *   <li>{@code exit N} exits with N; {@code true}, {@code echo …}, {@code printf …}, {@code env},
 *       {@code date} exit 0 at once; {@code false} exits 1; what {@code echo} and {@code printf}
 *       write is the container's output, at the time they run ({@link ShellOutput});</li>
 *   <li>{@code sh -c "…"} (or bash, ash, dash) runs a script of those joined by {@code ;},
 *       {@code &&} and {@code ||}, and ends with the status of its last command;
 *       {@code exec X} runs X in its place;</li>
 *   <li>a shell with nothing to run ({@code sh}, the default command of busybox and alpine)
 *       exits 0 at once: a task's containers have no terminal and no input to read;</li>
 *   <li>any other program is a long-running process (a web server, an application) that runs
 *       until the task is stopped; so does a container with nothing to run.</li>
 * </ul>
 * So {@code ["sh","-c","sleep 5; exit 3"]} is a job that fails after five seconds with exit code 3.
 */
public final class ContainerCommands {
    private ContainerCommands() {
    }

    public static ContainerBehaviour interpret(List<String> entryPoint, List<String> command) {
        List<String> argv = new ArrayList<>();
        if (entryPoint != null) {
            argv.addAll(entryPoint);
        }
        if (command != null) {
            argv.addAll(command);
        }
        if (argv.isEmpty()) {
            return ContainerBehaviour.RUNS_UNTIL_STOPPED;
        }
        if (ShellScript.isShellWithScript(argv)) {
            return runScript(String.join(" ", argv.subList(2, argv.size())));
        }
        return runScript(List.of(new ShellScript.Step(ShellScript.Join.ALWAYS, argv)));
    }

    private static ContainerBehaviour runScript(String script) {
        return runScript(ShellScript.parse(script));
    }

    private static ContainerBehaviour runScript(List<ShellScript.Step> steps) {
        List<ContainerBehaviour.OutputLine> output = new ArrayList<>();
        return runScript(steps, output).withOutput(output);
    }

    private static ContainerBehaviour runScript(List<ShellScript.Step> steps, List<ContainerBehaviour.OutputLine> output) {
        Duration elapsed = Duration.ZERO;
        int status = 0;
        for (ShellScript.Step step : steps) {
            if (!step.runsAfter(status)) {
                continue;
            }
            if (step.program().equals("exec") && step.words().size() > 1) {
                step = new ShellScript.Step(step.join(), step.words().subList(1, step.words().size()));
            }
            switch (step.program()) {
                case "sleep" -> {
                    Duration sleep = parseSleep(step.argument("0"));
                    if (sleep == null) {
                        return ContainerBehaviour.RUNS_UNTIL_STOPPED;
                    }
                    elapsed = elapsed.plus(sleep);
                    status = 0;
                }
                case "exit" -> {
                    return ContainerBehaviour.exitsAfter(elapsed, ShellScript.exitStatus(step.argument(String.valueOf(status))));
                }
                case "echo", "printf" -> {
                    for (String line : ShellOutput.of(step.words())) {
                        output.add(new ContainerBehaviour.OutputLine(elapsed, line));
                    }
                    status = 0;
                }
                case "true", ":", "env", "date", "ls", "cat", "pwd", "whoami", "hostname" -> status = 0;
                case "false" -> status = 1;
                case "sh", "bash", "ash", "dash", "zsh" -> {
                    if (step.words().size() > 1) {
                        return ContainerBehaviour.RUNS_UNTIL_STOPPED;
                    }
                    status = 0;
                }
                default -> {
                    return ContainerBehaviour.RUNS_UNTIL_STOPPED;
                }
            }
        }
        return ContainerBehaviour.exitsAfter(elapsed, status);
    }

    /** A duration as {@code sleep} takes it, or {@code null} for {@code infinity}. */
    static Duration parseSleep(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("infinity") || value.equals("inf")) {
            return null;
        }
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long multiplier = switch (value.charAt(value.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 0;
            };
            String number = multiplier == 0 ? value : value.substring(0, value.length() - 1);
            double seconds = Double.parseDouble(number) * (multiplier == 0 ? 1 : multiplier);
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Duration.ZERO;
        }
    }
}
