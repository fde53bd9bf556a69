package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyResponse;

/**
 * Repository policies: Set, Get and DeleteRepositoryPolicy. A policy must be an IAM policy
 * document (Statement entries with Effect, Principal and Action); the emulator stores and returns
 * it but, having one caller per account, does not evaluate it.
 */
public final class RepositoryPolicyActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "SetRepositoryPolicy", SetRepositoryPolicyRequest::builder, this::setRepositoryPolicy)
                .add(AwsService.ECR, "GetRepositoryPolicy", GetRepositoryPolicyRequest::builder, this::getRepositoryPolicy)
                .add(AwsService.ECR, "DeleteRepositoryPolicy", DeleteRepositoryPolicyRequest::builder, this::deleteRepositoryPolicy);
    }

    SetRepositoryPolicyResponse setRepositoryPolicy(RequestContext context, SetRepositoryPolicyRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        RepositoryState repository = repositories.require(request.repositoryName());
        check(request.policyText());
        repository.policyText(request.policyText());
        return SetRepositoryPolicyResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).policyText(request.policyText()).build();
    }

    GetRepositoryPolicyResponse getRepositoryPolicy(RequestContext context, GetRepositoryPolicyRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        RepositoryState repository = repositories.require(request.repositoryName());
        String policy = repository.policyText().orElseThrow(() -> notFound(repository));
        return GetRepositoryPolicyResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).policyText(policy).build();
    }

    DeleteRepositoryPolicyResponse deleteRepositoryPolicy(RequestContext context, DeleteRepositoryPolicyRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        RepositoryState repository = repositories.require(request.repositoryName());
        String policy = repository.policyText().orElseThrow(() -> notFound(repository));
        repository.policyText(null);
        return DeleteRepositoryPolicyResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).policyText(policy).build();
    }

    private static AwsException notFound(RepositoryState repository) {
        return new AwsException("RepositoryPolicyNotFoundException", "Repository policy does not exist for the "
                + "repository with name '" + repository.name() + "' in the registry with id '" + repository.registryId() + "'");
    }

    /** Checks the shape of an IAM policy document, as ECR does before it accepts one. */
    static void check(String text) {
        JsonNode policy;
        try {
            policy = AwsJsonCodec.MAPPER.readTree(text);
        } catch (IOException e) {
            throw invalid("the policy is not valid JSON");
        }
        if (policy == null || !policy.isObject()) {
            throw invalid("the policy must be a JSON object with a Statement");
        }
        JsonNode statements = policy.get("Statement");
        if (statements == null || !(statements.isArray() && !statements.isEmpty() || statements.isObject())) {
            throw invalid("the policy needs a Statement: one statement object or a non-empty list of them");
        }
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (!statement.isObject()) {
                throw invalid("every Statement entry must be an object");
            }
            String effect = statement.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw invalid("every statement needs Effect Allow or Deny, not '" + effect + "'");
            }
            if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
                throw invalid("a repository policy statement needs a Principal (who may act on the repository)");
            }
            if (!statement.has("Action") && !statement.has("NotAction")) {
                throw invalid("every statement needs an Action, such as \"ecr:BatchGetImage\"");
            }
        }
    }

    private static AwsException invalid(String reason) {
        return EcrErrors.invalidParameter("PolicyText", "Invalid repository policy provided: " + reason);
    }
}
