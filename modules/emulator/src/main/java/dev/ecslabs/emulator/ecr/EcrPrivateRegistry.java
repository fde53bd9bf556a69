package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.runtime.ImageConfig;
import dev.ecslabs.emulator.runtime.PrivateRegistry;
import dev.ecslabs.emulator.state.AccountRegion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * The private registry Fargate tasks pull from: the account-region's ECR repositories, found by
 * tag or digest as BatchGetImage finds them. What the image runs by default (ENTRYPOINT, CMD) and
 * the ports it exposes are read from its config blob, as a container runtime reads them.
 */
public final class EcrPrivateRegistry implements PrivateRegistry {
    /** An image config is a few KiB; a larger blob is not one worth reading for the simulation. */
    private static final int MAX_CONFIG_BYTES = 1024 * 1024;

    private final BlobStore blobs;

    public EcrPrivateRegistry(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public Lookup find(AccountRegion registry, String repositoryName, String tag, String digest) {
        Optional<RepositoryState> repository = Repositories.of(registry).find(repositoryName);
        if (repository.isEmpty()) {
            return Lookup.NO_SUCH_REPOSITORY;
        }
        Images.Lookup lookup = Images.find(repository.get(), ImageIdentifier.builder().imageTag(tag).imageDigest(digest)
                .build());
        if (lookup.image() == null) {
            return Lookup.NO_SUCH_IMAGE;
        }
        return Lookup.found(lookup.image().digest().toString(), config(lookup.image().manifest()));
    }

    /** The image's defaults from its config blob; unknown for an image index or a config that can't be read. */
    private ImageConfig config(ImageManifest manifest) {
        Optional<Blob> blob = manifest.isIndex() ? Optional.empty()
                : manifest.config().flatMap(descriptor -> blobs.get(descriptor.digest()));
        if (blob.isEmpty() || blob.get().size() > MAX_CONFIG_BYTES) {
            return ImageConfig.UNKNOWN;
        }
        JsonNode config;
        try (InputStream in = blob.get().open()) {
            config = AwsJsonCodec.MAPPER.readTree(in).path("config");
        } catch (IOException | RuntimeException unreadable) {
            // Not a JSON image config (an artifact, say): the task still runs, with what its definition says.
            return ImageConfig.UNKNOWN;
        }
        List<Integer> ports = null;
        if (config.path("ExposedPorts").isObject()) {
            ports = new ArrayList<>();
            for (var names = config.get("ExposedPorts").fieldNames(); names.hasNext(); ) {
                String port = names.next().split("/", 2)[0];
                if (port.matches("\\d{1,5}")) {
                    ports.add(Integer.parseInt(port));
                }
            }
        }
        String workingDirectory = config.path("WorkingDir").asText("");
        List<String> layers = manifest.layers().stream().map(layer -> layer.digest().toString()).toList();
        return new ImageConfig(strings(config.path("Entrypoint")), strings(config.path("Cmd")), ports,
                strings(config.path("Env")), workingDirectory.isEmpty() ? null : workingDirectory, layers);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
