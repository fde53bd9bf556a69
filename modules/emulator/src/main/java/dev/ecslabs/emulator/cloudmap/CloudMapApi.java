package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.OperationTable;

/** Wires every Cloud Map action group into the operation table: all 30 actions of the Cloud Map API. */
public final class CloudMapApi {
    private CloudMapApi() {
    }

    public static void register(OperationTable table) {
        new NamespaceActions().register(table);
        new ServiceActions().register(table);
        new ServiceAttributeActions().register(table);
        new InstanceActions().register(table);
        new OperationActions().register(table);
        new DiscoveryActions().register(table);
        new TagActions().register(table);
    }
}
