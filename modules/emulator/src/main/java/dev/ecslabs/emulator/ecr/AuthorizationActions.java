package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * GetAuthorizationToken: registry credentials for the caller's account, valid for 12 hours of
 * emulated time. The token is base64 of {@code AWS:<password>}, and {@code proxyEndpoint} is the
 * emulator's own URL, where the registry answers under {@code /v2/}.
 */
public final class AuthorizationActions implements ActionGroup {
    private final AuthorizationTokens tokens;

    public AuthorizationActions(AuthorizationTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "GetAuthorizationToken", GetAuthorizationTokenRequest::builder, this::getAuthorizationToken);
    }

    GetAuthorizationTokenResponse getAuthorizationToken(RequestContext context, GetAuthorizationTokenRequest request) {
        Repositories repositories = Repositories.of(context.state());
        // registryIds is deprecated; each one named must be the caller's own registry here.
        List<String> registryIds = request.hasRegistryIds() ? request.registryIds() : List.of(repositories.registryId());
        registryIds.forEach(repositories::checkRegistryId);
        Instant expiresAt = context.now().plus(AuthorizationTokens.VALIDITY);
        String password = tokens.password(context.accountId(), context.region(), expiresAt);
        List<AuthorizationData> data = new ArrayList<>();
        for (int i = 0; i < registryIds.size(); i++) {
            data.add(AuthorizationData.builder()
                    .authorizationToken(AuthorizationTokens.authorizationToken(password))
                    .expiresAt(expiresAt)
                    .proxyEndpoint(context.state().context().url().toString())
                    .build());
        }
        return GetAuthorizationTokenResponse.builder().authorizationData(data).build();
    }
}
