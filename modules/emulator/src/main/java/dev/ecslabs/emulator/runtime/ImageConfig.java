package dev.ecslabs.emulator.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * What an image brings to a container besides its files: its ENTRYPOINT and CMD (used when the
 * container definition sets no {@code entryPoint} or {@code command}) and the ports its program
 * listens on. For an image the emulator knows nothing about, both are empty and the container's
 * declared {@code portMappings} are taken as the ports it listens on.
 *
 * An image of the course's own registry also brings what a local process needs to run it: its
 * environment, working directory and the digests of its layers.
 *
 * @param listeningPorts {@code null} when unknown
 * @param environment    the image's {@code Env}, {@code NAME=value} entries
 * @param workingDirectory the image's {@code WorkingDir}, {@code null} for {@code /}
 * @param layers         the digests of its layers, base first; empty when its files are not at hand
 */
public record ImageConfig(List<String> entryPoint, List<String> command, List<Integer> listeningPorts,
                          List<String> environment, String workingDirectory, List<String> layers) {
    public static final ImageConfig UNKNOWN = new ImageConfig(List.of(), List.of(), null);

    public ImageConfig {
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        listeningPorts = listeningPorts == null ? null : List.copyOf(listeningPorts);
        environment = List.copyOf(environment);
        layers = List.copyOf(layers);
    }

    /** An image known by its entry point, command and ports only (the public catalogue's). */
    public ImageConfig(List<String> entryPoint, List<String> command, List<Integer> listeningPorts) {
        this(entryPoint, command, listeningPorts, List.of(), null, List.of());
    }

    /**
     * What the container runs, as Docker merges a container's settings with its image's: the
     * container's entry point, else the image's; then the container's command, else the image's
     * CMD, which Docker drops when the container sets its own entry point.
     */
    public List<String> argv(List<String> containerEntryPoint, List<String> containerCommand) {
        boolean ownEntryPoint = containerEntryPoint != null && !containerEntryPoint.isEmpty();
        List<String> argv = new ArrayList<>(ownEntryPoint ? containerEntryPoint : entryPoint);
        if (containerCommand != null && !containerCommand.isEmpty()) {
            argv.addAll(containerCommand);
        } else if (!ownEntryPoint) {
            argv.addAll(command);
        }
        return List.copyOf(argv);
    }
}
