package dev.ecslabs.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;

/**
 * Builds small container images for tests and pushes them with ECR's own API (the layer upload
 * actions and PutImage), as SDK-only tools do: tar.gz layers, a config, a Docker V2 schema 2
 * manifest.
 */
public final class EcrImages {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";

    private EcrImages() {
    }

    /** A blob and its descriptor facts. */
    public record Blob(byte[] bytes, String digest) {
        public static Blob of(byte[] bytes) {
            return new Blob(bytes, EcrImages.digest(bytes));
        }

        public static Blob of(String text) {
            return of(text.getBytes(StandardCharsets.UTF_8));
        }

        public int size() {
            return bytes.length;
        }
    }

    /** An image ready to push: its config, its layers and the manifest naming them. */
    public record Image(Blob config, List<Blob> layers, String manifest, String mediaType) {
        public String digest() {
            return EcrImages.digest(manifest.getBytes(StandardCharsets.UTF_8));
        }

        public long layersSize() {
            return layers.stream().mapToLong(Blob::size).sum();
        }
    }

    /** An image whose one layer holds these files; {@code label} makes otherwise equal images differ. */
    public static Image image(String label, Map<String, byte[]> files) {
        Blob layer = Blob.of(tarGz(files));
        Blob config = Blob.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"label\":\"" + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        return new Image(config, List.of(layer), manifest(DOCKER_MANIFEST, config, List.of(layer)), DOCKER_MANIFEST);
    }

    public static Image image(String label) {
        return image(label, Map.of("app/hello.txt", ("hello " + label).getBytes(StandardCharsets.UTF_8)));
    }

    public static String manifest(String mediaType, Blob config, List<Blob> layers) {
        String configType = mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.config.v1+json" : CONFIG_TYPE;
        String layerType = mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.layer.v1.tar+gzip" : LAYER_TYPE;
        List<String> descriptors = new ArrayList<>();
        for (Blob layer : layers) {
            descriptors.add(descriptor(layerType, layer));
        }
        return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":" + descriptor(configType, config)
                + ",\"layers\":[" + String.join(",", descriptors) + "]}";
    }

    public static String descriptor(String mediaType, Blob blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"size\":" + blob.size() + ",\"digest\":\"" + blob.digest() + "\"}";
    }

    /** Uploads the image's blobs with the layer API and puts its manifest with PutImage; returns the digest. */
    public static String push(EcrClient ecr, String repository, String tag, Image image) {
        uploadBlobs(ecr, repository, image);
        return ecr.putImage(b -> b.repositoryName(repository).imageTag(tag).imageManifest(image.manifest())
                .imageManifestMediaType(image.mediaType())).image().imageId().imageDigest();
    }

    public static void uploadBlobs(EcrClient ecr, String repository, Image image) {
        upload(ecr, repository, image.config());
        image.layers().forEach(layer -> upload(ecr, repository, layer));
    }

    public static void upload(EcrClient ecr, String repository, Blob blob) {
        String uploadId = ecr.initiateLayerUpload(b -> b.repositoryName(repository)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(repository).uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) blob.size() - 1).layerPartBlob(SdkBytes.fromByteArray(blob.bytes())));
        try {
            ecr.completeLayerUpload(b -> b.repositoryName(repository).uploadId(uploadId).layerDigests(blob.digest()));
        } catch (LayerAlreadyExistsException e) {
            // Pushed before: the repository has it, which is all a push needs.
        }
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gzip-compressed tar of the files (ustar headers, regular files only). */
    public static byte[] tarGz(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
                gzip.write(header(file.getKey(), file.getValue().length));
                gzip.write(file.getValue());
                gzip.write(new byte[(512 - file.getValue().length % 512) % 512]);
            }
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] header(String name, long size) {
        byte[] header = new byte[512];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", size), 12);
        put(header, 136, "00000000000", 12);
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
        return header;
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, offset, Math.min(text.length, length));
    }
}
