package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/**
 * Wires every Cloud Map action group into the operation table (all 30 actions of the Cloud Map
 * API), and Cloud Map's areas into persistence.
 */
public final class CloudMapApi {
    private CloudMapApi() {
    }

    public static void register(OperationTable table) {
        new NamespaceActions().register(table);
        new CloudMapServiceActions().register(table);
        new ServiceAttributeActions().register(table);
        new InstanceActions().register(table);
        new OperationActions().register(table);
        new DiscoveryActions().register(table);
        new TagActions().register(table);
    }

    /**
     * The Cloud Map areas whose state survives a restart of {@code ./lab start}; operations still
     * in progress and instance health changes on their way resume at the times they were due.
     */
    public static void persist(PersistentAreas areas) {
        areas.add("cloudmap/namespaces", Namespaces.class, Namespaces::of)
                .add("cloudmap/services", CloudMapServices.class, CloudMapServices::of)
                .add("cloudmap/operations", Operations.class, Operations::of)
                .resumeWith((region, problems) -> {
                    region.existingArea(CloudMapServices.class).ifPresent(CloudMapServices::resume);
                    region.existingArea(Operations.class).ifPresent(Operations::resume);
                });
    }
}
