package dev.ecslabs.samplesystem;

import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

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
        TaskDefinition current = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(shop.family(Shop.CATALOG)))
                .taskDefinition();
        String image = current.containerDefinitions().get(0).image();
        String next = SampleSystem.register(aws, SampleSystem.taskDefinition(shop, Shop.CATALOG, image,
                current.executionRoleArn(), version));
        aws.ecs().updateService(r -> r.cluster(shop.cluster()).service(shop.service(Shop.CATALOG)).taskDefinition(next));
        return aws.ecsWaiter().waitUntilServicesStable(r -> r.cluster(shop.cluster()).services(shop.service(Shop.CATALOG)))
                .matched().response().orElseThrow().services().get(0);
    }
}
