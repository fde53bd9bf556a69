package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/**
 * Wires every ECR action group into the operation table, and holds what ECR's API shares with
 * the registry's {@code /v2/} routes: the images, the layers, and the registry passwords.
 */
public final class EcrApi {
    private final Images images;
    private final Layers layers;
    private final AuthorizationTokens tokens;
    private final BlobStore blobs;
    private final LayerUploads uploads;
    private final RestoredRepositories restored;

    private EcrApi(Images images, Layers layers, AuthorizationTokens tokens, BlobStore blobs, LayerUploads uploads,
                   RestoredRepositories restored) {
        this.images = images;
        this.layers = layers;
        this.tokens = tokens;
        this.blobs = blobs;
        this.uploads = uploads;
        this.restored = restored;
    }

    /** Registers ECR's actions, keeping layer content in {@code blobs} and uploads under way in {@code uploads}. */
    public static EcrApi register(OperationTable table, BlobStore blobs, LayerUploads uploads) {
        AuthorizationTokens tokens = new AuthorizationTokens();
        LifecycleEnforcement lifecycle = new LifecycleEnforcement();
        ImageScanning scanning = new ImageScanning(blobs);
        Images images = new Images(scanning, lifecycle);
        Layers layers = new Layers(blobs);
        new RepositoryActions(lifecycle).register(table);
        new RepositoryPolicyActions().register(table);
        new EcrTagging().register(table);
        new ImageActions(images, scanning, lifecycle).register(table);
        new LayerActions(layers, uploads, tokens).register(table);
        new AuthorizationActions(tokens).register(table);
        new LifecycleActions(lifecycle).register(table);
        new ScanActions(scanning).register(table);
        return new EcrApi(images, layers, tokens, blobs, uploads, new RestoredRepositories(scanning, lifecycle, blobs));
    }

    /**
     * The ECR areas whose state survives a restart of {@code ./lab start}, and what resumes their
     * scans and lifecycle policies. Blob content is not in the snapshot: it stays in the blob
     * store, which must keep its own files (a {@code FileBlobStore}) for images to be pullable after a restart.
     */
    public void persist(PersistentAreas areas) {
        areas.add("ecr/repositories", Repositories.class, Repositories::of).resumeWith(restored::resume);
    }

    public Images images() {
        return images;
    }

    public Layers layers() {
        return layers;
    }

    public AuthorizationTokens tokens() {
        return tokens;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public LayerUploads uploads() {
        return uploads;
    }
}
