package dev.ecslabs.emulator.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.network.DefaultVpc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The SDK's EC2 client finds an account's default VPC, its default subnets and its default security
 * group in the emulator as it finds them in AWS (the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html), in EC2's own
 * Query dialect, errors included.
 */
@EmulatorTest(account = "444444444444")
class DefaultNetworkActionsTest {
    Ec2Client ec2;

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    @DisplayName("DescribeVpcs with is-default=true finds the default VPC, 172.31.0.0/16, owned by the caller's account")
    void defaultVpc() {
        Vpc vpc = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0);
        assertThat(vpc.vpcId()).isEqualTo(DefaultVpc.VPC_ID);
        assertThat(vpc.isDefault()).isTrue();
        assertThat(vpc.cidrBlock()).isEqualTo("172.31.0.0/16");
        assertThat(vpc.ownerId()).isEqualTo("444444444444");
        assertThat(vpc.stateAsString()).isEqualTo("available");
        assertThat(ec2.describeVpcs(r -> r.filters(filter("is-default", "false"))).vpcs()).isEmpty();
    }

    @Test
    @DisplayName("DescribeSubnets with vpc-id and default-for-az finds one default subnet per Availability Zone of the caller's Region")
    void defaultSubnets() {
        var subnets = ec2.describeSubnets(r -> r.filters(filter("vpc-id", DefaultVpc.VPC_ID), filter("default-for-az", "true")))
                .subnets();
        assertThat(subnets).extracting(Subnet::subnetId).containsExactlyElementsOf(DefaultVpc.SUBNET_IDS);
        assertThat(subnets).extracting(Subnet::availabilityZone).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(subnets.get(1).cidrBlock()).isEqualTo("172.31.16.0/20");
        assertThat(subnets.get(1).availableIpAddressCount()).isEqualTo(4091); // 4,096 less the five AWS keeps
        assertThat(subnets.get(1).subnetArn()).isEqualTo("arn:aws:ec2:us-east-1:444444444444:subnet/" + DefaultVpc.SUBNET_IDS.get(1));
        assertThat(ec2.describeSubnets(r -> r.filters(filter("availability-zone", "*b"))).subnets())
                .extracting(Subnet::subnetId).containsExactly(DefaultVpc.SUBNET_IDS.get(1));
    }

    @Test
    @DisplayName("DescribeSecurityGroups by group-name=default finds the default VPC's default group: in from its own members, out to anywhere")
    void defaultSecurityGroup() {
        SecurityGroup group = ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", DefaultVpc.VPC_ID),
                filter("group-name", "default"))).securityGroups().get(0);
        assertThat(group.groupId()).isEqualTo(DefaultVpc.SECURITY_GROUP_ID);
        assertThat(group.description()).isEqualTo("default VPC security group");
        assertThat(group.ipPermissions().get(0).userIdGroupPairs().get(0).groupId()).isEqualTo(DefaultVpc.SECURITY_GROUP_ID);
        assertThat(group.ipPermissionsEgress().get(0).ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0");
        assertThat(ec2.describeSecurityGroups(r -> r.groupNames("default")).securityGroups()).hasSize(1);
    }

    @Test
    @DisplayName("An unknown VPC or subnet id is InvalidVpcID.NotFound / InvalidSubnetID.NotFound, a malformed one .Malformed")
    void unknownIds() {
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("vpc-0123456789abcdef0");
                });
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("my-vpc")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidVpcID.Malformed"));
        assertThatThrownBy(() -> ec2.describeSubnets(r -> r.subnetIds("subnet-12345678")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidSubnetID.NotFound"));
    }

    @Test
    @DisplayName("A filter the action does not know is InvalidParameterValue, and DryRun answers DryRunOperation")
    void badFilterAndDryRun() {
        assertThatThrownBy(() -> ec2.describeSubnets(r -> r.filters(filter("colour", "blue"))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("'colour'", "default-for-az");
                });
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.dryRun(true)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
                    assertThat(e.statusCode()).isEqualTo(412);
                });
    }

    @Test
    @DisplayName("An EC2 action the emulator does not serve is a fast InvalidAction that lists what it serves")
    void notServed() {
        assertThatThrownBy(() -> ec2.describeInstances())
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("DescribeVpcs", "DescribeSubnets");
                });
    }
}
