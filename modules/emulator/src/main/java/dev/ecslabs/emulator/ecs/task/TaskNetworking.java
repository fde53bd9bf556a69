package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.network.NetworkInterface;
import dev.ecslabs.emulator.network.NetworkInterfaces;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A Fargate task's awsvpc networking: the {@code awsvpcConfiguration} checks of RunTask and
 * CreateService, and the task's elastic network interface, reported as its
 * {@code ElasticNetworkInterface} attachment: PRECREATED with its subnet while the task is
 * PROVISIONING, ATTACHED with its id, MAC address, private DNS name and a new private IPv4
 * address from then on, DELETED once the task is STOPPED and its address is free again
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html).
 */
public final class TaskNetworking {
    public static final String ENI_ATTACHMENT = "ElasticNetworkInterface";
    static final int MAX_SUBNETS = 16;
    static final int MAX_SECURITY_GROUPS = 5;

    private TaskNetworking() {
    }

    /** The subnets an awsvpc task may be placed in, or AWS's InvalidParameterException for a configuration it refuses. */
    public static List<Subnet> subnets(AccountRegion region, NetworkConfiguration configuration) {
        AwsVpcConfiguration awsvpc = configuration == null ? null : configuration.awsvpcConfiguration();
        if (awsvpc == null) {
            throw EcsErrors.invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified. "
                    + "Give networkConfiguration.awsvpcConfiguration with the subnets to place the task in, for example "
                    + "the default VPC's " + String.join(", ", DefaultVpc.SUBNET_IDS) + ".");
        }
        if (awsvpc.subnets().isEmpty()) {
            throw EcsErrors.invalidParameter("subnets can not be empty. Name 1 to " + MAX_SUBNETS + " subnets of one VPC.");
        }
        if (awsvpc.subnets().size() > MAX_SUBNETS) {
            throw EcsErrors.invalidParameter("subnets can have at most " + MAX_SUBNETS + " items, not "
                    + awsvpc.subnets().size() + ".");
        }
        List<Subnet> subnets = new ArrayList<>();
        for (String subnetId : awsvpc.subnets()) {
            Subnet subnet = DefaultVpc.subnet(region.region(), subnetId).orElseThrow(() -> EcsErrors.invalidParameter(
                    "Error retrieving subnet information for [" + subnetId + "]: The subnet ID '" + subnetId
                            + "' is malformed (ErrorCode: InvalidSubnetID.Malformed). A subnet id is subnet- and 8 or 17 "
                            + "hexadecimal digits, like the default VPC's " + DefaultVpc.SUBNET_IDS.get(0) + "."));
            if (!subnets.isEmpty() && !subnets.get(0).vpcId().equals(subnet.vpcId())) {
                throw EcsErrors.invalidParameter("The subnets of an awsvpcConfiguration must all be in the same VPC: "
                        + subnets.get(0).subnetId() + " is in " + subnets.get(0).vpcId() + ", " + subnetId + " in "
                        + subnet.vpcId() + ".");
            }
            if (subnets.stream().noneMatch(s -> s.subnetId().equals(subnetId))) {
                subnets.add(subnet);
            }
        }
        if (awsvpc.securityGroups().size() > MAX_SECURITY_GROUPS) {
            throw EcsErrors.invalidParameter("securityGroups can have at most " + MAX_SECURITY_GROUPS + " items, not "
                    + awsvpc.securityGroups().size() + ".");
        }
        for (String group : awsvpc.securityGroups()) {
            if (!DefaultVpc.isWellFormedSecurityGroupId(group)) {
                throw EcsErrors.invalidParameter("Error retrieving security group information for [" + group
                        + "]: The security group '" + group + "' is malformed (ErrorCode: InvalidGroupId.Malformed). "
                        + "A security group id is sg- and 8 or 17 hexadecimal digits, like " + DefaultVpc.SECURITY_GROUP_ID
                        + ", the default VPC's default group.");
            }
        }
        return List.copyOf(subnets);
    }

    /** The attachment of a task that is being provisioned: its network interface is yet to be created in the subnet. */
    static Attachment precreated(Subnet subnet) {
        return Attachment.builder()
                .id(UUID.randomUUID().toString())
                .type(ENI_ATTACHMENT)
                .status("PRECREATED")
                .details(detail("subnetId", subnet.subnetId()))
                .build();
    }

    /**
     * The task with its network interface created and attached, and its containers reachable at
     * its private IP; empty when its subnet has no free address left.
     */
    static Optional<Task> attach(AccountRegion region, Task task) {
        if (eniAttachment(task).isEmpty()) {
            // An EC2 task in bridge or host network mode uses its instance's network: no interface of its own.
            return Optional.of(task);
        }
        Attachment attachment = eniAttachment(task).orElseThrow();
        String subnetId = detailOf(attachment, "subnetId").orElseThrow();
        Subnet subnet = DefaultVpc.subnet(region.region(), subnetId).orElseThrow();
        Optional<NetworkInterface> created = NetworkInterfaces.of(region).create(subnet);
        if (created.isEmpty()) {
            return Optional.empty();
        }
        NetworkInterface eni = created.get();
        Attachment attached = attachment.toBuilder()
                .status("ATTACHED")
                .details(detail("subnetId", subnetId),
                        detail("networkInterfaceId", eni.networkInterfaceId()),
                        detail("macAddress", eni.macAddress()),
                        detail("privateDnsName", eni.privateDnsName()),
                        detail("privateIPv4Address", eni.privateIpv4Address()))
                .build();
        software.amazon.awssdk.services.ecs.model.NetworkInterface containerInterface =
                software.amazon.awssdk.services.ecs.model.NetworkInterface.builder()
                        .attachmentId(attachment.id()).privateIpv4Address(eni.privateIpv4Address()).build();
        List<Container> containers = task.containers().stream()
                .map(c -> c.toBuilder().networkInterfaces(containerInterface).build()).toList();
        return Optional.of(task.toBuilder().attachments(replace(task, attached)).containers(containers).build());
    }

    /** The task with its network interface deleted (its address free for later tasks) and the attachment DELETED. */
    static Task detach(AccountRegion region, Task task) {
        Optional<Attachment> attachment = eniAttachment(task);
        if (attachment.isEmpty()) {
            return task;
        }
        detailOf(attachment.get(), "networkInterfaceId").ifPresent(NetworkInterfaces.of(region)::delete);
        return task.toBuilder().attachments(replace(task, attachment.get().toBuilder().status("DELETED").build())).build();
    }

    /** The task's private IPv4 address, once its network interface is attached. */
    public static Optional<String> privateIpv4Address(Task task) {
        return eniAttachment(task).flatMap(a -> detailOf(a, "privateIPv4Address"));
    }

    static Optional<Attachment> eniAttachment(Task task) {
        return task.attachments().stream().filter(a -> ENI_ATTACHMENT.equals(a.type())).findFirst();
    }

    private static List<Attachment> replace(Task task, Attachment changed) {
        return task.attachments().stream().map(a -> a.id().equals(changed.id()) ? changed : a).toList();
    }

    private static Optional<String> detailOf(Attachment attachment, String name) {
        return attachment.details().stream().filter(d -> name.equals(d.name())).map(KeyValuePair::value).findFirst();
    }

    private static KeyValuePair detail(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }
}
