package dev.ecslabs.emulator.iam;

import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;
import dev.ecslabs.emulator.sts.StsActions;

/** Wires IAM's and STS's actions into the operation table, and IAM's areas into persistence. */
public final class IamApi {
    private IamApi() {
    }

    public static void register(OperationTable table) {
        new RoleActions().register(table);
        new PolicyActions().register(table);
        new StsActions().register(table);
    }

    public static void persist(PersistentAreas areas) {
        areas.add("iam/roles", Roles.class, Roles::of)
                .add("iam/policies", CustomerPolicies.class, CustomerPolicies::of);
    }
}
