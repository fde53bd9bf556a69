package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTagging;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * ECS's task definition actions, as the ECS API reference describes them: RegisterTaskDefinition
 * (a new revision of its family, after {@link TaskDefinitionRules}), DescribeTaskDefinition (by
 * family, family:revision or ARN, tags with {@code include}), ListTaskDefinitions,
 * ListTaskDefinitionFamilies, DeregisterTaskDefinition (INACTIVE) and DeleteTaskDefinitions
 * (DELETE_IN_PROGRESS, INACTIVE ones only). Task definitions are taggable as {@code task-definition}.
 */
public final class TaskDefinitionActions implements ActionGroup, EcsTagging.Taggable {
    /** "You can specify up to 10 task definitions as a comma separated list." */
    static final int MAX_DELETE = 10;
    private static final int MAX_RESULTS = 100;
    private static final String STILL_ACTIVE =
            "The specified task definition is still in ACTIVE status. Please deregister the target and try again.";

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "RegisterTaskDefinition", RegisterTaskDefinitionRequest::builder, this::registerTaskDefinition)
                .add(AwsService.ECS, "DescribeTaskDefinition", DescribeTaskDefinitionRequest::builder, this::describeTaskDefinition)
                .add(AwsService.ECS, "ListTaskDefinitions", ListTaskDefinitionsRequest::builder, this::listTaskDefinitions)
                .add(AwsService.ECS, "ListTaskDefinitionFamilies", ListTaskDefinitionFamiliesRequest::builder, this::listTaskDefinitionFamilies)
                .add(AwsService.ECS, "DeregisterTaskDefinition", DeregisterTaskDefinitionRequest::builder, this::deregisterTaskDefinition)
                .add(AwsService.ECS, "DeleteTaskDefinitions", DeleteTaskDefinitionsRequest::builder, this::deleteTaskDefinitions);
    }

    RegisterTaskDefinitionResponse registerTaskDefinition(RequestContext context, RegisterTaskDefinitionRequest request) {
        TaskSize size = TaskDefinitionRules.check(request);
        List<Tag> tags = EcsTags.checked(request.tags());
        TaskDefinitions definitions = TaskDefinitions.of(context.state());
        int revision = definitions.nextRevision(request.family());
        TaskDefinition registered = RegisteredTaskDefinition.of(context, request, size,
                definitions.arn(request.family(), revision), revision);
        definitions.add(registered, tags);
        return RegisterTaskDefinitionResponse.builder().taskDefinition(registered).tags(tags).build();
    }

    DescribeTaskDefinitionResponse describeTaskDefinition(RequestContext context, DescribeTaskDefinitionRequest request) {
        TaskDefinitions definitions = TaskDefinitions.of(context.state());
        String named = request.taskDefinition();
        TaskDefinitions.Revision revision = definitions.findRevision(named)
                .orElseThrow(() -> EcsErrors.client("Unable to describe task definition. " + whyNotFound(context, named)));
        DescribeTaskDefinitionResponse.Builder response = DescribeTaskDefinitionResponse.builder()
                .taskDefinition(revision.definition());
        if (request.include().contains(TaskDefinitionField.TAGS)) {
            response.tags(revision.tags());
        }
        return response.build();
    }

    ListTaskDefinitionsResponse listTaskDefinitions(RequestContext context, ListTaskDefinitionsRequest request) {
        TaskDefinitionStatus status = request.status() == null ? TaskDefinitionStatus.ACTIVE : request.status();
        boolean descending = request.sort() == SortOrder.DESC;
        // familyPrefix is "the full family name": it filters to one family, unlike ListTaskDefinitionFamilies'.
        List<TaskDefinition> matching = new ArrayList<>();
        for (TaskDefinitions.Revision revision : TaskDefinitions.of(context.state()).all()) {
            TaskDefinition definition = revision.definition();
            boolean inFamily = request.familyPrefix() == null || request.familyPrefix().equals(definition.family());
            if (inFamily && definition.status() == status) {
                matching.add(definition);
            }
        }
        matching.sort(Comparator.comparing(definition -> sortKey(definition, descending)));
        Pages.Page<TaskDefinition> page = Pages.page(matching, definition -> sortKey(definition, descending),
                request.nextToken(), request.maxResults(), MAX_RESULTS, MAX_RESULTS, "InvalidParameterException");
        return ListTaskDefinitionsResponse.builder()
                .taskDefinitionArns(page.items().stream().map(TaskDefinition::taskDefinitionArn).toList())
                .nextToken(page.nextToken())
                .build();
    }

    ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies(RequestContext context,
                                                                  ListTaskDefinitionFamiliesRequest request) {
        TaskDefinitionFamilyStatus status = request.status() == null ? TaskDefinitionFamilyStatus.ALL : request.status();
        List<String> families = new ArrayList<>();
        for (Map.Entry<String, Collection<TaskDefinitions.Revision>> family
                : TaskDefinitions.of(context.state()).byFamily().entrySet()) {
            boolean active = family.getValue().stream().anyMatch(r -> r.status() == TaskDefinitionStatus.ACTIVE);
            boolean statusMatches = status == TaskDefinitionFamilyStatus.ALL
                    || (status == TaskDefinitionFamilyStatus.ACTIVE) == active;
            if (statusMatches && (request.familyPrefix() == null || family.getKey().startsWith(request.familyPrefix()))) {
                families.add(family.getKey());
            }
        }
        Pages.Page<String> page = Pages.page(families, family -> family, request.nextToken(), request.maxResults(),
                MAX_RESULTS, MAX_RESULTS, "InvalidParameterException");
        return ListTaskDefinitionFamiliesResponse.builder().families(page.items()).nextToken(page.nextToken()).build();
    }

    DeregisterTaskDefinitionResponse deregisterTaskDefinition(RequestContext context,
                                                              DeregisterTaskDefinitionRequest request) {
        TaskDefinitions definitions = TaskDefinitions.of(context.state());
        String named = request.taskDefinition();
        TaskDefinitionReference reference = TaskDefinitionReference.parse(named, context.state())
                .filter(TaskDefinitionReference::hasRevision)
                .orElseThrow(() -> EcsErrors.client("Invalid task definition '" + named + "': DeregisterTaskDefinition "
                        + "needs a revision. Name it as family:revision (for example web:3) or by its full ARN."));
        TaskDefinitions.Revision revision = definitions.find(reference).orElseThrow(() -> EcsErrors.client(
                "The specified task definition does not exist: " + reference + " is not registered in this account "
                        + "and region."));
        TaskDefinition definition = revision.definition();
        if (definition.status() == TaskDefinitionStatus.DELETE_IN_PROGRESS) {
            throw EcsErrors.client("The task definition " + reference + " is being deleted (DELETE_IN_PROGRESS) and can't "
                    + "be deregistered.");
        }
        if (definition.status() == TaskDefinitionStatus.ACTIVE) {
            definition = definition.toBuilder().status(TaskDefinitionStatus.INACTIVE).deregisteredAt(context.now()).build();
            definitions.replace(definition, revision.tags());
        }
        return DeregisterTaskDefinitionResponse.builder().taskDefinition(definition).build();
    }

    DeleteTaskDefinitionsResponse deleteTaskDefinitions(RequestContext context, DeleteTaskDefinitionsRequest request) {
        if (request.taskDefinitions().isEmpty() || request.taskDefinitions().size() > MAX_DELETE) {
            throw EcsErrors.client("DeleteTaskDefinitions takes 1 to " + MAX_DELETE + " task definitions per call, not "
                    + request.taskDefinitions().size() + ".");
        }
        TaskDefinitions definitions = TaskDefinitions.of(context.state());
        List<TaskDefinition> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String named : request.taskDefinitions()) {
            Optional<TaskDefinitionReference> reference = TaskDefinitionReference.parse(named, context.state())
                    .filter(TaskDefinitionReference::hasRevision);
            Optional<TaskDefinitions.Revision> revision = reference.flatMap(definitions::find);
            if (revision.isEmpty()) {
                String arn = reference.map(r -> definitions.arn(r.family(), r.revision())).orElse(named);
                failures.add(Failure.builder().arn(arn).reason("MISSING").detail(reference.isPresent()
                        ? "No task definition " + reference.get() + " is registered in this account and region."
                        : "Name a task definition as family:revision or by its full ARN.").build());
                continue;
            }
            TaskDefinition definition = revision.get().definition();
            if (definition.status() == TaskDefinitionStatus.ACTIVE) {
                failures.add(Failure.builder().arn(definition.taskDefinitionArn()).reason(STILL_ACTIVE).build());
                continue;
            }
            if (definition.status() == TaskDefinitionStatus.INACTIVE) {
                definition = definition.toBuilder().status(TaskDefinitionStatus.DELETE_IN_PROGRESS)
                        .deleteRequestedAt(context.now()).build();
                definitions.replace(definition, revision.get().tags());
            }
            deleted.add(definition);
        }
        return DeleteTaskDefinitionsResponse.builder().taskDefinitions(deleted).failures(failures).build();
    }

    @Override
    public String resourceType() {
        return "task-definition";
    }

    @Override
    public List<Tag> tags(RequestContext context, String arn) {
        return requireByArn(context, arn).tags();
    }

    @Override
    public void replaceTags(RequestContext context, String arn, List<Tag> tags) {
        TaskDefinitions.of(context.state()).replace(requireByArn(context, arn).definition(), tags);
    }

    private static TaskDefinitions.Revision requireByArn(RequestContext context, String arn) {
        return TaskDefinitions.of(context.state()).findRevision(arn).orElseThrow(() -> EcsErrors.client(
                "The specified task definition does not exist: " + arn + ". A task definition ARN ends in "
                        + "task-definition/family:revision."));
    }

    /** The second sentence of "Unable to describe task definition.": what was looked for and what would be found. */
    private static String whyNotFound(RequestContext context, String named) {
        Optional<TaskDefinitionReference> reference = TaskDefinitionReference.parse(named, context.state());
        if (reference.isEmpty()) {
            return "'" + named + "' is not a task definition of this account and region: name one as family, "
                    + "family:revision or by its full ARN.";
        }
        if (!reference.get().hasRevision()) {
            return "The family '" + named + "' has no ACTIVE revision. Name a revision (family:revision) to describe an "
                    + "INACTIVE one.";
        }
        return "No task definition " + reference.get() + " is registered in this account and region.";
    }

    /**
     * The order ListTaskDefinitions answers in, as one string so that its page tokens can name a
     * position: ASC is by family name, then revision number (zero-padded so it sorts as a number);
     * DESC reverses both, by turning every character around (a family's name ends with the
     * lowest character, so "web" sorts before "web2" and, turned around, after it).
     */
    private static String sortKey(TaskDefinition definition, boolean descending) {
        String key = definition.family() + '\u0000' + String.format("%010d", definition.revision());
        if (!descending) {
            return key;
        }
        StringBuilder reversed = new StringBuilder(key.length());
        key.chars().forEach(c -> reversed.append((char) (Character.MAX_VALUE - c)));
        return reversed.toString();
    }
}
