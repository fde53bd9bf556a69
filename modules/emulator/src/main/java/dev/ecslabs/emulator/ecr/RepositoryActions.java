package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.ReplicationConfiguration;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/** ECR's repository actions: create, describe, delete, tag mutability, scanning configuration, and DescribeRegistry. */
public final class RepositoryActions implements ActionGroup {
    private final LifecycleEnforcement lifecycle;

    public RepositoryActions(LifecycleEnforcement lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECR, "CreateRepository", CreateRepositoryRequest::builder, this::createRepository)
                .add(AwsService.ECR, "DescribeRepositories", DescribeRepositoriesRequest::builder, this::describeRepositories)
                .add(AwsService.ECR, "DeleteRepository", DeleteRepositoryRequest::builder, this::deleteRepository)
                .add(AwsService.ECR, "PutImageTagMutability", PutImageTagMutabilityRequest::builder, this::putImageTagMutability)
                .add(AwsService.ECR, "PutImageScanningConfiguration", PutImageScanningConfigurationRequest::builder, this::putImageScanningConfiguration)
                .add(AwsService.ECR, "DescribeRegistry", DescribeRegistryRequest::builder, this::describeRegistry);
    }

    CreateRepositoryResponse createRepository(RequestContext context, CreateRepositoryRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        String name = request.repositoryName();
        if (!Repositories.isValidName(name)) {
            throw EcrErrors.invalidParameter("repositoryName", "must satisfy regular expression '"
                    + Repositories.NAME.pattern() + "': 2 to 256 lowercase letters, digits and . _ - in segments "
                    + "separated by '/', like 'team/web-app'. '" + name + "' is not one");
        }
        ImageTagMutability mutability = request.imageTagMutability() == null ? ImageTagMutability.MUTABLE
                : request.imageTagMutability();
        List<ImageTagMutabilityExclusionFilter> filters = exclusionFilters(mutability,
                request.hasImageTagMutabilityExclusionFilters() ? request.imageTagMutabilityExclusionFilters() : List.of());
        List<Tag> tags = EcrTagging.checked(request.hasTags() ? request.tags() : List.of());
        EncryptionConfiguration encryption = encryption(context, request.encryptionConfiguration());
        if (repositories.find(name).isPresent()) {
            throw new AwsException("RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + repositories.registryId() + "'");
        }
        Repository repository = Repository.builder()
                .repositoryArn(repositories.arn(name))
                .registryId(repositories.registryId())
                .repositoryName(name)
                .repositoryUri(repositories.uri(name))
                .createdAt(context.now())
                .imageTagMutability(mutability)
                .imageTagMutabilityExclusionFilters(filters.isEmpty() ? null : filters)
                .imageScanningConfiguration(request.imageScanningConfiguration() != null
                        && request.imageScanningConfiguration().scanOnPush() != null
                        ? request.imageScanningConfiguration()
                        : ImageScanningConfiguration.builder().scanOnPush(false).build())
                .encryptionConfiguration(encryption)
                .build();
        repositories.add(new RepositoryState(repository, tags));
        return CreateRepositoryResponse.builder().repository(repository).build();
    }

    DescribeRepositoriesResponse describeRepositories(RequestContext context, DescribeRepositoriesRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        if (request.hasRepositoryNames()) {
            if (request.nextToken() != null || request.maxResults() != null) {
                throw EcrErrors.invalidParameter("maxResults and nextToken can't be used with repositoryNames: "
                        + "DescribeRepositories answers every repository you name at once");
            }
            List<Repository> found = new ArrayList<>();
            for (String name : request.repositoryNames()) {
                found.add(repositories.answered(repositories.require(name)));
            }
            return DescribeRepositoriesResponse.builder().repositories(found).build();
        }
        List<Repository> all = repositories.all().stream().map(repositories::answered).toList();
        Pages.Page<Repository> page = Pages.page(all, Repository::repositoryName, request.nextToken(),
                request.maxResults(), 100, 1000, "InvalidParameterException");
        return DescribeRepositoriesResponse.builder().repositories(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteRepositoryResponse deleteRepository(RequestContext context, DeleteRepositoryRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        RepositoryState repository = repositories.require(request.repositoryName());
        if (!repository.images().isEmpty() && !Boolean.TRUE.equals(request.force())) {
            throw new AwsException("RepositoryNotEmptyException", "The repository with name '" + repository.name()
                    + "' in registry with id '" + repository.registryId() + "' cannot be deleted because it still "
                    + "contains images (" + repository.images().count() + "). Delete them first with BatchDeleteImage, "
                    + "or pass force=true to delete them with the repository.");
        }
        lifecycle.stop(repository);
        repositories.remove(repository);
        return DeleteRepositoryResponse.builder().repository(repositories.answered(repository)).build();
    }

    PutImageTagMutabilityResponse putImageTagMutability(RequestContext context, PutImageTagMutabilityRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        RepositoryState repository = repositories.require(request.repositoryName());
        List<ImageTagMutabilityExclusionFilter> filters = exclusionFilters(request.imageTagMutability(),
                request.hasImageTagMutabilityExclusionFilters() ? request.imageTagMutabilityExclusionFilters() : List.of());
        repository.update(repository.repository().toBuilder()
                .imageTagMutability(request.imageTagMutability())
                .imageTagMutabilityExclusionFilters(filters.isEmpty() ? null : filters)
                .build());
        return PutImageTagMutabilityResponse.builder()
                .registryId(repository.registryId())
                .repositoryName(repository.name())
                .imageTagMutability(request.imageTagMutability())
                .imageTagMutabilityExclusionFilters(filters.isEmpty() ? null : filters)
                .build();
    }

    PutImageScanningConfigurationResponse putImageScanningConfiguration(RequestContext context,
                                                                        PutImageScanningConfigurationRequest request) {
        Repositories repositories = Repositories.of(context.state());
        repositories.checkRegistryId(request.registryId());
        RepositoryState repository = repositories.require(request.repositoryName());
        ImageScanningConfiguration configuration = request.imageScanningConfiguration();
        if (configuration.scanOnPush() == null) {
            throw EcrErrors.invalidParameter("imageScanningConfiguration.scanOnPush", "must be true or false");
        }
        repository.update(repository.repository().toBuilder().imageScanningConfiguration(configuration).build());
        return PutImageScanningConfigurationResponse.builder()
                .registryId(repository.registryId())
                .repositoryName(repository.name())
                .imageScanningConfiguration(configuration)
                .build();
    }

    DescribeRegistryResponse describeRegistry(RequestContext context, DescribeRegistryRequest request) {
        // The emulator replicates nothing: the registry's replication configuration has no rules.
        return DescribeRegistryResponse.builder()
                .registryId(Repositories.of(context.state()).registryId())
                .replicationConfiguration(ReplicationConfiguration.builder().rules(List.of()).build())
                .build();
    }

    private static List<ImageTagMutabilityExclusionFilter> exclusionFilters(ImageTagMutability mutability,
                                                                          List<ImageTagMutabilityExclusionFilter> filters) {
        boolean withExclusion = mutability == ImageTagMutability.IMMUTABLE_WITH_EXCLUSION
                || mutability == ImageTagMutability.MUTABLE_WITH_EXCLUSION;
        if (withExclusion && filters.isEmpty()) {
            throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters", "required when imageTagMutability is "
                    + mutability + ": give 1 to 5 WILDCARD filters such as 'latest' or 'dev-*'");
        }
        if (!withExclusion && !filters.isEmpty()) {
            throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters", "only allowed when imageTagMutability "
                    + "is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not " + mutability);
        }
        return filters;
    }

    private static EncryptionConfiguration encryption(RequestContext context, EncryptionConfiguration requested) {
        if (requested == null) {
            return EncryptionConfiguration.builder().encryptionType(EncryptionType.AES256).build();
        }
        if (requested.encryptionType() == EncryptionType.AES256) {
            if (requested.kmsKey() != null) {
                throw EcrErrors.invalidParameter("encryptionConfiguration.kmsKey", "a KMS key can only be given with "
                        + "encryptionType KMS or KMS_DSSE, not AES256");
            }
            return requested;
        }
        // KMS without a key means the AWS managed key for ECR, aws/ecr.
        String key = requested.kmsKey() != null ? requested.kmsKey()
                : "arn:aws:kms:" + context.region() + ":" + context.accountId() + ":alias/aws/ecr";
        return requested.toBuilder().kmsKey(key).build();
    }
}
