package dev.ecslabs.emulator.sts;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS: GetCallerIdentity answers who the credentials are (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
 * The emulator's callers are an account's root (the access-key rule of the README: a 12-digit key is
 * the account, any other the default account), so the answer is the account's root identity.
 */
public final class StsActions implements ActionGroup {
    @Override
    public void register(OperationTable table) {
        table.add(AwsService.STS, "GetCallerIdentity", GetCallerIdentityRequest::builder, this::getCallerIdentity);
    }

    GetCallerIdentityResponse getCallerIdentity(RequestContext context, GetCallerIdentityRequest request) {
        return GetCallerIdentityResponse.builder()
                .account(context.accountId())
                .userId(context.accountId())
                .arn("arn:aws:iam::" + context.accountId() + ":root")
                .build();
    }
}
