package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;

/**
 * DescribeCapacityProviders: the two capacity providers AWS keeps in every account, FARGATE and
 * FARGATE_SPOT (ACTIVE, no Auto Scaling group), the account's Auto Scaling group providers
 * ({@link AutoScalingProviderActions}), or those a cluster uses, as the ECS API reference
 * describes it (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeCapacityProviders.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
 * A name that is none of them is a MISSING failure.
 */
public final class CapacityProviderActions implements ActionGroup {
    static final List<String> FARGATE_PROVIDERS = List.of("FARGATE", "FARGATE_SPOT");
    static final int MAX_DESCRIBE = 100;
    /** "This value can be between 1 and 10." (DescribeCapacityProviders, maxResults) */
    static final int MAX_RESULTS = 10;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "DescribeCapacityProviders", DescribeCapacityProvidersRequest::builder,
                this::describeCapacityProviders);
    }

    DescribeCapacityProvidersResponse describeCapacityProviders(RequestContext context, DescribeCapacityProvidersRequest request) {
        if (request.capacityProviders().size() > MAX_DESCRIBE) {
            throw EcsErrors.invalidParameter("DescribeCapacityProviders takes at most " + MAX_DESCRIBE
                    + " capacity providers per call, not " + request.capacityProviders().size() + ".");
        }
        List<CapacityProvider> known = new ArrayList<>();
        for (String name : FARGATE_PROVIDERS) {
            known.add(fargate(context, name));
        }
        known.addAll(AutoScalingCapacityProviders.of(context.state()).all());
        if (request.cluster() != null) {
            Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
            known.removeIf(provider -> !cluster.capacityProviders().contains(provider.name()));
        }
        List<CapacityProvider> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (request.capacityProviders().isEmpty()) {
            // Deleted providers are found by name only.
            known.stream().filter(p -> p.status() == CapacityProviderStatus.ACTIVE).forEach(found::add);
            found.sort(Comparator.comparing(CapacityProvider::name)); // the pages' tokens name the next provider in this order
        } else {
            for (String named : request.capacityProviders()) {
                find(known, named).ifPresentOrElse(found::add, () -> failures.add(Failure.builder()
                        .arn(Arns.looksLikeArn(named) ? named : arn(context, named)).reason("MISSING").build()));
            }
        }
        Pages.Page<CapacityProvider> page = Pages.page(found, CapacityProvider::name, request.nextToken(),
                request.maxResults(), MAX_DESCRIBE, MAX_RESULTS, "InvalidParameterException");
        return DescribeCapacityProvidersResponse.builder().capacityProviders(page.items()).failures(failures)
                .nextToken(page.nextToken()).build();
    }

    private static Optional<CapacityProvider> find(List<CapacityProvider> known, String named) {
        return known.stream().filter(p -> p.name().equals(named) || p.capacityProviderArn().equals(named)).findFirst();
    }

    private static CapacityProvider fargate(RequestContext context, String name) {
        return CapacityProvider.builder().capacityProviderArn(arn(context, name)).name(name)
                .status(CapacityProviderStatus.ACTIVE).type(CapacityProviderType.fromValue(name)).tags(List.of()).build();
    }

    static String arn(RequestContext context, String name) {
        return Arns.of(context, "ecs", "capacity-provider/" + name);
    }
}
