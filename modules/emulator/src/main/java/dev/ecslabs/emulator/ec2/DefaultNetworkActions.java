package dev.ecslabs.emulator.ec2;

import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.query.Ec2Call;
import dev.ecslabs.emulator.protocol.query.Ec2QueryEndpoint;
import dev.ecslabs.emulator.protocol.query.Ec2Xml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The EC2 actions that show an account its network, which is the emulator's default VPC in every
 * account and Region ({@link DefaultVpc}): DescribeVpcs, DescribeSubnets and DescribeSecurityGroups,
 * with their ids and the filters a program looking for the default VPC uses
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html).
 */
public final class DefaultNetworkActions {
    private static final String VPC_CIDR = "172.31.0.0/16";
    private static final String DHCP_OPTIONS_ID = "dopt-0ec5c0ffee0000001";
    private static final String DEFAULT_GROUP_NAME = "default";

    private record Vpc(String vpcId, String ownerId) {
    }

    private record SecurityGroup(String groupId, String vpcId, String ownerId) {
    }

    private static final Map<String, Function<Vpc, List<String>>> VPC_FILTERS = new LinkedHashMap<>();
    private static final Map<String, Function<Subnet, List<String>>> SUBNET_FILTERS = new LinkedHashMap<>();
    private static final Map<String, Function<SecurityGroup, List<String>>> GROUP_FILTERS = new LinkedHashMap<>();

    static {
        VPC_FILTERS.put("vpc-id", vpc -> List.of(vpc.vpcId()));
        VPC_FILTERS.put("is-default", vpc -> List.of("true"));
        VPC_FILTERS.put("isDefault", vpc -> List.of("true")); // EC2's older name of is-default, still in guides and scripts
        VPC_FILTERS.put("state", vpc -> List.of("available"));
        VPC_FILTERS.put("cidr", vpc -> List.of(VPC_CIDR));
        VPC_FILTERS.put("cidr-block-association.cidr-block", vpc -> List.of(VPC_CIDR));
        VPC_FILTERS.put("dhcp-options-id", vpc -> List.of(DHCP_OPTIONS_ID));
        VPC_FILTERS.put("owner-id", vpc -> List.of(vpc.ownerId()));
        SUBNET_FILTERS.put("subnet-id", subnet -> List.of(subnet.subnetId()));
        SUBNET_FILTERS.put("vpc-id", subnet -> List.of(subnet.vpcId()));
        SUBNET_FILTERS.put("default-for-az", subnet -> List.of("true"));
        SUBNET_FILTERS.put("defaultForAz", subnet -> List.of("true")); // "you can also use defaultForAz as the filter name"
        SUBNET_FILTERS.put("availability-zone", subnet -> List.of(subnet.availabilityZone()));
        SUBNET_FILTERS.put("availabilityZone", subnet -> List.of(subnet.availabilityZone()));
        SUBNET_FILTERS.put("cidr-block", subnet -> List.of(subnet.cidrBlock()));
        SUBNET_FILTERS.put("state", subnet -> List.of("available"));
        SUBNET_FILTERS.put("map-public-ip-on-launch", subnet -> List.of("true"));
        GROUP_FILTERS.put("group-id", group -> List.of(group.groupId()));
        GROUP_FILTERS.put("group-name", group -> List.of(DEFAULT_GROUP_NAME));
        GROUP_FILTERS.put("vpc-id", group -> List.of(group.vpcId()));
        GROUP_FILTERS.put("description", group -> List.of(description()));
        GROUP_FILTERS.put("owner-id", group -> List.of(group.ownerId()));
    }

    private DefaultNetworkActions() {
    }

    public static void register(Ec2QueryEndpoint endpoint) {
        endpoint.add("DescribeVpcs", DefaultNetworkActions::describeVpcs)
                .add("DescribeSubnets", DefaultNetworkActions::describeSubnets)
                .add("DescribeSecurityGroups", DefaultNetworkActions::describeSecurityGroups);
    }

