package dev.ecslabs.emulator.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.EmulatorContext;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetworkInterfacesTest {
    private final AccountRegion region = new AccountRegion("000000000000", "us-east-1",
            new EmulatorContext(new ManualClock(), () -> URI.create("http://localhost")));

    @Test
    @DisplayName("the default VPC has three /20 subnets of 172.31.0.0/16, one per Availability Zone")
    void defaultVpc() {
        assertThat(DefaultVpc.SUBNET_IDS).extracting(id -> DefaultVpc.subnet("us-east-1", id).orElseThrow())
                .extracting(Subnet::cidrBlock, Subnet::availabilityZone, Subnet::vpcId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("172.31.0.0/20", "us-east-1a", DefaultVpc.VPC_ID),
                        org.assertj.core.groups.Tuple.tuple("172.31.16.0/20", "us-east-1b", DefaultVpc.VPC_ID),
                        org.assertj.core.groups.Tuple.tuple("172.31.32.0/20", "us-east-1c", DefaultVpc.VPC_ID));
    }

    @Test
    @DisplayName("any well-formed subnet id has the same /24 range every time; a malformed one is refused")
    void otherSubnets() {
        Subnet once = DefaultVpc.subnet("eu-west-1", "subnet-12345678").orElseThrow();
        Subnet again = DefaultVpc.subnet("eu-west-1", "subnet-12345678").orElseThrow();

        assertThat(once).isEqualTo(again);
        assertThat(once.cidrBlock()).startsWith("10.").endsWith(".0/24");
        assertThat(once.availabilityZone()).matches("eu-west-1[abc]");
        assertThat(DefaultVpc.subnet("eu-west-1", "subnet-xyz")).isEmpty();
        assertThat(DefaultVpc.subnet("eu-west-1", "sub-12345678")).isEmpty();
    }

    @Test
    @DisplayName("an interface gets a private IP from its subnet past AWS's four reserved addresses, and EC2's DNS name")
    void firstInterface() {
        Subnet subnet = DefaultVpc.subnet("us-east-1", DefaultVpc.SUBNET_IDS.get(1)).orElseThrow();

        NetworkInterface eni = NetworkInterfaces.of(region).create(subnet).orElseThrow();

        assertThat(eni.privateIpv4Address()).isEqualTo("172.31.16.4");
        assertThat(eni.privateDnsName()).isEqualTo("ip-172-31-16-4.ec2.internal");
        assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(eni.macAddress()).matches("0a(:[0-9a-f]{2}){5}");
        assertThat(eni.availabilityZone()).isEqualTo("us-east-1b");
    }

    @Test
    @DisplayName("a new interface never takes the address a deleted one just gave back")
    void newTaskNewIp() {
        Subnet subnet = DefaultVpc.subnet("us-east-1", DefaultVpc.SUBNET_IDS.get(0)).orElseThrow();
        NetworkInterfaces interfaces = NetworkInterfaces.of(region);

        NetworkInterface first = interfaces.create(subnet).orElseThrow();
        interfaces.delete(first.networkInterfaceId());
        NetworkInterface second = interfaces.create(subnet).orElseThrow();

        assertThat(second.privateIpv4Address()).isNotEqualTo(first.privateIpv4Address());
    }

    @Test
    @DisplayName("a /24 subnet runs out after its 251 usable addresses, and frees them again")
    void subnetsFillUp() {
        Subnet subnet = DefaultVpc.subnet("us-east-1", "subnet-0123456789abcdef0").orElseThrow();
        NetworkInterfaces interfaces = NetworkInterfaces.of(region);
        Set<String> addresses = new HashSet<>();
        NetworkInterface last = null;
        for (int i = 0; i < 251; i++) {
            last = interfaces.create(subnet).orElseThrow();
            addresses.add(last.privateIpv4Address());
        }

        assertThat(addresses).hasSize(251);
        assertThat(interfaces.create(subnet)).isEmpty();
        interfaces.delete(last.networkInterfaceId());
        assertThat(interfaces.create(subnet)).map(NetworkInterface::privateIpv4Address).contains(last.privateIpv4Address());
    }
}
