package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesResponse;
import software.amazon.awssdk.services.ecs.model.ListAttributesRequest;
import software.amazon.awssdk.services.ecs.model.ListAttributesResponse;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutAttributesResponse;
import software.amazon.awssdk.services.ecs.model.TargetType;

/**
 * Custom attributes of container instances, for placement constraints: PutAttributes (up to 10
 * custom attributes per instance), DeleteAttributes and ListAttributes, as the ECS API reference
 * describes them (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAttributes.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html#attributes).
 */
public final class AttributeActions implements ActionGroup {
    static final int MAX_CUSTOM_ATTRIBUTES = 10;
    static final int MAX_RESULTS = 100;
    private static final String TARGET_TYPE = "container-instance";
    /** "Up to 128 letters (uppercase and lowercase), numbers, hyphens, underscores, forward slashes, back slashes, or periods." */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./\\\\-]{1,128}");
    /** The value: up to 128 of those and spaces, not starting or ending with a space. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_./\\\\:@-]([A-Za-z0-9_./\\\\:@ -]{0,126}[A-Za-z0-9_./\\\\:@-])?");

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "PutAttributes", PutAttributesRequest::builder, this::putAttributes)
                .add(AwsService.ECS, "DeleteAttributes", DeleteAttributesRequest::builder, this::deleteAttributes)
                .add(AwsService.ECS, "ListAttributes", ListAttributesRequest::builder, this::listAttributes);
    }

    PutAttributesResponse putAttributes(RequestContext context, PutAttributesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        checkCount(request.attributes());
        ContainerInstances instances = ContainerInstances.of(region);
        // Every check first, so that a refused request changes nothing.
        List<ContainerInstance> changed = new ArrayList<>();
        for (Attribute attribute : request.attributes()) {
            checkNameAndValue(attribute);
            ContainerInstance instance = target(region, cluster, attribute, changed);
            List<Attribute> attributes = new ArrayList<>(instance.attributes());
            attributes.removeIf(a -> a.name().equals(attribute.name()));
            attributes.add(Attribute.builder().name(attribute.name()).value(attribute.value()).build());
            long custom = attributes.stream().filter(a -> isCustom(a.name())).count();
            if (custom > MAX_CUSTOM_ATTRIBUTES) {
                throw new AwsException("AttributeLimitExceededException", "You can apply up to " + MAX_CUSTOM_ATTRIBUTES
                        + " custom attributes to a resource; " + instance.containerInstanceArn() + " would have " + custom + ".");
            }
            replace(changed, instance.toBuilder().attributes(attributes).build());
        }
        changed.forEach(instances::put);
        return PutAttributesResponse.builder().attributes(withTargets(request.attributes(), region, cluster)).build();
    }

    DeleteAttributesResponse deleteAttributes(RequestContext context, DeleteAttributesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        checkCount(request.attributes());
        List<ContainerInstance> changed = new ArrayList<>();
        for (Attribute attribute : request.attributes()) {
            ContainerInstance instance = target(region, cluster, attribute, changed);
            List<Attribute> attributes = new ArrayList<>(instance.attributes());
            if (!attributes.removeIf(a -> a.name().equals(attribute.name()) && isCustom(a.name()))) {
                throw new AwsException("TargetNotFoundException", "The container instance " + instance.containerInstanceArn()
                        + " has no custom attribute '" + attribute.name() + "' to delete.");
            }
            replace(changed, instance.toBuilder().attributes(attributes).build());
        }
        changed.forEach(ContainerInstances.of(region)::put);
        return DeleteAttributesResponse.builder().attributes(withTargets(request.attributes(), region, cluster)).build();
    }

    ListAttributesResponse listAttributes(RequestContext context, ListAttributesRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).requireActive(request.cluster());
        if (request.targetType() != TargetType.CONTAINER_INSTANCE) {
            throw EcsErrors.invalidParameter("targetType must be container-instance, the only target type.");
        }
        if (request.attributeValue() != null && request.attributeName() == null) {
            throw EcsErrors.invalidParameter("attributeValue filters the values of one attribute: give attributeName too.");
        }
        List<Attribute> found = new ArrayList<>();
        for (ContainerInstance instance : ContainerInstances.of(region).inCluster(cluster.clusterName())) {
            for (Attribute attribute : instance.attributes()) {
                if (request.attributeName() != null && !request.attributeName().equals(attribute.name())) {
                    continue;
                }
                if (request.attributeValue() != null && !request.attributeValue().equals(attribute.value())) {
                    continue;
                }
                found.add(attribute.toBuilder().targetType(TARGET_TYPE).targetId(instance.containerInstanceArn()).build());
            }
        }
        Pages.Page<Attribute> page = Pages.page(found, a -> a.targetId() + "|" + a.name(), request.nextToken(),
                request.maxResults(), MAX_RESULTS, MAX_RESULTS, "InvalidParameterException");
        return ListAttributesResponse.builder().attributes(page.items()).nextToken(page.nextToken()).build();
    }

    /** Not set by ECS or its agent: neither an {@code ecs.*} attribute nor a capability. */
    static boolean isCustom(String name) {
        return !name.startsWith("ecs.") && !name.startsWith("com.amazonaws.ecs.");
    }

    private static ContainerInstance target(AccountRegion region, Cluster cluster, Attribute attribute,
                                            List<ContainerInstance> changed) {
        if (attribute.targetType() != null && attribute.targetType() != TargetType.CONTAINER_INSTANCE) {
            throw EcsErrors.invalidParameter("targetType must be container-instance.");
        }
        String target = attribute.targetId();
        if (target == null || target.isEmpty()) {
            throw EcsErrors.invalidParameter("Each attribute needs its targetId: the container instance's ARN or id.");
        }
        String id = ContainerInstances.idOf(target);
        for (ContainerInstance already : changed) {
            if (ContainerInstances.idOf(already.containerInstanceArn()).equals(id)) {
                return already;
            }
        }
        return ContainerInstances.of(region).find(cluster.clusterName(), target)
                .filter(i -> !ContainerInstances.INACTIVE.equals(i.status()))
                .orElseThrow(() -> new AwsException("TargetNotFoundException", "Could not find " + target + " in the cluster "
                        + cluster.clusterName() + ". ListContainerInstances shows its container instances."));
    }

    private static void replace(List<ContainerInstance> changed, ContainerInstance instance) {
        changed.removeIf(i -> i.containerInstanceArn().equals(instance.containerInstanceArn()));
        changed.add(instance);
    }

    private static List<Attribute> withTargets(List<Attribute> attributes, AccountRegion region, Cluster cluster) {
        return attributes.stream().map(a -> a.toBuilder().targetType(TARGET_TYPE)
                .targetId(ContainerInstances.of(region).find(cluster.clusterName(), a.targetId())
                        .map(ContainerInstance::containerInstanceArn).orElse(a.targetId())).build()).toList();
    }

    private static void checkCount(List<Attribute> attributes) {
        if (attributes.isEmpty() || attributes.size() > MAX_CUSTOM_ATTRIBUTES) {
            throw EcsErrors.invalidParameter("Give 1 to " + MAX_CUSTOM_ATTRIBUTES + " attributes per call, not "
                    + attributes.size() + ".");
        }
    }

    private static void checkNameAndValue(Attribute attribute) {
        if (attribute.name() == null || !NAME.matcher(attribute.name()).matches()) {
            throw EcsErrors.invalidParameter("Invalid attribute name '" + attribute.name() + "': up to 128 letters, numbers, "
                    + "hyphens, underscores, forward slashes, back slashes or periods.");
        }
        if (!isCustom(attribute.name())) {
            throw EcsErrors.invalidParameter("The attribute name '" + attribute.name() + "' is reserved: attributes starting "
                    + "with ecs. or com.amazonaws.ecs. are set by Amazon ECS and its container agent.");
        }
        if (attribute.value() != null && !VALUE.matcher(attribute.value()).matches()) {
            throw EcsErrors.invalidParameter("Invalid attribute value '" + attribute.value() + "': up to 128 letters, numbers, "
                    + "hyphens, underscores, periods, at signs (@), forward slashes, back slashes, colons or spaces, not "
                    + "starting or ending with a space.");
        }
    }
}
