package dev.ecslabs.emulator.ecs.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerRoute;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * Launches simulated EC2 instances into a cluster, where an Auto Scaling group would:
 * {@code POST /_emulator/container-instances?cluster=labs&instanceType=t3.micro&count=2} signed by
 * the account (see {@link CallerRoute}) starts {@code count} instances of the type (1 to 10; see
 * {@link InstanceTypes} for the types), each in the next subnet of the default VPC (or
 * {@code subnet=…}), with {@code attribute=name:value} custom attributes, and registers them with
 * the cluster at once, as the ECS-optimized AMI's agent would. Answers the container instance
 * ARNs and EC2 instance ids.
 */
public final class ContainerInstancesRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/container-instances";
    static final int MAX_COUNT = 10;

    private final StateStore store;
    private final Consumer<AccountRegion> instancesChanged;

    /** {@code instancesChanged} hears of the instances launched (the service scheduler places waiting tasks on them). */
    public ContainerInstancesRoute(StateStore store, Consumer<AccountRegion> instancesChanged) {
        this.store = store;
        this.instancesChanged = instancesChanged;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, CallerRoute.of((ctx, caller) -> {
            AccountRegion region = store.get(caller.accountId(), caller.region());
            try {
                List<ContainerInstance> launched = region.locked(() -> {
                    List<ContainerInstance> registered = launch(ctx, region);
                    instancesChanged.accept(region);
                    return registered;
                });
                ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
                ArrayNode instances = answer.putArray("containerInstances");
                for (ContainerInstance instance : launched) {
                    instances.addObject().put("containerInstanceArn", instance.containerInstanceArn())
                            .put("ec2InstanceId", instance.ec2InstanceId())
                            .put("availabilityZone", QueryTargets.attribute(instance, "ecs.availability-zone").orElse(null));
                }
                ctx.contentType("application/json").result(answer.toString());
            } catch (AwsException e) {
                ObjectNode error = AwsJsonCodec.MAPPER.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
                ctx.status(400).contentType("application/json").result(error.toString());
            }
        }));
    }

    private static List<ContainerInstance> launch(Context ctx, AccountRegion region) {
        String clusterName = orDefault(ctx.queryParam("cluster"), Clusters.DEFAULT_NAME);
        Cluster cluster = Clusters.of(region).requireActive(clusterName);
        String typeName = orDefault(ctx.queryParam("instanceType"), "t3.micro");
        InstanceTypes.InstanceType type = InstanceTypes.find(typeName).orElseThrow(() -> new AwsException(
                "InvalidParameterException", "The emulator has no instance type '" + typeName + "'; it knows "
                + String.join(", ", InstanceTypes.names()) + "."));
        int count;
        try {
            count = Integer.parseInt(orDefault(ctx.queryParam("count"), "1"));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new AwsException("InvalidParameterException", "count must be a number from 1 to " + MAX_COUNT + ".");
        }
        String subnet = ctx.queryParam("subnet");
        if (subnet != null && !DefaultVpc.SUBNET_IDS.contains(subnet)) {
            throw new AwsException("InvalidParameterException", "subnet must be one of the default VPC's subnets "
                    + DefaultVpc.SUBNET_IDS + ", not '" + subnet + "'.");
        }
        List<Attribute> custom = new ArrayList<>();
        for (String attribute : ctx.queryParams("attribute")) {
            int colon = attribute.indexOf(':');
            custom.add(colon < 0 ? Attribute.builder().name(attribute).build()
                    : Attribute.builder().name(attribute.substring(0, colon)).value(attribute.substring(colon + 1)).build());
        }
        List<ContainerInstance> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int already = ContainerInstances.of(region).inCluster(cluster.clusterName()).size();
            String next = subnet != null ? subnet : DefaultVpc.SUBNET_IDS.get(already % DefaultVpc.SUBNET_IDS.size());
            launched.add(InstanceRegistrations.launch(region, cluster, type, next, custom, null));
        }
        return launched;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
