package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Elastic Load Balancing's ARNs as AWS builds them (16 hex digits after the name), and the reading
 * back of which resource an ARN names:
 * {@code loadbalancer/app/web/50dc6c495c0c9188}, {@code targetgroup/web/73e2d6bc24d8a067},
 * {@code listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2},
 * {@code listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee}
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html).
 */
final class ElbIds {
    static final String SERVICE = "elasticloadbalancing";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ElbIds() {
    }

    static String id() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String arn(AccountRegion region, String resource) {
        return Arns.of(SERVICE, region.region(), region.accountId(), resource);
    }

    /** The resource part of an ELB ARN of this account and region ({@code targetgroup/web/…}); empty for anything else. */
    static Optional<String> resource(AccountRegion region, String arn) {
        return Arns.parse(arn).filter(a -> a.service().equals(SERVICE) && a.region().equals(region.region())
                && a.accountId().equals(region.accountId())).map(Arns.Arn::resource);
    }

    /** {@code app/web/50dc…} of a load balancer ARN, which its listeners and rules repeat. */
    static String loadBalancerPath(String loadBalancerArn) {
        String resource = loadBalancerArn.substring(loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        return resource;
    }
}
