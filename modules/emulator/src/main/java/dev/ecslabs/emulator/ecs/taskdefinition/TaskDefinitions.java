package dev.ecslabs.emulator.ecs.taskdefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.PersistentArea;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * The task definitions of one account and region: families, each with its numbered revisions
 * and their tags. Revisions count up from 1 per family and are never reused, not even after a
 * revision is deregistered or deleted (AWS keeps the family's counter), which is why the snapshot
 * keeps each family's last number beside its revisions.
 */
public final class TaskDefinitions implements PersistentArea {

    /** One registered revision and its tags. */
    public record Revision(TaskDefinition definition, List<Tag> tags) {
        public TaskDefinitionStatus status() {
            return definition.status();
        }
    }

    /** The revisions of one family, by number, and the last number handed out. */
    private static final class Family {
        private final NavigableMap<Integer, Revision> revisions = new TreeMap<>();
        private int lastRevision;
    }

    private final AccountRegion region;
    private final Map<String, Family> families = new TreeMap<>();

    private TaskDefinitions(AccountRegion region) {
        this.region = region;
    }

    public static TaskDefinitions of(AccountRegion region) {
        return region.area(TaskDefinitions.class, TaskDefinitions::new);
    }

    /**
     * The task definition that RunTask, CreateService or DescribeTaskDefinition names: for a bare
     * family its latest ACTIVE revision; for {@code family:revision} or an ARN that revision in
     * whatever status it has (callers decide what INACTIVE and DELETE_IN_PROGRESS allow).
     * Empty when nothing matches or the text names no task definition of this account and region.
     */
    public Optional<TaskDefinition> find(String familyRevisionOrArn) {
        return findRevision(familyRevisionOrArn).map(Revision::definition);
    }

    /** Like {@link #find(String)}, with the revision's tags. */
    public Optional<Revision> findRevision(String familyRevisionOrArn) {
        return TaskDefinitionReference.parse(familyRevisionOrArn, region).flatMap(this::find);
    }

    Optional<Revision> find(TaskDefinitionReference reference) {
        Family family = families.get(reference.family());
        if (family == null) {
            return Optional.empty();
        }
        if (reference.hasRevision()) {
            return Optional.ofNullable(family.revisions.get(reference.revision()));
        }
        return family.revisions.descendingMap().values().stream()
                .filter(revision -> revision.status() == TaskDefinitionStatus.ACTIVE)
                .findFirst();
    }

    /** The number the next revision of {@code family} will get. */
    int nextRevision(String family) {
        Family existing = families.get(family);
        return existing == null ? 1 : existing.lastRevision + 1;
    }

    /** Adds a new revision; its number must be {@link #nextRevision(String)}. */
    void add(TaskDefinition definition, List<Tag> tags) {
        Family family = families.computeIfAbsent(definition.family(), name -> new Family());
        if (definition.revision() != family.lastRevision + 1) {
            throw new IllegalStateException("Revision " + definition.revision() + " of " + definition.family()
                    + " is not the next one (" + (family.lastRevision + 1) + ")");
        }
        family.lastRevision = definition.revision();
        family.revisions.put(definition.revision(), new Revision(definition, List.copyOf(tags)));
    }

    /** Replaces an existing revision, for a status change or new tags. */
    void replace(TaskDefinition definition, List<Tag> tags) {
        Family family = families.get(definition.family());
        if (family == null || !family.revisions.containsKey(definition.revision())) {
            throw new IllegalStateException(definition.taskDefinitionArn() + " is not registered");
        }
        family.revisions.put(definition.revision(), new Revision(definition, List.copyOf(tags)));
    }

    /** Every revision, by family name and then revision number. */
    List<Revision> all() {
        List<Revision> all = new ArrayList<>();
        families.values().forEach(family -> all.addAll(family.revisions.values()));
        return all;
    }

    /** Each family with its revisions, by family name. */
    Map<String, Collection<Revision>> byFamily() {
        Map<String, Collection<Revision>> byFamily = new TreeMap<>();
        families.forEach((name, family) -> byFamily.put(name, List.copyOf(family.revisions.values())));
        return byFamily;
    }

    /** {@code [{"family", "lastRevision", "revisions": [{"taskDefinition": TaskDefinition, "tags": [Tag]}]}]}; no lifecycle to resume. */
    @Override
    public JsonNode snapshot() {
        ArrayNode written = AwsJsonCodec.MAPPER.createArrayNode();
        families.forEach((name, family) -> {
            ObjectNode json = written.addObject().put("family", name).put("lastRevision", family.lastRevision);
            ArrayNode revisions = json.putArray("revisions");
            for (Revision revision : family.revisions.values()) {
                ObjectNode entry = revisions.addObject();
                entry.set("taskDefinition", AwsJsonCodec.write(revision.definition()));
                ArrayNode tags = entry.putArray("tags");
                revision.tags().forEach(tag -> tags.add(AwsJsonCodec.write(tag)));
            }
        });
        return written;
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode json : snapshot) {
            Family family = new Family();
            family.lastRevision = json.path("lastRevision").asInt();
            for (JsonNode entry : json.path("revisions")) {
                TaskDefinition definition = AwsJsonCodec.read(entry.path("taskDefinition"), TaskDefinition.builder());
                if (definition.revision() == null || definition.revision() > family.lastRevision) {
                    throw new IllegalArgumentException("task definition " + definition.taskDefinitionArn()
                            + " has a revision past its family's last one, " + family.lastRevision);
                }
                List<Tag> tags = new ArrayList<>();
                entry.path("tags").forEach(tag -> tags.add(AwsJsonCodec.read(tag, Tag.builder())));
                family.revisions.put(definition.revision(), new Revision(definition, List.copyOf(tags)));
            }
            families.put(json.path("family").asText(), family);
        }
    }

    public String arn(String family, int revision) {
        return Arns.of("ecs", region.region(), region.accountId(), "task-definition/" + family + ":" + revision);
    }
}
