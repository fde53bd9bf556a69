package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ECS actions name a task definition: a bare {@code family} (its latest ACTIVE revision), a
 * {@code family:revision}, or the full ARN {@code arn:aws:ecs:<region>:<account>:task-definition/family:revision}.
 *
 * @param revision {@code null} for a bare family
 */
public record TaskDefinitionReference(String family, Integer revision) {
    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern FAMILY_REVISION = Pattern.compile("([A-Za-z0-9_-]{1,255})(?::(\\d{1,9}))?");
    private static final String RESOURCE_PREFIX = "task-definition/";

    /**
     * The reference in {@code text}, or empty when it is none of the three forms or an ARN of
     * another account or region (ECS never finds those).
     */
    public static Optional<TaskDefinitionReference> parse(String text, AccountRegion region) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (!Arns.looksLikeArn(text)) {
            return parseFamilyRevision(text);
        }
        return Arns.parse(text)
                .filter(arn -> arn.service().equals("ecs") && arn.resource().startsWith(RESOURCE_PREFIX))
                .filter(arn -> arn.accountId().equals(region.accountId()) && arn.region().equals(region.region()))
                .flatMap(arn -> parseFamilyRevision(arn.resource().substring(RESOURCE_PREFIX.length())))
                .filter(TaskDefinitionReference::hasRevision);
    }

    private static Optional<TaskDefinitionReference> parseFamilyRevision(String text) {
        Matcher matcher = FAMILY_REVISION.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Integer revision = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        if (revision != null && revision < 1) {
            return Optional.empty();
        }
        return Optional.of(new TaskDefinitionReference(matcher.group(1), revision));
    }

    public boolean hasRevision() {
        return revision != null;
    }

    @Override
    public String toString() {
        return revision == null ? family : family + ":" + revision;
    }
}