    static void describeVpcs(Ec2Call call, Ec2Xml answer) {
        for (String id : call.list("VpcId")) {
            if (!DefaultVpc.isWellFormedVpcId(id)) {
                throw new AwsException("InvalidVpcID.Malformed", "Invalid id: \"" + id + "\" (a VPC id is vpc- and 8 or 17 "
                        + "hexadecimal digits, like " + DefaultVpc.VPC_ID + ")");
            }
            if (!id.equals(DefaultVpc.VPC_ID)) {
                throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist; this account's "
                        + "only VPC is its default one, " + DefaultVpc.VPC_ID + ".");
            }
        }
        List<Vpc> vpcs = new Ec2Filters<>("DescribeVpcs", VPC_FILTERS)
                .apply(List.of(new Vpc(DefaultVpc.VPC_ID, call.accountId())), call.filters());
        answer.open("vpcSet");
        for (Vpc vpc : vpcs) {
            answer.open("item").element("vpcId", vpc.vpcId()).element("ownerId", vpc.ownerId())
                    .element("state", "available").element("cidrBlock", VPC_CIDR)
                    .open("cidrBlockAssociationSet").open("item")
                    .element("cidrBlock", VPC_CIDR).element("associationId", "vpc-cidr-assoc-0ec5c0ffee0000001")
                    .open("cidrBlockState").element("state", "associated").close("cidrBlockState")
                    .close("item").close("cidrBlockAssociationSet")
                    .element("dhcpOptionsId", DHCP_OPTIONS_ID).element("instanceTenancy", "default")
                    .element("isDefault", true).close("item");
        }
        answer.close("vpcSet");
    }

    static void describeSubnets(Ec2Call call, Ec2Xml answer) {
        List<Subnet> all = DefaultVpc.SUBNET_IDS.stream().map(id -> DefaultVpc.subnet(call.region(), id).orElseThrow()).toList();
        List<Subnet> named = all;
        List<String> ids = call.list("SubnetId");
        if (!ids.isEmpty()) {
            for (String id : ids) {
                if (all.stream().noneMatch(subnet -> subnet.subnetId().equals(id))) {
                    throw new AwsException("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist; the "
                            + "default VPC's subnets are " + String.join(", ", DefaultVpc.SUBNET_IDS) + ".");
                }
            }
            named = all.stream().filter(subnet -> ids.contains(subnet.subnetId())).toList();
        }
        answer.open("subnetSet");
        for (Subnet subnet : new Ec2Filters<>("DescribeSubnets", SUBNET_FILTERS).apply(named, call.filters())) {
            int addresses = subnet.lastUsable() - subnet.firstUsable() + 1;
            answer.open("item").element("subnetId", subnet.subnetId())
                    .element("subnetArn", "arn:aws:ec2:" + call.region() + ":" + call.accountId() + ":subnet/" + subnet.subnetId())
                    .element("state", "available").element("ownerId", call.accountId()).element("vpcId", subnet.vpcId())
                    .element("cidrBlock", subnet.cidrBlock()).element("availableIpAddressCount", addresses)
                    .element("availabilityZone", subnet.availabilityZone()).element("defaultForAz", true)
                    .element("mapPublicIpOnLaunch", true).element("assignIpv6AddressOnCreation", false)
                    .close("item");
        }
        answer.close("subnetSet");
    }

    static void describeSecurityGroups(Ec2Call call, Ec2Xml answer) {
        SecurityGroup group = new SecurityGroup(DefaultVpc.SECURITY_GROUP_ID, DefaultVpc.VPC_ID, call.accountId());
        for (String id : call.list("GroupId")) {
            if (!DefaultVpc.isWellFormedSecurityGroupId(id)) {
                throw new AwsException("InvalidGroupId.Malformed", "Invalid id: \"" + id + "\" (a security group id is sg- "
                        + "and 8 or 17 hexadecimal digits, like " + DefaultVpc.SECURITY_GROUP_ID + ")");
            }
            if (!id.equals(group.groupId())) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + id + "' does not exist; the "
                        + "default VPC's only group is its default one, " + group.groupId() + ".");
            }
        }
        for (String name : call.list("GroupName")) {
            if (!name.equals(DEFAULT_GROUP_NAME)) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in "
                        + "default VPC '" + DefaultVpc.VPC_ID + "'; its only group is named " + DEFAULT_GROUP_NAME + ".");
            }
        }
        answer.open("securityGroupInfo");
        for (SecurityGroup found : new Ec2Filters<>("DescribeSecurityGroups", GROUP_FILTERS).apply(List.of(group), call.filters())) {
            // a default group: all traffic in from its own members, all traffic out
            // (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html)
            answer.open("item").element("ownerId", found.ownerId()).element("groupId", found.groupId())
                    .element("groupName", DEFAULT_GROUP_NAME).element("groupDescription", description())
                    .element("vpcId", found.vpcId())
                    .element("securityGroupArn", "arn:aws:ec2:" + call.region() + ":" + found.ownerId()
                            + ":security-group/" + found.groupId())
                    .open("ipPermissions").open("item").element("ipProtocol", "-1")
                    .open("groups").open("item").element("userId", found.ownerId()).element("groupId", found.groupId())
                    .close("item").close("groups").open("ipRanges").close("ipRanges").close("item").close("ipPermissions")
                    .open("ipPermissionsEgress").open("item").element("ipProtocol", "-1").open("groups").close("groups")
                    .open("ipRanges").open("item").element("cidrIp", "0.0.0.0/0").close("item").close("ipRanges")
                    .close("item").close("ipPermissionsEgress")
                    .close("item");
        }
        answer.close("securityGroupInfo");
    }

    private static String description() {
        return "default VPC security group";
    }
}
