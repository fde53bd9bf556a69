package dev.ecslabs.emulator.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network every account sees in the emulator, shaped like an AWS default VPC: the VPC
 * {@value #VPC_ID} with the CIDR 172.31.0.0/16 and three /20 subnets, one per Availability Zone
 * (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html). Any other well-formed subnet
 * id ({@code subnet-} and 8 or 17 hex digits) is accepted too, with a /24 range in 10.0.0.0/8 and
 * an Availability Zone derived from the id, the same every time.
 */
public final class DefaultVpc {
    public static final String VPC_ID = "vpc-0ec5c0ffee0000001";
    public static final String SECURITY_GROUP_ID = "sg-0ec5c0ffee0000001";
    public static final List<String> SUBNET_IDS = List.of(
            "subnet-0ec5c0ffee000000a", "subnet-0ec5c0ffee000000b", "subnet-0ec5c0ffee000000c");

    private static final Pattern SUBNET_ID = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern VPC_ID_PATTERN = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern SECURITY_GROUP_ID_PATTERN = Pattern.compile("sg-([0-9a-f]{8}|[0-9a-f]{17})");

    private DefaultVpc() {
    }

    /** The subnet with this id in a region, or empty when the id is not a well-formed subnet id. */
    public static Optional<Subnet> subnet(String region, String subnetId) {
        if (subnetId == null || !SUBNET_ID.matcher(subnetId).matches()) {
            return Optional.empty();
        }
        int index = SUBNET_IDS.indexOf(subnetId);
        if (index >= 0) {
            return Optional.of(new Subnet(subnetId, VPC_ID, region + (char) ('a' + index), Ipv4.of(172, 31, 16 * index, 0), 20));
        }
        byte[] hash = sha256(subnetId);
        int second = hash[0] & 0xff;
        int third = hash[1] & 0xff;
        char zone = (char) ('a' + (hash[2] & 0xff) % 3);
        return Optional.of(new Subnet(subnetId, "vpc-" + hex(hash, 3, 17), region + zone, Ipv4.of(10, second, third, 0), 24));
    }

    public static boolean isWellFormedVpcId(String vpcId) {
        return vpcId != null && VPC_ID_PATTERN.matcher(vpcId).matches();
    }

    public static boolean isWellFormedSecurityGroupId(String groupId) {
        return groupId != null && SECURITY_GROUP_ID_PATTERN.matcher(groupId).matches();
    }

    /** {@code 17} hex digits from the hash, starting at byte {@code from}. */
    static String hex(byte[] hash, int from, int digits) {
        StringBuilder text = new StringBuilder();
        for (int i = from; text.length() < digits; i++) {
            text.append(String.format("%02x", hash[i % hash.length] & 0xff));
        }
        return text.substring(0, digits);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
