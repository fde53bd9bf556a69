package dev.ecslabs.emulator.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * What an image brings to a container besides its files: its ENTRYPOINT and CMD (used when the
 * container definition sets no {@code entryPoint} or {@code command}) and the ports its program
 * listens on. For an image the emulator knows nothing about, both are empty and the container's
 * declared {@code portMappings} are taken as the ports it listens on.
 *
 * @param listeningPorts {@code null} when unknown
 */
public record ImageConfig(List<String> entryPoint, List<String> command, List<Integer> listeningPorts) {
    public static final ImageConfig UNKNOWN = new ImageConfig(List.of(), List.of(), null);

    public ImageConfig {
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        listeningPorts = listeningPorts == null ? null : List.copyOf(listeningPorts);
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
