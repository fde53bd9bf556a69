package dev.ecslabs.ecr;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.ecslabs.labkit.Backend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;

/** What the exercises set up for themselves, independently of the learner's code: images, jars, logins and waiters. */
final class LabImages {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "a layer of the lab's images".getBytes(StandardCharsets.UTF_8);

    private LabImages() {
    }

    /** Pushes a small image under the tag (none if null) with ECR's own API; {@code label} tells images apart. Answers its digest. */
    static String push(EcrClient ecr, String repositoryName, String tag, String label) {
        boolean uploaded = ecr.batchCheckLayerAvailability(request -> request.repositoryName(repositoryName)
                .layerDigests(digest(CONFIG), digest(LAYER))).layers().size() == 2;
        if (!uploaded) {
            upload(ecr, repositoryName, CONFIG);
            upload(ecr, repositoryName, LAYER);
        }
        String manifest = manifest(label);
        return ecr.putImage(request -> request.repositoryName(repositoryName).imageTag(tag).imageManifest(manifest)
                .imageManifestMediaType(OCI_MANIFEST)).image().imageId().imageDigest();
    }

    /** The manifest {@link #push} puts for a label. */
    static String manifest(String label) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + CONFIG.length
                + ",\"digest\":\"" + digest(CONFIG) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"size\":" + LAYER.length
                + ",\"digest\":\"" + digest(LAYER) + "\"}],"
                + "\"annotations\":{\"dev.ecslabs.label\":\"" + label + "\"}}";
    }

    /** The size ECR reports for the images {@link #push} makes: their one layer. */
    static long imageSize() {
        return LAYER.length;
    }

    /** Pushes an image with Jib whose /app/libs holds jars of these file names. */
    static String pushJars(Backend backend, EcrClient ecr, String imageReference, Path work, String... jarNames)
            throws Exception {
        List<Path> jars = new ArrayList<>();
        for (String name : jarNames) {
            jars.add(jar(Files.createDirectories(work.resolve("libs")), name));
        }
        RegistryLogin login = login(ecr);
        return Jib.fromScratch()
                .addLayer(jars, AbsoluteUnixPath.get("/app/libs"))
                .containerize(Containerizer.to(RegistryImage.named(imageReference)
                                .addCredential(login.username(), login.password()))
                        .setAllowInsecureRegistries(true)
                        .setApplicationLayersCache(work.resolve("jib-cache")))
                .getDigest().toString();
    }

    /** A small, real jar file with a Main-Class. */
    static Path jar(Path directory, String fileName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.ecslabs.hello.Main");
        Path jar = directory.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("hello.txt"));
            out.write(("hello from " + fileName).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** The test's own login, so that no exercise depends on the learner's 01.2. */
    static RegistryLogin login(EcrClient ecr) {
        AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
        String[] parts = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8).split(":", 2);
        return new RegistryLogin(parts[0], parts[1], URI.create(data.proxyEndpoint()));
    }

    private static void upload(EcrClient ecr, String repositoryName, byte[] blob) {
        String uploadId = ecr.initiateLayerUpload(request -> request.repositoryName(repositoryName)).uploadId();
        ecr.uploadLayerPart(request -> request.repositoryName(repositoryName).uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) blob.length - 1).layerPartBlob(SdkBytes.fromByteArray(blob)));
        try {
            ecr.completeLayerUpload(request -> request.repositoryName(repositoryName).uploadId(uploadId)
                    .layerDigests(digest(blob)));
        } catch (LayerAlreadyExistsException e) {
            // Uploaded for an earlier image: the repository has it, which is all the push needs.
        }
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
