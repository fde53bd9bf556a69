package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The rules every container definition of a task definition follows, whatever runs it: 1 to 10
 * containers, each with a unique name and an image, at least one essential, and {@code links} and
 * {@code hostname} only where the network mode has them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
 */
final class ContainerDefinitionRules {
    /** "Containers per task definition: 10", an Amazon ECS service quota that can't be raised. */
    static final int MAX_CONTAINERS = 10;
    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** Tags: letters, digits, hyphens, underscores, colons, periods, slashes and number signs, 255 in all. */
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9_.:/#-]{1,255}");
    /** "The only supported hash function is sha256, and the hash value after sha256: must be exactly 64 characters." */
    private static final Pattern DIGEST = Pattern.compile("sha256:[A-Fa-f0-9]{64}");

    private ContainerDefinitionRules() {
    }

    static void check(List<ContainerDefinition> containers, NetworkMode networkMode) {
        if (containers.isEmpty()) {
            throw EcsErrors.client("Container list cannot be empty. A task definition needs at least one container "
                    + "definition with a name and an image.");
        }
        if (containers.size() > MAX_CONTAINERS) {
            throw EcsErrors.client("Too many containers. A task definition can have at most " + MAX_CONTAINERS
                    + " containers (an Amazon ECS quota); this one has " + containers.size()
                    + ". Split the containers that don't need to run together into task definitions of their own.");
        }
        Set<String> names = new HashSet<>();
        for (ContainerDefinition container : containers) {
            checkName(container, names);
            checkImage(container);
            checkNetworking(container, networkMode);
        }
        boolean anyEssential = containers.stream().anyMatch(c -> !Boolean.FALSE.equals(c.essential()));
        if (!anyEssential) {
            throw EcsErrors.client("A task definition must have at least one essential container. A container is "
                    + "essential unless it sets essential to false: mark the container that runs your application "
                    + "essential.");
        }
    }

    private static void checkName(ContainerDefinition container, Set<String> names) {
        String name = container == null ? null : container.name();
        if (name == null || name.isEmpty()) {
            throw EcsErrors.client("Container.name should not be null or empty.");
        }
        if (!NAME.matcher(name).matches()) {
            throw EcsErrors.client("Invalid container name '" + name + "': up to 255 letters (uppercase and lowercase), "
                    + "numbers, underscores and hyphens are allowed.");
        }
        if (!names.add(name)) {
            throw EcsErrors.client("Duplicate container name '" + name + "'. Each container of a task definition needs a "
                    + "name of its own.");
        }
    }

    private static void checkImage(ContainerDefinition container) {
        String image = container.image();
        if (image == null || image.isEmpty()) {
            throw EcsErrors.client("Container.image should not be null or empty. Container '" + container.name()
                    + "' needs an image, for example 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.");
        }
        int at = image.indexOf('@');
        String name = at < 0 ? image : image.substring(0, at);
        boolean valid = IMAGE_NAME.matcher(name).matches() && (at < 0 || DIGEST.matcher(image.substring(at + 1)).matches());
        if (!valid) {
            throw EcsErrors.client("Invalid image '" + image + "' for container '" + container.name() + "'. Name the image "
                    + "as repository-url/image:tag or repository-url/image@sha256:<64 hexadecimal digits>, with up to 255 "
                    + "letters, numbers, hyphens, underscores, colons, periods, forward slashes and number signs.");
        }
    }

    private static void checkNetworking(ContainerDefinition container, NetworkMode networkMode) {
        if (container.hasLinks() && !container.links().isEmpty() && networkMode != NetworkMode.BRIDGE) {
            throw EcsErrors.client("Container '" + container.name() + "' sets links, which are supported only when "
                    + "networkMode=bridge; this task definition uses " + networkMode + ". In awsvpc mode the containers "
                    + "of a task share one network interface and reach each other on localhost.");
        }
        if (container.hostname() != null && networkMode == NetworkMode.AWSVPC) {
            throw EcsErrors.client("hostname is not supported on container when networkMode=awsvpc. Remove hostname from "
                    + "container '" + container.name() + "'.");
        }
    }
}
