package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;

/**
 * Cloud Map's ARNs, {@code arn:aws:servicediscovery:<region>:<account>:namespace/<id>} and
 * {@code …:service/<id>}, and the ids that requests give either plainly or as such an ARN.
 */
final class CloudMapArns {
    static final String SERVICE = "servicediscovery";

    private CloudMapArns() {
    }

    static String namespace(AccountRegion region, String id) {
        return Arns.of(SERVICE, region.region(), region.accountId(), "namespace/" + id);
    }

    static String service(AccountRegion region, String id) {
        return Arns.of(SERVICE, region.region(), region.accountId(), "service/" + id);
    }

    /**
     * The id in an id or an ARN of {@code resourceType} ("namespace" or "service"); empty for an
     * ARN of another service, account or region, which this account-region cannot hold.
     */
    static Optional<String> idOf(AccountRegion region, String idOrArn, String resourceType) {
        if (idOrArn == null || idOrArn.isEmpty()) {
            return Optional.empty();
        }
        if (!Arns.looksLikeArn(idOrArn)) {
            return Optional.of(idOrArn);
        }
        String prefix = resourceType + "/";
        return Arns.parse(idOrArn)
                .filter(arn -> arn.service().equals(SERVICE) && arn.resource().startsWith(prefix))
                .filter(arn -> arn.accountId().equals(region.accountId()) && arn.region().equals(region.region()))
                .map(arn -> arn.resource().substring(prefix.length()));
    }
}
