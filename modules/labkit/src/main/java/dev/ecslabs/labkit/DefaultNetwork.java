package dev.ecslabs.labkit;

import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The account's default VPC as the aws backend places tasks in it: the VPC whose {@code is-default}
 * is true, its default subnet of each Availability Zone ({@code default-for-az}), and its security
 * group named {@code default}, found through EC2 as
 * https://docs.aws.amazon.com/vpc/latest/userguide/work-with-default-vpc.html finds them.
 */
record DefaultNetwork(String vpcId, List<String> subnetIds, String securityGroupId) {

    /** Asks EC2; an account without a default VPC in the Region gets a sentence that says how to go on. */
    static DefaultNetwork discover(Ec2Client ec2, Region region) {
        List<Vpc> vpcs = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs();
        if (vpcs.isEmpty()) {
            throw new IllegalStateException("Your AWS account has no default VPC in " + region + ", where the labs would "
                    + "place their Fargate tasks. Create one with `aws ec2 create-default-vpc --region " + region
                    + "`, or name a VPC and public subnets of yours with -Dlabs.vpc=vpc-… -Dlabs.subnets=subnet-…,subnet-….");
        }
        String vpcId = vpcs.get(0).vpcId();
        List<String> subnets = ec2.describeSubnetsPaginator(r -> r.filters(filter("vpc-id", vpcId),
                        filter("default-for-az", "true"))).subnets().stream()
                .sorted(java.util.Comparator.comparing(Subnet::availabilityZone)).map(Subnet::subnetId).toList();
        if (subnets.isEmpty()) {
            throw new IllegalStateException("The default VPC " + vpcId + " in " + region + " has no default subnets. "
                    + "Create one per Availability Zone with `aws ec2 create-default-subnet --availability-zone <zone>`, "
                    + "or name subnets of yours with -Dlabs.subnets=subnet-…,subnet-….");
        }
        String group = ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId), filter("group-name", "default")))
                .securityGroups().stream().map(SecurityGroup::groupId).findFirst().orElse(null);
        return new DefaultNetwork(vpcId, subnets, group);
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
