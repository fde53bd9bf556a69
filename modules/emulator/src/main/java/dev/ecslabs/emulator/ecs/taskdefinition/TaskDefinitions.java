package dev.ecslabs.emulator.ecs.taskdefinition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
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
public final class TaskDefinitions implements ResourceArea {

    /** One registered revision and its tags. */
    public record Revision(@JsonProperty("taskDefinition") TaskDefinition definition, List<Tag> tags) {
        public TaskDefinitionStatus status() {
            return definition.status();
        }
    }

    /** A family as saved: its name, the last revision number handed out, and its revisions. */
    record SavedFamily(String family, int lastRevision, List<Revision> revisions) {
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
        region.changed(TaskDefinitions.class, key(definition));
    }

    /** Replaces an existing revision, for a status change or new tags. */
    void replace(TaskDefinition definition, List<Tag> tags) {
        Family family = families.get(definition.family());
        if (family == null || !family.revisions.containsKey(definition.revision())) {
            throw new IllegalStateException(definition.taskDefinitionArn() + " is not registered");
        }
        family.revisions.put(definition.revision(), new Revision(definition, List.copyOf(tags)));
        region.changed(TaskDefinitions.class, key(definition));
    }

    /** The key a revision is journaled under: {@code family:revision}. */
    private static String key(TaskDefinition definition) {
        return definition.family() + ":" + definition.revision();
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
        List<SavedFamily> saved = new ArrayList<>();
        families.forEach((name, family) -> saved.add(new SavedFamily(name, family.lastRevision, List.copyOf(family.revisions.values()))));
        return SavedStateJson.write(saved);
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (SavedFamily saved : SavedStateJson.read(snapshot, new TypeReference<List<SavedFamily>>() { })) {
            if (saved == null || saved.family() == null) {
                throw new IllegalArgumentException("a task definition family lacks its name");
            }
            Family family = new Family();
            family.lastRevision = saved.lastRevision();
            for (Revision read : saved.revisions() == null ? List.<Revision>of() : saved.revisions()) {
                Revision revision = checked(read);
                if (revision.definition().revision() > family.lastRevision) {
                    throw new IllegalArgumentException("task definition " + revision.definition().taskDefinitionArn()
                            + " has a revision past its family's last one, " + family.lastRevision);
                }
                family.revisions.put(revision.definition().revision(), revision);
            }
            families.put(saved.family(), family);
        }
    }

    /** A revision is journaled by {@code family:revision} as {@code {"taskDefinition": TaskDefinition, "tags": [Tag]}}. */
    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        int colon = key.lastIndexOf(':');
        Family family = colon <= 0 ? null : families.get(key.substring(0, colon));
        if (family == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(family.revisions.get(Integer.parseInt(key.substring(colon + 1)))).map(TaskDefinitions::write);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Puts a journaled revision back; its family's last number is at least its own, as it was when it was registered. */
    @Override
    public void restoreResource(String key, JsonNode json) {
        int colon = key.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + key + "' is not a task definition's family:revision");
        }
        if (json == null) {
            Family family = families.get(key.substring(0, colon));
            if (family != null) {
                family.revisions.remove(Integer.parseInt(key.substring(colon + 1)));
            }
            return;
        }
        Revision revision = read(json);
        if (!key.equals(key(revision.definition()))) {
            throw new IllegalArgumentException("the task definition saved as '" + key + "' is " + key(revision.definition()));
        }
        Family family = families.computeIfAbsent(revision.definition().family(), name -> new Family());
        family.lastRevision = Math.max(family.lastRevision, revision.definition().revision());
        family.revisions.put(revision.definition().revision(), revision);
    }

    private static JsonNode write(Revision revision) {
        return SavedStateJson.write(revision);
    }

    private static Revision read(JsonNode entry) {
        return checked(SavedStateJson.read(entry, Revision.class));
    }

    private static Revision checked(Revision revision) {
        if (revision == null || revision.definition() == null || revision.definition().family() == null
                || revision.definition().revision() == null) {
            throw new IllegalArgumentException("a task definition lacks its family or revision: "
                    + (revision == null || revision.definition() == null ? null : revision.definition().taskDefinitionArn()));
        }
        return revision.tags() == null ? new Revision(revision.definition(), List.of()) : revision;
    }

    public String arn(String family, int revision) {
        return Arns.of("ecs", region.region(), region.accountId(), "task-definition/" + family + ":" + revision);
    }
}
