package dev.ecslabs.samplesystem;

import dev.ecslabs.labkit.NotDoneYet;

/**
 * The teardown program: everything the deploy program made, found by name and deleted in the order AWS
 * requires (what refers to a thing goes before it). What is already gone is skipped, so it can be run
 * again after a teardown that stopped half-way.
 */
public final class TearDown {
    private TearDown() {
    }

    public static void tearDown(AwsClients aws, Shop shop) {
        stopScaling(aws, shop);
        deleteServices(aws, shop);
        deleteLoadBalancers(aws, shop);
        deleteCluster(aws, shop);
        deleteNamespace(aws, shop);
        deregisterTaskDefinitions(aws, shop);
        deleteLogGroups(aws, shop);
        deleteRoles(aws, shop);
        deleteRepositories(aws, shop);
    }

    /** The scalable target first, with its policy and the policy's alarms: nothing may scale a service being deleted. */
    static void stopScaling(AwsClients aws, Shop shop) {
        // TODO: deregister the catalog scalable target (its policy and alarms go with it), if it is registered
        throw new NotDoneYet();
    }

    /** The services, callers first, scaled to 0 and deleted; waited for until INACTIVE and their tasks until STOPPED. */
    static void deleteServices(AwsClients aws, Shop shop) {
        // TODO: scale each ACTIVE service of the cluster to 0 and delete it, callers first, then wait until they are INACTIVE and the cluster tasks until STOPPED; a cluster that is gone has none
        throw new NotDoneYet();
    }

    /** The load balancers (their listeners go with them), then the target groups they no longer use. */
    static void deleteLoadBalancers(AwsClients aws, Shop shop) {
        // TODO: delete both load balancers (waiting until deleted), then both target groups (once no load balancer uses them); skip what is gone
        throw new NotDoneYet();
    }

    /** The cluster, once its services are gone (it names the namespace as its Service Connect default). */
    static void deleteCluster(AwsClients aws, Shop shop) {
        // TODO: delete the cluster; skip it when it is gone
        throw new NotDoneYet();
    }

    /**
     * The Cloud Map services of the namespace (the orders' and the one ECS made for Service Connect's catalog), each
     * once its instances are deregistered, then the namespace (an operation: waited for).
     */
    static void deleteNamespace(AwsClients aws, Shop shop) {
        // TODO: delete every Cloud Map service of the namespace once its instances are gone, then the namespace (waiting for its operation); skip it when it is gone
        throw new NotDoneYet();
    }

    /** Every ACTIVE revision of the three families deregistered (ListTaskDefinitions then lists none of them). */
    static void deregisterTaskDefinitions(AwsClients aws, Shop shop) {
        // TODO: deregister every ACTIVE revision of the 3 families
        throw new NotDoneYet();
    }

    static void deleteLogGroups(AwsClients aws, Shop shop) {
        // TODO: delete the 3 log groups that exist
        throw new NotDoneYet();
    }

    /** The execution role and the catalog's task role; a role is deleted only without policies: its inline policies first. */
    static void deleteRoles(AwsClients aws, Shop shop) {
        // TODO: for shop.executionRole() and shop.catalogTaskRole(): delete the role's inline policies, then the role; skip a role that is gone
        throw new NotDoneYet();
    }

    /** The repositories with their images (force). */
    static void deleteRepositories(AwsClients aws, Shop shop) {
        // TODO: delete the 3 repositories with their images; skip those that are gone
        throw new NotDoneYet();
    }
}
