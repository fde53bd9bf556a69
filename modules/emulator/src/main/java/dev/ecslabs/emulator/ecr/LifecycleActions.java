package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewSummary;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Lifecycle policies: Put, Get and DeleteLifecyclePolicy, and the preview (Start and
 * GetLifecyclePolicyPreview), which computes on the clock what the policy would expire now.
 */
public final class LifecycleActions implements ActionGroup {
    private final LifecycleEnforcement enforcement;

    public LifecycleActions(LifecycleEnforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "PutLifecyclePolicy", PutLifecyclePolicyRequest::builder, this::putLifecyclePolicy)
                .add(AwsService.ECR, "GetLifecyclePolicy", GetLifecyclePolicyRequest::builder, this::getLifecyclePolicy)
                .add(AwsService.ECR, "DeleteLifecyclePolicy", DeleteLifecyclePolicyRequest::builder, this::deleteLifecyclePolicy)
                .add(AwsService.ECR, "StartLifecyclePolicyPreview", StartLifecyclePolicyPreviewRequest::builder, this::startLifecyclePolicyPreview)
                .add(AwsService.ECR, "GetLifecyclePolicyPreview", GetLifecyclePolicyPreviewRequest::builder, this::getLifecyclePolicyPreview);
    }

    PutLifecyclePolicyResponse putLifecyclePolicy(RequestContext context, PutLifecyclePolicyRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        LifecyclePolicy policy = LifecyclePolicy.parse(request.lifecyclePolicyText());
        repository.lifecyclePolicy(policy);
        enforcement.changed(context.state(), repository);
        return PutLifecyclePolicyResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).lifecyclePolicyText(policy.text()).build();
    }

    GetLifecyclePolicyResponse getLifecyclePolicy(RequestContext context, GetLifecyclePolicyRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        LifecyclePolicy policy = repository.lifecyclePolicy().orElseThrow(() -> policyNotFound(repository));
        return GetLifecyclePolicyResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).lifecyclePolicyText(policy.text())
                .lastEvaluatedAt(repository.lifecyclePolicyLastEvaluatedAt().orElse(null)).build();
    }

    DeleteLifecyclePolicyResponse deleteLifecyclePolicy(RequestContext context, DeleteLifecyclePolicyRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        LifecyclePolicy policy = repository.lifecyclePolicy().orElseThrow(() -> policyNotFound(repository));
        DeleteLifecyclePolicyResponse response = DeleteLifecyclePolicyResponse.builder()
                .registryId(repository.registryId()).repositoryName(repository.name())
                .lifecyclePolicyText(policy.text())
                .lastEvaluatedAt(repository.lifecyclePolicyLastEvaluatedAt().orElse(null)).build();
        repository.lifecyclePolicy(null);
        enforcement.stop(repository);
        return response;
    }

    StartLifecyclePolicyPreviewResponse startLifecyclePolicyPreview(RequestContext context,
                                                                    StartLifecyclePolicyPreviewRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        LifecyclePolicy policy = request.lifecyclePolicyText() != null
                ? LifecyclePolicy.parse(request.lifecyclePolicyText())
                : repository.lifecyclePolicy().orElseThrow(() -> policyNotFound(repository));
        if (repository.preview().filter(p -> p.status() == LifecyclePolicyPreviewStatus.IN_PROGRESS).isPresent()) {
            throw new AwsException("LifecyclePolicyPreviewInProgressException", "Previous lifecycle policy preview "
                    + "request has not completed for the repository with name '" + repository.name() + "'. Wait for "
                    + "it (GetLifecyclePolicyPreview) and try again.");
        }
        enforcement.startPreview(context.state(), repository, policy);
        return StartLifecyclePolicyPreviewResponse.builder().registryId(repository.registryId())
                .repositoryName(repository.name()).lifecyclePolicyText(policy.text())
                .status(LifecyclePolicyPreviewStatus.IN_PROGRESS).build();
    }

    GetLifecyclePolicyPreviewResponse getLifecyclePolicyPreview(RequestContext context,
                                                                GetLifecyclePolicyPreviewRequest request) {
        RepositoryState repository = repository(context, request.registryId(), request.repositoryName());
        LifecyclePreview preview = repository.preview().orElseThrow(() -> new AwsException(
                "LifecyclePolicyPreviewNotFoundException", "There is no lifecycle policy preview for the repository "
                + "with name '" + repository.name() + "' in the registry with id '" + repository.registryId()
                + "'. Start one with StartLifecyclePolicyPreview."));
        List<LifecyclePolicyPreviewResult> results = preview.results();
        TagStatus status = request.filter() == null || request.filter().tagStatus() == null ? TagStatus.ANY
                : request.filter().tagStatus();
        List<LifecyclePolicyPreviewResult> selected = results.stream()
                .filter(r -> status == TagStatus.ANY || (status == TagStatus.TAGGED) == r.hasImageTags())
                .filter(r -> !request.hasImageIds() || request.imageIds().stream().anyMatch(id -> names(id, r)))
                .toList();
        if (request.hasImageIds() && (request.nextToken() != null || request.maxResults() != null)) {
            throw EcrErrors.invalidParameter("maxResults and nextToken can't be used with imageIds");
        }
        Pages.Page<LifecyclePolicyPreviewResult> page = Pages.page(selected, LifecyclePolicyPreviewResult::imageDigest,
                request.nextToken(), request.maxResults(), 100, 100, "InvalidParameterException");
        GetLifecyclePolicyPreviewResponse.Builder response = GetLifecyclePolicyPreviewResponse.builder()
                .registryId(repository.registryId()).repositoryName(repository.name())
                .lifecyclePolicyText(preview.policyText()).status(preview.status())
                .previewResults(page.items()).nextToken(page.nextToken());
        if (preview.status() == LifecyclePolicyPreviewStatus.COMPLETE) {
            response.summary(LifecyclePolicyPreviewSummary.builder().expiringImageTotalCount(results.size()).build());
        }
        return response.build();
    }

    private static boolean names(ImageIdentifier id, LifecyclePolicyPreviewResult result) {
        return (id.imageDigest() == null || id.imageDigest().equals(result.imageDigest()))
                && (id.imageTag() == null || result.imageTags().contains(id.imageTag()));
    }

    private static AwsException policyNotFound(RepositoryState repository) {
        return new AwsException("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository "
                + "with name '" + repository.name() + "' in the registry with id '" + repository.registryId()
                + "'. Put one with PutLifecyclePolicy.");
    }

    private static RepositoryState repository(RequestContext context, String registryId, String name) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(registryId);
        return repositories.require(name);
    }
}
