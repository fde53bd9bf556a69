package dev.ecslabs.samplesystem;

import dev.ecslabs.labkit.NotDoneYet;
import software.amazon.awssdk.services.ecs.model.Service;

/** A new version of one app, rolled out behind live traffic. */
public final class Releases {
    private Releases() {
    }

    /**
     * The catalog's next version: a new revision of its task definition (the same image and role, {@code GREETING}
     * {@code catalog@<version>}), the service moved to it, and waited for until stable: the rolling update starts a new
     * task, waits until it is healthy, and only then stops an old one (minimum healthy 100 %).
     */
    public static Service rollOutCatalog(AwsClients aws, Shop shop, String version) {
        // TODO: register the catalog next revision (same image and role, GREETING catalog@<version>), move the service to it and wait until it is stable; answer the service
        throw new NotDoneYet();
    }
}
