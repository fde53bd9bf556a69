package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Volume;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

/**
 * Task volumes and how containers use them: each volume has a name of its own, each mount point
 * names a volume of the task and a path in the container, each {@code volumesFrom} names another
 * container of the task (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Volume.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_MountPoint.html).
 */
final class VolumeRules {
    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private VolumeRules() {
    }

    static void check(List<Volume> volumes, List<ContainerDefinition> containers) {
        Set<String> names = new HashSet<>();
        for (Volume volume : volumes) {
            if (volume.name() == null || !NAME.matcher(volume.name()).matches()) {
                throw EcsErrors.client("Invalid volume name '" + volume.name() + "': each volume needs a name of up to 255 "
                        + "letters (uppercase and lowercase), numbers, underscores and hyphens.");
            }
            if (!names.add(volume.name())) {
                throw EcsErrors.client("Duplicate volume name '" + volume.name() + "'. Each volume of a task definition "
                        + "needs a name of its own.");
            }
        }
        Set<String> containerNames = new HashSet<>();
        containers.forEach(container -> containerNames.add(container.name()));
        for (ContainerDefinition container : containers) {
            for (MountPoint mountPoint : container.mountPoints()) {
                checkMountPoint(container.name(), mountPoint, names);
            }
            for (VolumeFrom from : container.volumesFrom()) {
                if (from.sourceContainer() == null || from.sourceContainer().equals(container.name())
                        || !containerNames.contains(from.sourceContainer())) {
                    throw EcsErrors.client("Invalid volumesFrom for container '" + container.name() + "': sourceContainer '"
                            + from.sourceContainer() + "' must name another container of this task definition.");
                }
            }
        }
    }

    private static void checkMountPoint(String container, MountPoint mountPoint, Set<String> volumes) {
        if (mountPoint.sourceVolume() == null || !volumes.contains(mountPoint.sourceVolume())) {
            throw EcsErrors.client("Invalid mountPoints for container '" + container + "': sourceVolume '"
                    + mountPoint.sourceVolume() + "' is not a volume of this task definition. Declare it in volumes, or "
                    + "mount one of: " + (volumes.isEmpty() ? "(none declared)" : String.join(", ", volumes)) + ".");
        }
        if (mountPoint.containerPath() == null || mountPoint.containerPath().isBlank()) {
            throw EcsErrors.client("Invalid mountPoints for container '" + container + "': the mount of volume '"
                    + mountPoint.sourceVolume() + "' needs a containerPath, the path in the container to mount it at.");
        }
    }
}
